import { createHmac, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import QRCode from 'qrcode';
import { STATION_INACTIVE_MESSAGE, checkinInputSchema, visitInputSchema, type Checkin, type Visit } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { cstDate, cstMidnight } from '../domain/calendar.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { ApiError, notFound } from '../errors.js';
import { validate } from '../http/validate.js';
import type { RouteContext } from './context.js';

interface VisitRow {
  id: string;
  deputy_code: string;
  kind: 'visit' | 'reception';
  date: string;
  place: string;
  people: string;
  summary: string;
  photo_ids: string;
  created_at: string;
}
interface CheckinRow {
  id: string;
  deputy_code: string;
  station_id: string;
  at: string;
}

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

/** 走: a deputy's visits, reception days and liaison-station check-ins. */
export function fieldRoutes(ctx: RouteContext) {
  return new Hono<AppEnv>()
    .post('/visits', validate('json', visitInputSchema), (c) => {
      const user = currentUser(c, ['deputy']);
      const deps = c.get('deps');
      const input = c.req.valid('json');
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
      deps.db
        .prepare(
          `INSERT INTO visits (id, deputy_code, kind, date, place, people, summary, photo_ids, created_at)
           VALUES (@id, @deputy_code, @kind, @date, @place, @people, @summary, @photo_ids, @created_at)`,
        )
        .run(row);
      return c.json(toVisit(deps, row), 201);
    })
    .get('/visits', (c) => {
      const user = currentUser(c, ['deputy', 'office', 'leader', 'admin']);
      const deps = c.get('deps');
      const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(c.req.query('pageSize') ?? 20) || 20));
      let codes: string[] | null;
      if (user.role === 'deputy') codes = [user.deputyCode!];
      else if (user.role === 'admin' || !user.regionId) codes = user.role === 'admin' ? null : [];
      else
        codes = deps.reference
          .deputies()
          .filter((d) => deps.reference.isWithin(d.region_id, user.regionId!))
          .map((d) => d.code);
      const asked = c.req.query('deputyCode');
      if (asked) codes = codes === null || codes.includes(asked) ? [asked] : [];
      const where = codes === null ? '' : `WHERE deputy_code IN (${codes.map(() => '?').join(',') || "''"})`;
      const params = codes ?? [];
      const items = deps.db
        .prepare(`SELECT * FROM visits ${where} ORDER BY date DESC, created_at DESC LIMIT ? OFFSET ?`)
        .all(...params, pageSize, (page - 1) * pageSize) as VisitRow[];
      const total = (deps.db.prepare(`SELECT count(*) AS n FROM visits ${where}`).get(...params) as { n: number }).n;
      return c.json({ items: items.map((r) => toVisit(deps, r)), total }, 200);
    })
    .post('/checkins', validate('json', checkinInputSchema), (c) => {
      const user = currentUser(c, ['deputy']);
      const deps = c.get('deps');
      const { stationId, key } = c.req.valid('json');
      const station = deps.reference.station(stationId);
      if (!station || key !== stationKey(ctx.tokens.secret, stationId)) {
        throw new ApiError('invalid_input', '二维码无效：请扫描联络站张贴的进站二维码', 'key');
      }
      // 停用: a closed station's poster may still hang somewhere; no check-in is recorded there
      if (station.active !== 1) throw new ApiError('conflict', STATION_INACTIVE_MESSAGE, 'stationId');
      const now = deps.clock.now();
      const dayStart = cstMidnight(cstDate(now)).toISOString();
      const existing = deps.db
        .prepare<[string, string, string], CheckinRow>('SELECT * FROM checkins WHERE deputy_code = ? AND station_id = ? AND at >= ?')
        .get(user.deputyCode!, stationId, dayStart);
      const row: CheckinRow = existing ?? { id: randomUUID(), deputy_code: user.deputyCode!, station_id: stationId, at: now.toISOString() };
      if (!existing)
        deps.db.prepare('INSERT INTO checkins (id, deputy_code, station_id, at) VALUES (@id, @deputy_code, @station_id, @at)').run(row);
      const body: Checkin = {
        id: row.id,
        deputyCode: row.deputy_code,
        stationId,
        stationName: station.name,
        at: row.at,
        repeated: Boolean(existing),
      };
      return c.json(body, existing ? 200 : 201);
    })
    .get('/checkins', (c) => {
      const user = currentUser(c, ['deputy']);
      const deps = c.get('deps');
      const rows = deps.db
        .prepare<[string], CheckinRow>('SELECT * FROM checkins WHERE deputy_code = ? ORDER BY at DESC LIMIT 100')
        .all(user.deputyCode!);
      const items: Checkin[] = rows.map((r) => ({
        id: r.id,
        deputyCode: r.deputy_code,
        stationId: r.station_id,
        stationName: deps.reference.station(r.station_id)?.name ?? '',
        at: r.at,
        repeated: false,
      }));
      return c.json({ items }, 200);
    })
    .get('/stations/:id/qrcode.svg', async (c) => {
      currentUser(c, ['office', 'admin', 'deputy']);
      const id = c.req.param('id');
      if (!c.get('deps').reference.station(id)) throw notFound('联络站不存在');
      const url = `${ctx.publicBaseUrl()}/deputy/checkin/${encodeURIComponent(id)}?k=${stationKey(ctx.tokens.secret, id)}`;
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return c.body(svg, 200, {
        'Content-Type': 'image/svg+xml; charset=utf-8',
        'X-QR-Target': url,
        'Cache-Control': 'private, max-age=3600',
      });
    });
}
