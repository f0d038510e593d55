import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { AppEnv } from './auth.js';

/** What one answered request was, for the metrics: the route's pattern, never the path with its ids. */
export interface RequestRecord {
  method: string;
  route: string;
  status: number;
  seconds: number;
}

/** An id a caller (or the reverse proxy) sent is kept if it is a plain token; anything else is replaced. */
const ACCEPTABLE_ID = /^[\w.:-]{1,128}$/;
/** Probes and scrapes come every few seconds: logged at debug, so an info log is about people. */
const QUIET_ROUTES = new Set(['/api/health/live', '/api/health/ready', '/api/health', '/metrics']);

/**
 * The first middleware: gives the request an id (X-Request-Id, accepted from the proxy and always
 * returned), a child logger carrying it, and writes one line when the answer is ready: method,
 * route pattern, status, duration, user. `onAnswered` sees the same facts (the metrics).
 */
export function requestLog(logger: Logger, onAnswered?: (r: RequestRecord) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const sent = c.req.header('x-request-id');
    const reqId = sent && ACCEPTABLE_ID.test(sent) ? sent : randomUUID();
    const log = logger.child({ reqId });
    c.set('requestId', reqId);
    c.set('log', log);
    await next();
    c.header('X-Request-Id', reqId);
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c);
    const status = c.res.status;
    onAnswered?.({ method: c.req.method, route, status, seconds });
    const line = {
      method: c.req.method,
      route,
      path: c.req.path,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      userId: c.get('user')?.id ?? c.get('screen')?.credentialId,
    };
    if (status >= 500) log.error(line, 'request');
    else if (QUIET_ROUTES.has(route)) log.debug(line, 'request');
    else log.info(line, 'request');
  };
}
