import type { AdminUnit, Category, CreateUnitInput, UpdateCategoryInput, UpdateUnitInput } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { CategoryRow, UnitRow } from '../repos/reference.js';
import { nameSortActiveChanges, newId, recordAdminChange } from './admin-changes.js';
import type { SessionUser } from './session.js';
import { nextFreeId } from '../util/next-free-id.js';

/** The id of a town's own government (镇人民政府/街道办事处), the unit a town-level case goes to. */
export const townUnitId = (townId: string) => `gov-${townId}`;

/**
 * 承办单位与分类: the office of the city and admins add handling units (a new department after an
 * institutional reform), rename them, stop assigning to one (停用: not offered, accepted or
 * suggested for new assignments; its cases stay its own, and so do its figures), and change the
 * unit a category routes to by default. Each change goes through recordAdminChange; the seed leaves a unit or a category
 * changed here alone (seed/reference.ts).
 */

/** Units are the whole city's: admins and the office of the city (a region without a parent) manage them; a town's office does not. */
export function managesUnits(deps: Deps, user: SessionUser): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'office' && user.regionId !== null && deps.reference.region(user.regionId)?.kind === 'city';
}

function checkManages(deps: Deps, user: SessionUser): void {
  if (!managesUnits(deps, user)) throw new ApiError('forbidden', '只有市人大常委会办公室和系统管理员可以管理承办单位');
}

export function toAdminUnitDto(u: UnitRow, deps: Deps): AdminUnit {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    regionId: u.region_id,
    active: u.active === 1,
    sort: u.sort,
    regionName: u.region_id ? (deps.reference.region(u.region_id)?.name ?? null) : null,
    defaultFor: deps.reference
      .categories()
      .filter((c) => c.default_unit_id === u.id)
      .map((c) => ({ id: c.id, name: c.name })),
  };
}

export const toCategoryDto = (c: CategoryRow): Category => ({ id: c.id, name: c.name, defaultUnitId: c.default_unit_id });

/** The next free u-### after the highest one in use (u-001 when none is). */
export function nextUnitId(ids: readonly string[]): string {
  return nextFreeId('u-', 3, ids);
}

function checkNameFree(deps: Deps, name: string, self: string | null): void {
  const holder = deps.admin.unitIdByName(name);
  if (holder && holder !== self) throw new ApiError('conflict', '已有同名的承办单位', 'name');
}

export function listUnits(deps: Deps, user: SessionUser): AdminUnit[] {
  checkManages(deps, user);
  return deps.reference.units().map((u) => toAdminUnitDto(u, deps));
}

export function createUnit(deps: Deps, actor: SessionUser, input: CreateUnitInput): AdminUnit {
  checkManages(deps, actor);
  const regionId = input.regionId ?? null;
  if (regionId !== null && !deps.reference.region(regionId)) throw new ApiError('invalid_input', '所属地区不存在', 'regionId');
  if (input.kind === 'town' && (regionId === null || deps.reference.region(regionId)?.kind !== 'town')) {
    throw new ApiError('invalid_input', '镇街单位须选择所属镇（街道）', 'regionId');
  }
  const id = recordAdminChange(deps, actor, 'unit_create', () => {
    const id = newId(input.id, deps.admin.unitIds(), nextUnitId, { field: 'id', message: '该单位编号已被使用' });
    checkNameFree(deps, input.name, null);
    const row: UnitRow = {
      id,
      name: input.name,
      kind: input.kind,
      region_id: regionId,
      sort: input.sort ?? deps.admin.nextUnitSort(input.kind),
      active: 1,
    };
    deps.admin.insertUnit(row);
    return { target: id, changes: { id, name: row.name, kind: row.kind, regionId, sort: row.sort }, value: id };
  });
  return toAdminUnitDto(deps.reference.unit(id)!, deps);
}

export function updateUnit(deps: Deps, actor: SessionUser, id: string, input: UpdateUnitInput): AdminUnit {
  checkManages(deps, actor);
  const before = deps.reference.unit(id);
  if (!before) throw notFound('未找到该承办单位');
  const { fields, changes } = nameSortActiveChanges(before, input);
  if (!Object.keys(changes).length) return toAdminUnitDto(before, deps);
  recordAdminChange(deps, actor, 'unit_update', () => {
    if (fields.name !== undefined) checkNameFree(deps, fields.name, id);
    if (fields.active === 0) {
      // a category's cases would be routed to a unit that takes none: its default is changed first
      const defaults = deps.reference.categories().filter((c) => c.default_unit_id === id);
      if (defaults.length) {
        throw new ApiError(
          'conflict',
          `该单位是${defaults.map((c) => `“${c.name}”`).join('、')}的默认承办单位，请先改选这些分类的默认承办单位再停用`,
          'active',
        );
      }
    }
    deps.admin.updateUnit(id, fields);
    return { target: id, changes, value: null };
  });
  return toAdminUnitDto(deps.reference.unit(id)!, deps);
}

export function updateCategory(deps: Deps, actor: SessionUser, id: string, input: UpdateCategoryInput): Category {
  checkManages(deps, actor);
  const before = deps.reference.category(id);
  if (!before) throw notFound('未找到该分类');
  const unit = deps.reference.unit(input.defaultUnitId);
  if (!unit) throw new ApiError('invalid_input', '承办单位不存在', 'defaultUnitId');
  if (unit.active !== 1) throw new ApiError('invalid_input', `${unit.name}已停用，不能作为默认承办单位`, 'defaultUnitId');
  if (unit.id === before.default_unit_id) return toCategoryDto(before);
  recordAdminChange(deps, actor, 'category_update', () => {
    deps.admin.setDefaultUnit(id, unit.id);
    return { target: id, changes: { defaultUnitId: unit.id }, value: null };
  });
  return toCategoryDto(deps.reference.category(id)!);
}
