import { describe, expect } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../../server/src/http/rate-limit.js';
import { apiError, newKey, startTestServer, validCase } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

const countCases = (s: Awaited<ReturnType<typeof startTestServer>>) =>
  (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

describe('abuse limits', () => {
  it('should answer 429 with Retry-After once a citizen submits too often, and accept again after the window', async () => {
    const s = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, submitPerUserPerHour: 3 } });
    const citizen = await s.as('zlb-zhang');
    for (let i = 0; i < 3; i++) await citizen.cases.create(validCase(), newKey());
    const before = countCases(s);
    const res = await citizen.http.post('/api/cases', validCase(), {
      headers: { 'Idempotency-Key': newKey() },
      validateStatus: () => true,
    });
    expect(res.status).toBe(429);
    expect(res.data.error.code).toBe('rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(countCases(s)).toBe(before);
    // another citizen is not affected
    await (await s.as('zlb-li')).cases.create(validCase(), newKey());
    s.clock.advanceHours(1.01);
    await citizen.cases.create(validCase(), newKey());
    await s.close();
  });

  it('should limit ticket and auth-code exchanges per address (wrong passwords have their own limits)', async () => {
    const s = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, signInPerIpPerMinute: 5 } });
    for (let i = 0; i < 5; i++) await s.as(i % 2 ? 'zlb-zhang' : 'ding-office');
    expect(await apiError(s.as('zlb-li'))).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(await apiError(s.as('ding-admin'))).toMatchObject({ status: 429, code: 'rate_limited' });
    await s.close();
  });

  it('should put security headers on every response', async ({ s, citizen }) => {
    const { id } = await citizen.cases.create(validCase(), newKey());
    const bearer = { authorization: `Bearer ${citizen.token}` };
    const tag = (await fetch(`${s.baseUrl}/api/cases/${id}`, { headers: bearer })).headers.get('etag')!;
    // API answers: data that loads and runs nothing and that no one may frame, computed or revalidated (304), or an error
    for (const [url, init] of [
      ['/api/health', {}],
      [`/api/cases/${id}`, { headers: bearer }],
      [`/api/cases/${id}`, { headers: { ...bearer, 'if-none-match': tag } }],
      ['/api/cases/no-such-case', { headers: bearer }],
    ] as const) {
      const res = await fetch(`${s.baseUrl}${url}`, init);
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('content-security-policy'), url).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
      expect(res.headers.get('cross-origin-resource-policy'), url).toBe('same-origin');
    }
    const again = await fetch(`${s.baseUrl}/api/cases/${id}`, { headers: { ...bearer, 'if-none-match': tag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('cache-control')).toBe('private, no-cache');
    // pages (here the stand-in provider's): scripts only from our origin, framed only by us and the host apps
    const page = await fetch(`${s.baseUrl}/mock-idp/accounts`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
