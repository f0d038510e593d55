import { createHmac, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { STATION_INACTIVE_MESSAGE, type Checkin, type Visit, type checkinInputSchema, type visitInputSchema } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { CheckinRow, VisitRow } from '../repos/field.js';
import { cstDate, cstMidnight } from './calendar.js';
import type { SessionUser } from './session.js';

/** The key printed in a station's QR code; a check-in must present it. */
export const stationKey = (secret: string, stationId: string) =>
  createHmac('sha256', secret).update(`station:${stationId}`).digest('base64url').slice(0, 16);

function toVisit(deps: Deps, r: VisitRow): Visit {
  return {
    id: r.id,
    deputyCode: r.deputy_code,
    deputyName: deps.reference.deputy(r.deputy_code)?.name ?? '',
    kind: r.kind,
    date: r.date,
    place: r.place,
    people: r.people,
    summary: r.summary,
    photos: (JSON.parse(r.photo_ids) as string[]).map((id) => ({ id, url: deps.signer.url(id) })),
    createdAt: r.created_at,
  };
}

/** 走访 / 接待: a deputy records one, with photos they uploaded themselves, on a day not yet to come. */
export function recordVisit(deps: Deps, user: SessionUser, input: z.infer<typeof visitInputSchema>): Visit {
  const photos = [...new Set(input.photoIds ?? [])];
  for (const pid of photos) {
    const meta = deps.uploads.meta(pid);
    if (!meta || meta.owner_user_id !== user.id) throw new ApiError('invalid_input', '照片不存在或不是您上传的', 'photoIds');
  }
  if (input.date > cstDate(deps.clock.now())) throw new ApiError('invalid_input', '不能记录未来日期的走访', 'date');
  const row: VisitRow = {
    id: randomUUID(),
    deputy_code: user.deputyCode!,
    kind: input.kind,
    date: input.date,
    place: input.place,
    people: input.people ?? '',
    summary: input.summary,
    photo_ids: JSON.stringify(photos),
    created_at: deps.clock.now().toISOString(),
  };
  deps.field.insertVisit(row);
  return toVisit(deps, row);
}

/**
 * The visits a viewer may see: a deputy their own, office and leaders those of the deputies of
 * their region, an admin everyone's; `deputyCode` narrows to one deputy within that.
 */
export function listVisits(
  deps: Deps,
  user: SessionUser,
  q: { page: number; pageSize: number; deputyCode?: string },
): { items: Visit[]; total: number } {
  let codes: string[] | null;
  if (user.role === 'deputy') codes = [user.deputyCode!];
  else if (user.role === 'admin' || !user.regionId) codes = user.role === 'admin' ? null : [];
  else
    codes = deps.reference
      .deputies()
      .filter((d) => deps.reference.isWithin(d.region_id, user.regionId!))
      .map((d) => d.code);
  if (q.deputyCode) codes = codes === null || codes.includes(q.deputyCode) ? [q.deputyCode] : [];
  const { items, total } = deps.field.visits(codes, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: items.map((r) => toVisit(deps, r)), total };
}

/** 进站打卡: once a day per station; a repeat answers with the day's first check-in. */
export function checkIn(deps: Deps, user: SessionUser, { stationId, key }: z.infer<typeof checkinInputSchema>, secret: string): Checkin {
  const station = deps.reference.station(stationId);
  if (!station || key !== stationKey(secret, stationId)) {
    throw new ApiError('invalid_input', '二维码无效：请扫描联络站张贴的进站二维码', 'key');
  }
  // 停用: a closed station's poster may still hang somewhere; no check-in is recorded there
  if (station.active !== 1) throw new ApiError('conflict', STATION_INACTIVE_MESSAGE, 'stationId');
  const now = deps.clock.now();
  const existing = deps.field.checkinSince(user.deputyCode!, stationId, cstMidnight(cstDate(now)).toISOString());
  const row: CheckinRow = existing ?? { id: randomUUID(), deputy_code: user.deputyCode!, station_id: stationId, at: now.toISOString() };
  if (!existing) deps.field.insertCheckin(row);
  return {
    id: row.id,
    deputyCode: row.deputy_code,
    stationId,
    stationName: station.name,
    at: row.at,
    repeated: Boolean(existing),
  };
}

/** The deputy's own last check-ins. */
export function checkinsOf(deps: Deps, user: SessionUser): Checkin[] {
  return deps.field.checkinsOf(user.deputyCode!).map((r) => ({
    id: r.id,
    deputyCode: r.deputy_code,
    stationId: r.station_id,
    stationName: deps.reference.station(r.station_id)?.name ?? '',
    at: r.at,
    repeated: false,
  }));
}
