import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './auth.js';
import { compress, COMPRESS_FROM_CHARS, pickEncoding, type Encoding } from './compression.js';
import { encodedJsonAnswer, jsonAnswer } from './json-answer.js';

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
  /** UTF-8, encoded once when kept rather than at every answer. */
  body: Buffer<ArrayBuffer>;
  /** The body compressed, made on the first request that accepts each encoding. */
  br?: Buffer<ArrayBuffer>;
  gzip?: Buffer<ArrayBuffer>;
  /** Whether the body is long enough to be compressed (COMPRESS_FROM_CHARS). */
  compressible: boolean;
}

/** A kept answer as it goes out: its bytes, and their Content-Encoding (null: none). */
export interface KeptAnswer {
  body: Buffer<ArrayBuffer>;
  encoding: Encoding | null;
}

export interface RepeatedAnswersOptions {
  /** How long an answer stays usable while nothing is written: bounds the drift of clock-dependent fields (overdue, countdowns, signed photo links). */
  ttlMs: number;
  maxEntries: number;
  /** One answer's size in bytes beyond which it is not kept. */
  maxBodyBytes: number;
  /** The answers kept, all together, in bytes: memory stays bounded whatever their sizes. */
  maxTotalBytes: number;
}

const DEFAULTS: RepeatedAnswersOptions = { ttlMs: 1000, maxEntries: 2000, maxBodyBytes: 256 * 1024, maxTotalBytes: 8 * 1024 * 1024 };

/** A client's `Cache-Control` asking for a fresh answer. */
export const ASKS_FRESH = /no-cache|no-store|max-age=0/i;

/**
 * GET answers kept by user and URL (path and query) while the database has not changed and
 * for at most `ttlMs`. Many people poll the same figures (wall screens, leaders' phones every
 * 30 s, a list refreshed by pull-to-refresh); recomputing them between two writes is wasted
 * work. Only an answer computed for that very user, after sign-in, role and scope were checked,
 * is ever given back, and only to that user; any write changes the data version and retires it.
 */
export class RepeatedAnswers {
  private readonly entries = new Map<string, Entry>();
  private total = 0;
  private readonly options: RepeatedAnswersOptions;
  constructor(options: Partial<RepeatedAnswersOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /**
   * The kept answer, if it was computed at this data version less than ttlMs ago, in
   * `encoding` if it is long enough to be worth compressing.
   */
  fresh(userId: string, pathAndQuery: string, version: string, now: number, encoding: Encoding | null): KeptAnswer | undefined {
    const key = `${userId}\n${pathAndQuery}`;
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version || now < hit.storedAt || now - hit.storedAt >= this.options.ttlMs) return undefined;
    // most recently used last: the first key is the one to evict
    this.entries.delete(key);
    this.entries.set(key, hit);
    if (!encoding || !hit.compressible) return { body: hit.body, encoding: null };
    let encoded = hit[encoding];
    if (!encoded) {
      encoded = hit[encoding] = compress(hit.body, encoding);
      this.total += encoded.length;
      this.shrink();
    }
    return { body: encoded, encoding };
  }

  keep(userId: string, pathAndQuery: string, version: string, now: number, text: string): void {
    const body = Buffer.from(text);
    if (body.length > this.options.maxBodyBytes) return;
    const key = `${userId}\n${pathAndQuery}`;
    this.forget(key);
    this.entries.set(key, { version, storedAt: now, body, compressible: text.length >= COMPRESS_FROM_CHARS });
    this.total += body.length;
    this.shrink();
  }

  /** Forgets answers, least recently used first, until the rest are within the bounds. */
  private shrink() {
    while (this.entries.size > this.options.maxEntries || this.total > this.options.maxTotalBytes) this.forget(this.entries.keys().next().value!);
  }

  private forget(key: string) {
    const old = this.entries.get(key);
    if (!old) return;
    this.total -= old.body.length + (old.br?.length ?? 0) + (old.gzip?.length ?? 0);
    this.entries.delete(key);
  }
}

/** `/api/cases?page=1` of `http://host/api/cases?page=1`: the key the front door (front-door.ts) sees too. */
function pathAndQuery(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

/**
 * Gives a GET route's answers to `answers` and answers from it. Repeated questions mostly never
 * get here (the front door answers them before routing); this serves the rest, e.g. in-process
 * requests. `Cache-Control: no-cache` from the client always computes afresh.
 */
export function responseCache(answers: RepeatedAnswers): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (c.req.method !== 'GET' || !user) return next();
    const deps = c.get('deps');
    const url = pathAndQuery(c.req.url);
    const version = c.get('dataVersion') ?? deps.dataVersion();
    const now = deps.clock.now().getTime();
    const hit = ASKS_FRESH.test(c.req.header('cache-control') ?? '')
      ? undefined
      : answers.fresh(user.id, url, version, now, pickEncoding(c.req.header('accept-encoding')));
    if (hit) {
      c.set('cacheState', 'hit');
      return encodedJsonAnswer(c, 200, hit.body, hit.encoding);
    }
    c.set('cacheState', 'miss');
    c.set('jsonBody', undefined);
    await next();
    const body = c.get('jsonBody');
    // a write during this request (none today: GETs do not write) would make the answer older than the version read above
    if (body === undefined || c.res.status !== 200 || deps.dataVersion() !== version) return;
    answers.keep(user.id, url, version, now, body);
  };
}
