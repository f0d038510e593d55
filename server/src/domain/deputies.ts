import {
  LEVEL_LABELS,
  STATION_INACTIVE_PLACE_MESSAGE,
  deputyAvatarUrl,
  type CreateDeputyInput,
  type Deputy,
  type UpdateDeputyInput,
} from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import type { DeputyRow } from '../repos/reference.js';
import { photoUrlOf } from './deputy-photo.js';
import { newId, recordAdminChange } from './admin-changes.js';
import type { SessionUser } from './session.js';
import { nextFreeId } from '../util/next-free-id.js';

/** A deputy as the API shows it (public profile, pickers, admin list). */
export function toDeputyDto(d: DeputyRow, deps: Deps): Deputy {
  const station = d.station_id ? deps.reference.station(d.station_id) : undefined;
  return {
    code: d.code,
    name: d.name,
    level: d.level,
    levelLabel: LEVEL_LABELS[d.level],
    regionId: d.region_id,
    regionName: deps.reference.region(d.region_id)?.name ?? '',
    stationId: d.station_id,
    stationName: station?.name ?? null,
    constituency: d.constituency,
    photoUrl: d.photo_url,
    bio: d.bio,
    receptionDays: station?.reception_days ?? '',
    inOffice: d.in_office === 1,
  };
}

/**
 * 代表名册: the office adds deputies (a QR code and an account can then be opened for them),
 * corrects them, and marks those who have left office. An admin and the office of the city
 * manage every deputy; a town's office those of its town. Each change goes through
 * recordAdminChange; the seed leaves a deputy changed here alone (seed/reference.ts).
 */

/** Whether `user` manages deputies of `regionId` (an admin all; office staff their region and below). */
export function managesRegion(deps: Deps, user: SessionUser, regionId: string): boolean {
  if (user.role === 'admin') return true;
  return user.role === 'office' && user.regionId !== null && deps.reference.isWithin(regionId, user.regionId);
}

/**
 * The region must exist; the station, if any, must be the region's or a town's below it (a city
 * region), and open when the deputy is newly placed there (a stopped one keeps those it has).
 */
function checkPlace(deps: Deps, regionId: string, stationId: string | null, newlyPlaced = true): void {
  const region = deps.reference.region(regionId);
  if (!region) throw new ApiError('invalid_input', '所属地区不存在', 'regionId');
  if (stationId === null) return;
  const station = deps.reference.station(stationId);
  if (!station) throw new ApiError('invalid_input', '联络站不存在', 'stationId');
  if (!deps.reference.isWithin(station.region_id, regionId))
    throw new ApiError('invalid_input', `${station.name}不属于${region.name}`, 'stationId');
  if (newlyPlaced && station.active !== 1) throw new ApiError('conflict', STATION_INACTIVE_PLACE_MESSAGE, 'stationId');
}

function checkManaged(deps: Deps, user: SessionUser, regionId: string): void {
  if (!managesRegion(deps, user, regionId)) throw new ApiError('forbidden', '只能管理本镇街的代表', 'regionId');
}

/** The next free D### after the highest one in use (D035 after the 34 seeded deputies). */
export function nextDeputyCode(codes: readonly string[]): string {
  return nextFreeId('D', 3, codes);
}

/** A photo the caller may give a deputy: their own upload (sniffed, EXIF stripped), not one attached to a case. */
function checkOwnPhoto(deps: Deps, actor: SessionUser, photoId: string) {
  const meta = deps.uploads.meta(photoId);
  if (!meta || meta.owner_user_id !== actor.id || meta.case_id !== null)
    throw new ApiError('invalid_input', '照片不存在或不是您上传的，请重新上传', 'photoId');
}

export function createDeputy(deps: Deps, actor: SessionUser, input: CreateDeputyInput): Deputy {
  const stationId = input.stationId ?? null;
  checkPlace(deps, input.regionId, stationId);
  checkManaged(deps, actor, input.regionId);
  if (input.photoId) checkOwnPhoto(deps, actor, input.photoId);
  const code = recordAdminChange(deps, actor, 'deputy_create', () => {
    const code = newId(input.code, deps.admin.deputyCodes(), nextDeputyCode, { field: 'code', message: '该代表编号已被使用' });
    const row: DeputyRow = {
      code,
      name: input.name,
      level: input.level,
      region_id: input.regionId,
      station_id: stationId,
      constituency: input.constituency,
      // the generated portrait unless a photo was uploaded for them
      photo_url: input.photoId ? photoUrlOf(code, input.photoId) : deputyAvatarUrl(code),
      bio: input.bio ?? '',
      sort: input.sort ?? deps.admin.nextDeputySort(),
      in_office: 1,
    };
    deps.admin.insertDeputy(row);
    const { code: _given, photoId, ...logged } = input;
    return { target: code, changes: { code, ...logged, sort: row.sort, ...(photoId ? { photo: '已上传' } : {}) }, value: code };
  });
  return toDeputyDto(deps.reference.deputy(code)!, deps);
}

export function updateDeputy(deps: Deps, actor: SessionUser, code: string, input: UpdateDeputyInput): Deputy {
  const before = deps.reference.deputy(code);
  // a deputy outside the caller's region is not theirs to see here
  if (!before || !managesRegion(deps, actor, before.region_id)) throw notFound('未找到该代表');
  const regionId = input.regionId ?? before.region_id;
  const stationId = input.stationId !== undefined ? input.stationId : before.station_id;
  if (regionId !== before.region_id || stationId !== before.station_id) {
    checkPlace(deps, regionId, stationId, stationId !== before.station_id);
    checkManaged(deps, actor, regionId);
  }
  const fields: Parameters<Deps['admin']['updateDeputy']>[1] = {};
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== before.name) fields.name = changes.name = input.name;
  if (input.level !== undefined && input.level !== before.level) fields.level = changes.level = input.level;
  if (regionId !== before.region_id) fields.region_id = changes.regionId = regionId;
  if (stationId !== before.station_id) fields.station_id = changes.stationId = stationId;
  if (input.constituency !== undefined && input.constituency !== before.constituency)
    fields.constituency = changes.constituency = input.constituency;
  if (input.bio !== undefined && input.bio !== before.bio) fields.bio = changes.bio = input.bio;
  if (input.sort !== undefined && input.sort !== before.sort) fields.sort = changes.sort = input.sort;
  if (input.inOffice !== undefined && input.inOffice !== (before.in_office === 1)) {
    fields.in_office = input.inOffice ? 1 : 0;
    changes.inOffice = input.inOffice;
  }
  if (input.photoId !== undefined) {
    const photoUrl = input.photoId === null ? deputyAvatarUrl(code) : photoUrlOf(code, input.photoId);
    if (photoUrl !== before.photo_url) {
      if (input.photoId !== null) checkOwnPhoto(deps, actor, input.photoId);
      fields.photo_url = photoUrl;
      changes.photo = input.photoId === null ? '恢复默认头像' : '已更换';
    }
  }
  if (!Object.keys(changes).length) return toDeputyDto(before, deps);
  recordAdminChange(deps, actor, 'deputy_update', () => {
    deps.admin.updateDeputy(code, fields);
    return { target: code, changes, value: null };
  });
  return toDeputyDto(deps.reference.deputy(code)!, deps);
}

/** 代表名册's list: the caller's deputies, in office or not, by region, search and status. */
export function listManagedDeputies(
  deps: Deps,
  user: SessionUser,
  query: { q?: string | undefined; regionId?: string | undefined; inOffice?: 'true' | 'false' | undefined },
): Deputy[] {
  const regionIds = query.regionId ? new Set(deps.reference.subtree(query.regionId)) : null;
  const needle = query.q?.toLowerCase();
  return deps.reference
    .deputies()
    .filter((d) => managesRegion(deps, user, d.region_id))
    .filter((d) => !regionIds || regionIds.has(d.region_id))
    .filter((d) => !query.inOffice || (d.in_office === 1) === (query.inOffice === 'true'))
    .map((d) => toDeputyDto(d, deps))
    .filter(
      (d) => !needle || [d.name, d.code, d.constituency, d.stationName ?? '', d.regionName].some((s) => s.toLowerCase().includes(needle)),
    );
}
