import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { drillQuerySchema, pageQuerySchema, statsQuerySchema, trendQuerySchema } from '@minqing/shared';
import { breakdown, deputyDuty, drill, latestCases, overdueList, overview, stages, trend, unitRanking } from '../domain/stats.js';
import { exportLedger } from '../domain/stats-export.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { cacheableJson, responseCache, type RepeatedAnswers } from '../http/response-cache.js';
import { validate } from '../http/validate.js';

/** Answers with `value()` as JSON and the server-side time to compute and serialise it in a Server-Timing header (read by npm run bench:stats). */
function timed(c: Context<AppEnv>, value: () => unknown) {
  const started = performance.now();
  const text = JSON.stringify(value());
  return cacheableJson(c, null, text, { 'server-timing': `stats;dur=${(performance.now() - started).toFixed(2)}` });
}

/** Who may read the cockpit: leaders, office staff (their region and below) and admins. */
const STATS_ROLES = ['leader', 'office', 'admin'] as const;

/** 码上评 and the data cockpit (马上用); every route is scoped by the caller's region (domain/scope.ts). */
export function statsRoutes(answers: RepeatedAnswers) {
  // a period's figures are the same for everyone of a scope until the next write (the export streams and is never kept)
  const cache = responseCache(answers);
  return new Hono<AppEnv>()
    .get('/overview', cache, validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => overview(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/trend', cache, validate('query', trendQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => trend(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/categories', cache, validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => breakdown(c.get('deps'), user, c.req.valid('query'), 'category'));
    })
    .get('/towns', cache, validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => breakdown(c.get('deps'), user, c.req.valid('query'), 'town'));
    })
    .get('/units', cache, validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => unitRanking(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/deputies', cache, validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => deputyDuty(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/overdue', cache, validate('query', pageQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => overdueList(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/stages', cache, validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => stages(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/cases', cache, validate('query', drillQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => drill(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/latest', cache, validate('query', statsQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(50).default(10) })), (c) => {
      const user = currentUser(c, STATS_ROLES);
      return timed(c, () => latestCases(c.get('deps'), user, c.req.valid('query')));
    })
    .get('/export.xlsx', validate('query', statsQuerySchema), (c) => {
      const user = currentUser(c, STATS_ROLES);
      const ledger = exportLedger(c.get('deps'), user, c.req.valid('query'));
      c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      c.header('Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(ledger.filename)}`);
      c.header('Cache-Control', 'no-store');
      c.header('X-Export-Rows', String(ledger.rows));
      return c.body(Readable.toWeb(ledger.stream) as unknown as ReadableStream, 200);
    });
}
