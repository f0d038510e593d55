import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './auth.js';

/**
 * What an API answer carries (OWASP's REST set): it is data, never a page, so its policy
 * allows nothing to load or run and no one to frame it; no MIME sniffing; its bytes stay with
 * our origin. Five short headers instead of the page set's dozen: every answer pays for each.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-resource-policy': 'same-origin',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
});

/**
 * The headers on every response. Pages (the two apps, the stand-in provider's pages) get a
 * CSP without inline scripts and frame-ancestors limited to our own origin and the host apps
 * (super-app, workplace app); API answers get API_SECURITY_HEADERS. The load benchmark puts
 * this middleware on its bare route to measure what the headers alone cost.
 */
export function securityHeaders(frameAncestors: readonly string[] = []): MiddlewareHandler<AppEnv> {
  const pages = pageSecurityHeaders(frameAncestors);
  return async (c, next) => {
    if (!c.req.path.startsWith('/api/')) return pages(c, next);
    await next();
    // an answer built with them already (jsonAnswer) is left alone: touching its headers would rebuild it
    if (c.get('headersComplete')) return;
    const headers = c.res.headers;
    for (const name in API_SECURITY_HEADERS) headers.set(name, API_SECURITY_HEADERS[name]!);
    // private data unless the route says otherwise (public reference lists, photos, revalidated answers)
    if (!headers.has('cache-control')) headers.set('cache-control', 'no-store');
  };
}

function pageSecurityHeaders(frameAncestors: readonly string[]) {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'], // Vant's icon font is a data: URL inside its CSS
      connectSrc: ["'self'"],
      mediaSrc: ["'self'", 'blob:'],
      frameAncestors: ["'self'", ...frameAncestors],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    xFrameOptions: false,
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: ['self'], geolocation: ['self'] },
  });
}
