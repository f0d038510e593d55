import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { bearerToken, type AppEnv } from '../http/auth.js';
import type { ClientIpOf } from '../http/client-ip.js';
import { errorBody } from '../http/errors.js';
import type { Metrics } from '../ops/metrics.js';

export interface MetricsAccess {
  /** METRICS_TOKEN: a scraper that sends it as a bearer token may read from anywhere. */
  token?: string;
  /** Whether the client's address (after trusted proxies) may read without the token (METRICS_ALLOW). */
  allowed: (address: string) => boolean;
  addressOf: ClientIpOf;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** GET /metrics in Prometheus's text format, for the configured scrapers only; 404 to everyone else. */
export function metricsRoutes(metrics: Metrics, access: MetricsAccess) {
  return new Hono<AppEnv>().get('/', async (c) => {
    const header = c.req.header('authorization');
    const token = header ? bearerToken(header) : null;
    const byToken = access.token !== undefined && token !== null && sameSecret(token, access.token);
    if (!byToken && !access.allowed(access.addressOf(c))) {
      // nothing here for the public: the same answer as a page that does not exist
      return c.json(errorBody('not_found', '页面不存在'), 404);
    }
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
  });
}
