import { Hono, type Context } from 'hono';
import { etag } from 'hono/etag';
import { deputyQuerySchema, statsQuerySchema } from '@minqing/shared';
import { photoUrlOf } from '../domain/deputy-photo.js';
import { deputyPerformance } from '../domain/performance.js';
import { toDeputyDto } from '../domain/deputies.js';
import { toStationDto } from '../domain/stations.js';
import { currentUser } from '../http/auth.js';
import QRCode from 'qrcode';
import type { AppEnv } from '../http/auth.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { validate } from '../http/validate.js';
import type { RouteContext } from './context.js';

// Public, but asked again each time (answered 304 by the ETag while unchanged): a deputy marked
// 不再履职 or moved to another station shows so on the next visit, not minutes later.
const PUBLIC_REVALIDATE = 'public, no-cache';

export function deputyRoutes(ctx: RouteContext) {
  return new Hono<AppEnv>()
    .get('/', etag(), validate('query', deputyQuerySchema), (c) => {
      const deps = c.get('deps');
      const { q, regionId, stationId } = c.req.valid('query');
      const regionIds = regionId ? new Set(deps.reference.subtree(regionId)) : null;
      const needle = q?.toLowerCase();
      const items = deps.reference
        .deputies()
        // a deputy who has left office is not offered to anyone (their profile still answers by code)
        .filter((d) => d.in_office === 1)
        .filter((d) => !regionIds || regionIds.has(d.region_id))
        .filter((d) => !stationId || d.station_id === stationId)
        .map((d) => toDeputyDto(d, deps))
        .filter(
          (d) =>
            !needle || [d.name, d.code, d.constituency, d.stationName ?? '', d.regionName].some((s) => s.toLowerCase().includes(needle)),
        );
      c.header('Cache-Control', PUBLIC_REVALIDATE);
      return c.json({ items }, 200);
    })
    .get('/:code', etag(), (c) => {
      const deps = c.get('deps');
      const d = deps.reference.deputy(c.req.param('code'));
      if (!d) throw notFound('未找到该代表');
      c.header('Cache-Control', PUBLIC_REVALIDATE);
      return c.json(toDeputyDto(d, deps), 200);
    })
    .get('/:code/performance', validate('query', statsQuerySchema.pick({ from: true, to: true })), (c) => {
      const user = currentUser(c, ['deputy', 'office', 'leader', 'admin']);
      const deps = c.get('deps');
      const d = deps.reference.deputy(c.req.param('code'));
      const inScope =
        d &&
        (user.role === 'admin' ||
          (user.role === 'deputy'
            ? user.deputyCode === d.code
            : user.regionId !== null && deps.reference.isWithin(d.region_id, user.regionId)));
      if (!inScope) throw notFound('未找到该代表');
      return c.json(deputyPerformance(deps, d.code, c.req.valid('query')), 200);
    })
    .get('/:code/avatar.svg', (c) => {
      const d = c.get('deps').reference.deputy(c.req.param('code'));
      if (!d) throw notFound('未找到该代表');
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(avatarSvg(d.name, d.code), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    })
    .get('/:code/photo/:uploadId', (c) => {
      const deps = c.get('deps');
      const code = c.req.param('code');
      const uploadId = c.req.param('uploadId');
      const d = deps.reference.deputy(code);
      // public, but only the deputy's current photo: no other upload can be fetched this way
      const row = d && d.photo_url === photoUrlOf(code, uploadId) ? deps.uploads.get(uploadId) : undefined;
      if (!row) throw notFound('照片不存在');
      return c.body(new Uint8Array(row.bytes), 200, {
        'Content-Type': row.mime,
        'Content-Disposition': `inline; filename="${code}.${row.mime.split('/')[1]}"`,
        // a new photo is a new address, so this one never changes
        'Cache-Control': 'public, max-age=31536000, immutable',
      });
    })
    .get('/:code/qrcode.svg', async (c) => {
      const deps = c.get('deps');
      const d = deps.reference.deputy(c.req.param('code'));
      if (!d) throw notFound('未找到该代表');
      const url = `${ctx.publicBaseUrl()}/citizen/d/${encodeURIComponent(d.code)}`;
      const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      // the target is configured, the same whoever asks and whatever Host they send: shared caches may keep it
      c.header('Cache-Control', 'public, max-age=86400');
      c.header('X-QR-Target', url);
      return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
    });
}

export function referenceRoutes() {
  return (
    new Hono<AppEnv>()
      .get('/regions', etag(), (c) => {
        const deps = c.get('deps');
        // stations change in 联络站 and villages in 村（社区）: revalidated, not kept for minutes
        c.header('Cache-Control', 'no-cache');
        return c.json(
          {
            // a stopped village (merged away) is offered to no one; a town or the city is never stopped
            items: deps.reference
              .regions()
              .filter((r) => r.active === 1)
              .map((r) => ({ id: r.id, name: r.name, kind: r.kind, parentId: r.parent_id })),
            // a stopped (closed) station is offered to no one; deputies placed there still name it in their profile
            stations: deps.reference
              .stations()
              .filter((s) => s.active === 1)
              .map(toStationDto),
          },
          200,
        );
      })
      // the office changes a category's default unit (承办单位与分类)
      .get('/categories', etag(), (c) =>
        changingList(c, (deps) => deps.reference.categories().map((x) => ({ id: x.id, name: x.name, defaultUnitId: x.default_unit_id }))),
      )
      // every unit, stopped ones too (their cases still name them), with `active`; units change in 承办单位
      .get('/units', etag(), (c) =>
        changingList(c, (deps) =>
          deps.reference.units().map((u) => ({ id: u.id, name: u.name, kind: u.kind, regionId: u.region_id, active: u.active === 1 })),
        ),
      )
  );
}

/**
 * A reference list that admin pages change: asked again on every use (answered 304 by the ETag
 * while unchanged), not kept for minutes.
 */
function changingList<T>(c: Context<AppEnv>, items: (deps: Deps) => T[]) {
  c.header('Cache-Control', 'no-cache');
  return c.json({ items: items(c.get('deps')) }, 200);
}

const AVATAR_COLORS = ['#1989fa', '#07c160', '#ff976a', '#7232dd', '#ee0a24', '#0fb9b1', '#f7b731', '#4b7bec'];

/** A generated portrait: the deputy's name on a colour picked from their code. */
function avatarSvg(name: string, code: string): string {
  const color = AVATAR_COLORS[[...code].reduce((s, ch) => s + ch.charCodeAt(0), 0) % AVATAR_COLORS.length];
  const text = name.slice(-2).replace(/[<>&"']/g, '');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160"><rect width="160" height="160" rx="16" fill="${color}"/><text x="80" y="96" font-size="48" text-anchor="middle" fill="#fff" font-family="PingFang SC, Noto Sans CJK SC, sans-serif">${text}</text></svg>`;
}
