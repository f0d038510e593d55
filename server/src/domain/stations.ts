import type { AdminStation, CreateStationInput, Station, UpdateStationInput } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { StationRow } from '../repos/reference.js';
import { managesRegion } from './deputies.js';
import { newId, recordAdminChange } from './admin-changes.js';
import type { SessionUser } from './session.js';
import { nextFreeId } from '../util/next-free-id.js';

/**
 * 联络站: the office adds a liaison station (a new 联络站 or 代表之家 opens), corrects its name,
 * address and 接待日, and stops one (停用: it closed — out of the public lists and pickers, no
 * check-in, no new deputy placed there; its deputies' profiles and past check-ins stay). An admin
 * and the office of the city manage every station; a town's office those of its town (as in
 * 代表名册). Each change goes through recordAdminChange; the seed leaves a station changed
 * here alone (seed/reference.ts).
 */

export const toStationDto = (s: StationRow): Station => ({
  id: s.id,
  name: s.name,
  regionId: s.region_id,
  address: s.address,
  receptionDays: s.reception_days,
  active: s.active === 1,
});

export function toAdminStationDto(s: StationRow, deps: Deps): AdminStation {
  return {
    ...toStationDto(s),
    regionName: deps.reference.region(s.region_id)?.name ?? '',
    deputies: deps.reference.deputies().filter((d) => d.station_id === s.id && d.in_office === 1).length,
  };
}

/** The next free st-### after the highest one in use (st-001 when none is: the seeded ones are st-<town>). */
export function nextStationId(ids: readonly string[]): string {
  return nextFreeId('st-', 3, ids);
}

function checkOffice(user: SessionUser): void {
  if (user.role !== 'admin' && user.role !== 'office') throw new ApiError('forbidden', '只有人大常委会办公室和系统管理员可以管理联络站');
}

function checkRegion(deps: Deps, actor: SessionUser, regionId: string): void {
  const region = deps.reference.region(regionId);
  if (!region) throw new ApiError('invalid_input', '所属地区不存在', 'regionId');
  if (!managesRegion(deps, actor, regionId)) throw new ApiError('forbidden', '只能管理本镇街的联络站', 'regionId');
  if (region.active === 0) throw new ApiError('conflict', '该村（社区）已停用，请选择其他地区', 'regionId');
}

function checkNameFree(deps: Deps, regionId: string, name: string, self: string | null): void {
  const holder = deps.admin.stationIdByName(regionId, name);
  if (holder && holder !== self) throw new ApiError('conflict', '本地区已有同名的联络站', 'name');
}

/** 联络站's list: the caller's region's stations, open or stopped. */
export function listStations(deps: Deps, user: SessionUser): AdminStation[] {
  checkOffice(user);
  return deps.reference
    .stations()
    .filter((s) => managesRegion(deps, user, s.region_id))
    .map((s) => toAdminStationDto(s, deps));
}

export function createStation(deps: Deps, actor: SessionUser, input: CreateStationInput): AdminStation {
  checkOffice(actor);
  checkRegion(deps, actor, input.regionId);
  const id = recordAdminChange(deps, actor, 'station_create', () => {
    const id = newId(input.id, deps.admin.stationIds(), nextStationId, { field: 'id', message: '该联络站编号已被使用' });
    checkNameFree(deps, input.regionId, input.name, null);
    const row: StationRow = {
      id,
      name: input.name,
      region_id: input.regionId,
      address: input.address,
      reception_days: input.receptionDays,
      active: 1,
    };
    deps.admin.insertStation(row);
    return {
      target: id,
      changes: { id, name: row.name, regionId: row.region_id, address: row.address, receptionDays: row.reception_days },
      value: id,
    };
  });
  return toAdminStationDto(deps.reference.station(id)!, deps);
}

export function updateStation(deps: Deps, actor: SessionUser, id: string, input: UpdateStationInput): AdminStation {
  checkOffice(actor);
  const before = deps.reference.station(id);
  // a station outside the caller's region is not theirs to see here
  if (!before || !managesRegion(deps, actor, before.region_id)) throw notFound('未找到该联络站');
  const regionId = input.regionId ?? before.region_id;
  if (regionId !== before.region_id) checkRegion(deps, actor, regionId);
  const fields: Parameters<Deps['admin']['updateStation']>[1] = {};
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== before.name) fields.name = changes.name = input.name;
  if (regionId !== before.region_id) fields.region_id = changes.regionId = regionId;
  if (input.address !== undefined && input.address !== before.address) fields.address = changes.address = input.address;
  if (input.receptionDays !== undefined && input.receptionDays !== before.reception_days)
    fields.reception_days = changes.receptionDays = input.receptionDays;
  if (input.active !== undefined && input.active !== (before.active === 1)) {
    fields.active = input.active ? 1 : 0;
    changes.active = input.active;
  }
  if (!Object.keys(changes).length) return toAdminStationDto(before, deps);
  recordAdminChange(deps, actor, 'station_update', () => {
    if (fields.name !== undefined || fields.region_id !== undefined) checkNameFree(deps, regionId, fields.name ?? before.name, id);
    const placed = deps.admin.stationDeputies(id);
    if (fields.region_id !== undefined) {
      // a deputy's station is of their region (or of a town below it): the station may not leave it
      const outside = placed.filter((d) => !deps.reference.isWithin(regionId, d.region_id));
      if (outside.length)
        throw new ApiError('conflict', `该联络站有${outside.length}位代表不属于新的所属地区，请先在代表名册中为他们改选联络站`, 'regionId');
    }
    if (fields.active === 0) {
      // a closed station would still be shown as theirs to citizens: the office moves them first
      const serving = placed.filter((d) => d.in_office === 1).length;
      if (serving) throw new ApiError('conflict', `该联络站还有${serving}位在任代表，请先在代表名册中为他们改选联络站再停用`, 'active');
    }
    deps.admin.updateStation(id, fields);
    return { target: id, changes, value: null };
  });
  return toAdminStationDto(deps.reference.station(id)!, deps);
}
