import { Hono } from 'hono';
import QRCode from 'qrcode';
import { checkinInputSchema, visitInputSchema } from '@minqing/shared';
import { checkIn, checkinsOf, listVisits, recordVisit, stationKey } from '../domain/field.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { notFound } from '../errors.js';
import { validate } from '../http/validate.js';
import type { RouteContext } from './context.js';

/** 走: a deputy's visits, reception days and liaison-station check-ins. */
export function fieldRoutes(ctx: RouteContext) {
  return new Hono<AppEnv>()
    .post('/visits', validate('json', visitInputSchema), (c) => {
      const user = currentUser(c, ['deputy']);
      return c.json(recordVisit(c.get('deps'), user, c.req.valid('json')), 201);
    })
    .get('/visits', (c) => {
      const user = currentUser(c, ['deputy', 'office', 'leader', 'admin']);
      const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(c.req.query('pageSize') ?? 20) || 20));
      return c.json(listVisits(c.get('deps'), user, { page, pageSize, deputyCode: c.req.query('deputyCode') || undefined }), 200);
    })
    .post('/checkins', validate('json', checkinInputSchema), (c) => {
      const user = currentUser(c, ['deputy']);
      const body = checkIn(c.get('deps'), user, c.req.valid('json'), ctx.tokens.secret);
      return c.json(body, body.repeated ? 200 : 201);
    })
    .get('/checkins', (c) => {
      const user = currentUser(c, ['deputy']);
      return c.json({ items: checkinsOf(c.get('deps'), user) }, 200);
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
