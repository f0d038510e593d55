import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './auth.js';
import { jsonAnswer } from './json-answer.js';

/**
 * Answers `value` as JSON (200) and hands the text to `responseCache`, which would otherwise
 * have to read it back out of the response. `extra` headers go with it (e.g. Server-Timing).
 */
export function cacheableJson(c: Context<AppEnv>, value: unknown, text = JSON.stringify(value), extra?: Record<string, string>) {
  c.set('jsonBody', text);
  return jsonAnswer(c, 200, text, extra);
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
      return jsonAnswer(c, 200, hit.body);
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
