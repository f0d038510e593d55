import type { Context } from 'hono';
import type { AppEnv } from './auth.js';
import { compress, COMPRESS_FROM_CHARS, pickEncoding, type Encoding } from './compression.js';
import { API_SECURITY_HEADERS } from './security-headers.js';

/** Headers of a JSON answer kept by no browser or proxy cache: private data that is not revalidated. */
export const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...API_SECURITY_HEADERS,
  'content-type': 'application/json; charset=UTF-8',
  'cache-control': 'no-store',
  // a longer answer is compressed when the client accepts it (compression.ts)
  vary: 'accept-encoding',
});

/**
 * What a revalidated answer (etag.ts) carries, its 304 included: the browser may keep it for
 * this user only and must ask again (If-None-Match) before each use.
 */
const REVALIDATED: Readonly<Record<string, string>> = Object.freeze({
  ...API_SECURITY_HEADERS,
  'cache-control': 'private, no-cache',
  vary: 'accept-encoding',
});

/** Each set of headers, and with the Content-Encoding of an answer so encoded. */
function byEncoding(headers: Readonly<Record<string, string>>): Readonly<Record<Encoding | 'identity', Readonly<Record<string, string>>>> {
  return Object.freeze({
    identity: headers,
    br: Object.freeze({ ...headers, 'content-encoding': 'br' }),
    gzip: Object.freeze({ ...headers, 'content-encoding': 'gzip' }),
  });
}
const PRIVATE_JSON = byEncoding(JSON_HEADERS);
const REVALIDATED_JSON = byEncoding(Object.freeze({ ...JSON_HEADERS, ...REVALIDATED }));

/**
 * A JSON answer whose headers, security headers included, are one plain object: the node
 * adapter writes such an answer straight out, without building a Headers object (measured:
 * that alone was about a third of the time of a repeated read). For the busiest answers (a
 * case, a list, the cockpit's figures, a new case); the rest use c.json. A longer one is
 * compressed if the client accepts it. A 200 of a route that revalidates (etag.ts) carries
 * its ETag and `private, no-cache`; anything else `no-store`.
 */
export function jsonAnswer(c: Context<AppEnv>, status: 200 | 201, text: string, extra?: Record<string, string>) {
  const encoding = text.length >= COMPRESS_FROM_CHARS ? pickEncoding(c.req.header('accept-encoding')) : null;
  const body = encoding ? compress(text, encoding) : text;
  const tag = status === 200 ? c.get('etag') : undefined;
  const base = (tag ? REVALIDATED_JSON : PRIVATE_JSON)[encoding ?? 'identity'];
  c.set('headersComplete', true);
  return new Response(body, { status, headers: tag || extra ? { ...base, ...(tag ? { etag: tag } : undefined), ...extra } : base });
}

/** 304 Not Modified: no body, and the headers the 200 would have had but its content's (RFC 9110 §15.4.5). */
export function notModified(c: Context<AppEnv>, tag: string) {
  c.set('headersComplete', true);
  return new Response(null, { status: 304, headers: { ...REVALIDATED, etag: tag } });
}
