import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './auth.js';
import { API_SECURITY_HEADERS } from './security-headers.js';

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...API_SECURITY_HEADERS, 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'no-store' });

/**
 * A 200 JSON answer whose headers, security headers included, are one plain object: the
 * node adapter writes such an answer straight out, without building a Headers object
 * (measured: that alone took about a third of the time of a repeated read).
 */
function plainJson(c: Context<AppEnv>, text: string, extra?: Record<string, string>) {
  c.set('headersComplete', true);
  const state = c.get('cacheState');
  const headers = extra || state ? { ...JSON_HEADERS, ...(state ? { 'x-cache': state } : {}), ...extra } : JSON_HEADERS;
  return new Response(text, { status: 200, headers });
}

/**
 * Answers `value` as JSON (200) and hands the text to `responseCache`, which would otherwise
 * have to read it back out of the response. `extra` headers go with it (e.g. Server-Timing).
 */
export function cacheableJson(c: Context<AppEnv>, value: unknown, text = JSON.stringify(value), extra?: Record<string, string>) {
  c.set('jsonBody', text);
  return plainJson(c, text, extra);
}

interface Entry {
  version: string;
  storedAt: number;
  body: string;
}

export interface ResponseCacheOptions {
  /** How long an answer stays usable while nothing is written: bounds the drift of clock-dependent fields (overdue, countdowns, signed photo links). */
  ttlMs: number;
  maxEntries: number;
  /** One answer's string length beyond which it is not kept. */
  maxBodyLength: number;
  /** The answers kept, all together, in string length (1–2 bytes each in memory): memory stays bounded whatever their sizes. */
  maxTotalLength: number;
}

const DEFAULTS: ResponseCacheOptions = { ttlMs: 1000, maxEntries: 2000, maxBodyLength: 256 * 1024, maxTotalLength: 8 * 1024 * 1024 };

/**
 * Reuses a GET's JSON answer for the same user and URL while the database has not changed and
 * for at most `ttlMs`. Many people poll the same figures (wall screens, leaders' phones every
 * 30 s, a list refreshed by pull-to-refresh); recomputing them between two writes is wasted work.
 * Sign-in, role and scope are still checked on every request (the cache sits behind them and is
 * keyed by user), and `Cache-Control: no-cache` from the client always computes afresh.
 */
export function responseCache(options: Partial<ResponseCacheOptions> = {}): MiddlewareHandler<AppEnv> {
  const { ttlMs, maxEntries, maxBodyLength, maxTotalLength } = { ...DEFAULTS, ...options };
  const entries = new Map<string, Entry>();
  let total = 0;
  const forget = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    total -= old.body.length;
    entries.delete(key);
  };
  return async (c, next) => {
    const user = c.get('user');
    if (c.req.method !== 'GET' || !user) return next();
    const deps = c.get('deps');
    const key = `${user.id}\n${c.req.url}`;
    const version = c.get('dataVersion') ?? deps.dataVersion();
    const now = deps.clock.now().getTime();
    const fresh = !/no-cache|no-store|max-age=0/i.test(c.req.header('cache-control') ?? '');
    const hit = entries.get(key);
    if (fresh && hit && hit.version === version && now >= hit.storedAt && now - hit.storedAt < ttlMs) {
      // most recently used last: the first key is the one to evict
      entries.delete(key);
      entries.set(key, hit);
      c.set('cacheState', 'hit');
      return plainJson(c, hit.body);
    }
    c.set('cacheState', 'miss');
    c.set('jsonBody', undefined);
    await next();
    const body = c.get('jsonBody');
    // a write during this request (none today: GETs do not write) would make the answer older than the version read above
    if (body === undefined || c.res.status !== 200 || body.length > maxBodyLength || deps.dataVersion() !== version) return;
    forget(key);
    entries.set(key, { version, storedAt: now, body });
    total += body.length;
    // least recently used first
    while (entries.size > maxEntries || total > maxTotalLength) forget(entries.keys().next().value!);
  };
}
