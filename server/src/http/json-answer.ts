import type { Context } from 'hono';
import type { AppEnv } from './auth.js';
import { compress, COMPRESS_FROM_CHARS, pickEncoding, type Encoding } from './compression.js';
import { API_SECURITY_HEADERS } from './security-headers.js';

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...API_SECURITY_HEADERS,
  'content-type': 'application/json; charset=UTF-8',
  // private data: kept by no browser or proxy cache
  'cache-control': 'no-store',
  // a longer answer is compressed when the client accepts it (compression.ts)
  vary: 'accept-encoding',
});

/** JSON_HEADERS, and the Content-Encoding of an answer so encoded. */
export const ENCODED_JSON_HEADERS: Readonly<Record<Encoding | 'identity', Readonly<Record<string, string>>>> = Object.freeze({
  identity: JSON_HEADERS,
  br: Object.freeze({ ...JSON_HEADERS, 'content-encoding': 'br' }),
  gzip: Object.freeze({ ...JSON_HEADERS, 'content-encoding': 'gzip' }),
});

/**
 * A JSON answer whose headers, security headers included, are one plain object: the node
 * adapter writes such an answer straight out, without building a Headers object (measured:
 * that alone was about a third of the time of a repeated read). For the busiest answers (a
 * case, a list, the cockpit's figures, a new case); the rest use c.json. A longer one is
 * compressed if the client accepts it.
 */
export function jsonAnswer(c: Context<AppEnv>, status: 200 | 201, text: string, extra?: Record<string, string>) {
  const encoding = text.length >= COMPRESS_FROM_CHARS ? pickEncoding(c.req.header('accept-encoding')) : null;
  return encodedJsonAnswer(c, status, encoding ? compress(text, encoding) : text, encoding, extra);
}

/** A JSON answer already encoded as `encoding` (null: as it is), e.g. one kept by responseCache. */
export function encodedJsonAnswer(
  c: Context<AppEnv>,
  status: 200 | 201,
  body: string | Uint8Array<ArrayBuffer>,
  encoding: Encoding | null,
  extra?: Record<string, string>,
) {
  c.set('headersComplete', true);
  const base = ENCODED_JSON_HEADERS[encoding ?? 'identity'];
  const state = c.get('cacheState');
  const headers = extra || state ? { ...base, ...(state ? { 'x-cache': state } : {}), ...extra } : base;
  return new Response(body, { status, headers });
}
