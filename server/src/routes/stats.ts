import { Readable } from 'node:stream';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { drillQuerySchema, pageQuerySchema, statsQuerySchema, trendQuerySchema, type StatsQuery } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { SessionUser } from '../domain/session.js';
import { breakdown, deputyDuty, drill, latestCases, overdueList, overview, stages, trend, unitRanking } from '../domain/stats.js';
import { rememberedStats } from '../domain/stats-memo.js';
import { exportLedger } from '../domain/stats-export.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { jsonAnswer } from '../http/json-answer.js';
import { validate } from '../http/validate.js';
import { cockpitViewer, screenAccess } from './screen-credentials.js';

/** Who may read the cockpit: leaders, office staff (their region and below) and admins. */
const STATS_ROLES = ['leader', 'office', 'admin'] as const;

/**
 * Answers one of the cockpit's results as JSON: remembered for the caller's scope
 * (stats-memo.ts) unless the client asks `no-cache`, with the server-side time to get and
 * serialise it in a Server-Timing header (read by npm run bench:stats), marked when remembered.
 */
function figures<Q extends StatsQuery>(c: Context<AppEnv>, kind: string, q: Q, compute: (deps: Deps, user: SessionUser, q: Q) => unknown) {
  const user = cockpitViewer(c, STATS_ROLES);
  const deps = c.get('deps');
  const started = performance.now();
  const fresh = /no-cache/i.test(c.req.header('cache-control') ?? '');
  const { value, remembered } = rememberedStats(deps, user, kind, q, () => compute(deps, user, q), fresh);
  const text = JSON.stringify(value);
  const timing = `stats;dur=${(performance.now() - started).toFixed(2)}${remembered ? ';desc="remembered"' : ''}`;
  return jsonAnswer(c, 200, text, { 'server-timing': timing });
}

/**
 * 码上评 and the data cockpit (马上用); every route is scoped by the caller's region (domain/scope.ts).
 * A wall screen's credential (大屏凭证) reads the figures of its region; the ledger export is for people only.
 * `revalidate`: the ETag middleware (etag.ts), for figures polled every 30 s (the export streams and is never revalidated).
 */
export function statsRoutes(revalidate: MiddlewareHandler<AppEnv>) {
  return new Hono<AppEnv>()
    .use(screenAccess())
    .get('/overview', revalidate, validate('query', statsQuerySchema), (c) => figures(c, 'overview', c.req.valid('query'), overview))
    .get('/trend', revalidate, validate('query', trendQuerySchema), (c) => figures(c, 'trend', c.req.valid('query'), trend))
    .get('/categories', revalidate, validate('query', statsQuerySchema), (c) =>
      figures(c, 'categories', c.req.valid('query'), (deps, user, q) => breakdown(deps, user, q, 'category')),
    )
    .get('/towns', revalidate, validate('query', statsQuerySchema), (c) =>
      figures(c, 'towns', c.req.valid('query'), (deps, user, q) => breakdown(deps, user, q, 'town')),
    )
    .get('/units', revalidate, validate('query', statsQuerySchema), (c) => figures(c, 'units', c.req.valid('query'), unitRanking))
    .get('/deputies', revalidate, validate('query', statsQuerySchema), (c) => figures(c, 'deputies', c.req.valid('query'), deputyDuty))
    .get('/overdue', revalidate, validate('query', pageQuerySchema), (c) => figures(c, 'overdue', c.req.valid('query'), overdueList))
    .get('/stages', revalidate, validate('query', statsQuerySchema), (c) => figures(c, 'stages', c.req.valid('query'), stages))
    .get('/cases', revalidate, validate('query', drillQuerySchema), (c) => figures(c, 'cases', c.req.valid('query'), drill))
    .get(
      '/latest',
      revalidate,
      validate('query', statsQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(50).default(10) })),
      (c) => figures(c, 'latest', c.req.valid('query'), latestCases),
    )
    .get('/export.xlsx', validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      const ledger = exportLedger(c.get('deps'), user, c.req.valid('query'));
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(ledger.filename)}`);
      c.header('Cache-Control', 'no-store');
      c.header('X-Export-Rows', String(ledger.rows));
      const log = c.get('log');
      ledger.stream.on('error', (err) => log.error({ err }, 'ledger export failed mid-stream'));
      return c.body(Readable.toWeb(ledger.stream) as unknown as ReadableStream, 200);
    });
}
