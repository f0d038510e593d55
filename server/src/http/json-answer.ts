import type { Context } from 'hono';
import type { AppEnv } from './auth.js';
import { API_SECURITY_HEADERS } from './security-headers.js';

const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  ...API_SECURITY_HEADERS,
  'content-type': 'application/json; charset=UTF-8',
  // private data: kept by no browser or proxy cache
  'cache-control': 'no-store',
});

/**
 * A JSON answer whose headers, security headers included, are one plain object: the node
 * adapter writes such an answer straight out, without building a Headers object (measured:
 * that alone was about a third of the time of a repeated read). For the busiest answers (a
 * case, a list, the cockpit's figures, a new case); the rest use c.json.
 */
export function jsonAnswer(c: Context<AppEnv>, status: 200 | 201, text: string, extra?: Record<string, string>) {
  c.set('headersComplete', true);
  const state = c.get('cacheState');
  const headers = extra || state ? { ...JSON_HEADERS, ...(state ? { 'x-cache': state } : {}), ...extra } : JSON_HEADERS;
  return new Response(text, { status, headers });
}
