import type { AdminVillage, CreateVillageInput, UpdateVillageInput } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { RegionRow } from '../repos/reference.js';
import { managesRegion } from './deputies.js';
import { nameSortActiveChanges, recordAdminChange } from './admin-changes.js';
import type { SessionUser } from './session.js';
import { nextFreeId } from '../util/next-free-id.js';

/**
 * 村（社区）: the office adds a village or community (one is founded or split off), renames it,
 * re-orders it, and stops one (停用: merged away or dissolved — out of the citizen's picker and
 * the station form; a stopped one can be used again). Towns are not changed here. An admin and
 * the office of the city manage every town's villages; a town's office its own town's. Each
 * change goes through recordAdminChange; the seed leaves a village changed here alone (seed/reference.ts).
 */

function toAdminVillageDto(v: RegionRow, deps: Deps): AdminVillage {
  return {
    id: v.id,
    name: v.name,
    townId: v.parent_id ?? '',
    townName: (v.parent_id && deps.reference.region(v.parent_id)?.name) || '',
    sort: v.sort,
    active: v.active === 1,
    stations: deps.reference.stations().filter((s) => s.region_id === v.id && s.active === 1).length,
  };
}

/** The next free <town>-NN after the highest one in use (the seeded ones are danghu-01 … danghu-06). */
export function nextVillageId(townId: string, ids: readonly string[]): string {
  return nextFreeId(`${townId}-`, 2, ids);
}

function checkOffice(user: SessionUser): void {
  if (user.role !== 'admin' && user.role !== 'office')
    throw new ApiError('forbidden', '只有人大常委会办公室和系统管理员可以管理村（社区）');
}

function checkNameFree(deps: Deps, townId: string, name: string, self: string | null): void {
  const holder = deps.admin.childIdByName(townId, name);
  if (holder && holder !== self) throw new ApiError('conflict', '本镇街已有同名的村（社区）', 'name');
}

/** A village the caller manages; anything else (a town, another town's village, no such id) is a 404. */
function managedVillage(deps: Deps, user: SessionUser, id: string): RegionRow {
  const v = deps.reference.region(id);
  if (!v || v.kind !== 'village' || !managesRegion(deps, user, v.id)) throw notFound('未找到该村（社区）');
  return v;
}

/** 村（社区）'s list: the villages of the caller's towns, in use or stopped, by town and 排序. */
export function listVillages(deps: Deps, user: SessionUser): AdminVillage[] {
  checkOffice(user);
  const townOrder = new Map(
    deps.reference
      .regions()
      .filter((r) => r.kind === 'town')
      .map((t, i) => [t.id, i]),
  );
  return deps.reference
    .regions()
    .filter((r) => r.kind === 'village' && managesRegion(deps, user, r.id))
    .sort(
      (a, b) =>
        (townOrder.get(a.parent_id ?? '') ?? 0) - (townOrder.get(b.parent_id ?? '') ?? 0) || a.sort - b.sort || a.id.localeCompare(b.id),
    )
    .map((v) => toAdminVillageDto(v, deps));
}

export function createVillage(deps: Deps, actor: SessionUser, input: CreateVillageInput): AdminVillage {
  checkOffice(actor);
  const town = deps.reference.region(input.townId);
  if (!town || town.kind !== 'town') throw new ApiError('invalid_input', '所属镇街不存在', 'townId');
  if (!managesRegion(deps, actor, town.id)) throw new ApiError('forbidden', '只能管理本镇街的村（社区）', 'townId');
  const id = recordAdminChange(deps, actor, 'village_create', () => {
    checkNameFree(deps, town.id, input.name, null);
    const id = nextVillageId(town.id, deps.admin.regionIds());
    const row: RegionRow = {
      id,
      name: input.name,
      kind: 'village',
      parent_id: town.id,
      sort: deps.admin.nextChildSort(town.id),
      active: 1,
    };
    deps.admin.insertRegion(row);
    return { target: id, changes: { id, name: row.name, townId: town.id }, value: id };
  });
  return toAdminVillageDto(deps.reference.region(id)!, deps);
}

export function updateVillage(deps: Deps, actor: SessionUser, id: string, input: UpdateVillageInput): AdminVillage {
  checkOffice(actor);
  const before = managedVillage(deps, actor, id);
  const { fields, changes } = nameSortActiveChanges(before, input);
  if (!Object.keys(changes).length) return toAdminVillageDto(before, deps);
  recordAdminChange(deps, actor, 'village_update', () => {
    if (fields.name !== undefined) checkNameFree(deps, before.parent_id ?? '', fields.name, id);
    if (fields.active === 0) {
      // citizens would still find the station under a village no longer offered: the office moves or stops it first
      const open = deps.admin.openStationsIn(id);
      if (open) throw new ApiError('conflict', `该村（社区）还有${open}个联络站在用，请先在联络站中改选所属地区或停用`, 'active');
    }
    deps.admin.updateRegion(id, fields);
    return { target: id, changes, value: null };
  });
  return toAdminVillageDto(deps.reference.region(id)!, deps);
}
