import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/src/env.js';
import { PasswordGuard } from '../../server/src/http/password-guard.js';
import { DEFAULT_RATE_LIMITS } from '../../server/src/http/rate-limit.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const RIGHT = 'Demo@2026';

/** POST /api/auth/password as it comes over the wire, optionally through a proxy that says who the client is. */
async function password(s: TestServer, username: string, pass: string, forwardedFor?: string) {
  const res = await s
    .anonymous()
    .http.post(
      '/api/auth/password',
      { username, password: pass },
      { headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}, validateStatus: () => true },
    );
  return {
    status: res.status,
    retryAfter: res.headers['retry-after'] as string | undefined,
    code: (res.data as { error?: { code: string } }).error?.code,
  };
}

const lockouts = async (s: TestServer) =>
  (await (await s.as('ding-admin')).admin.events({ pageSize: 100 })).items.filter((e) => e.action === 'user_lockout');

describe('password sign-in limits', () => {
  it('should lock an account after 10 wrong passwords, refuse even the right one with 429 and Retry-After, and open again after the window', async () => {
    const s = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    for (let i = 0; i < 10; i++) expect((await password(s, 'office', `wrong-${i}`)).status).toBe(401);
    const locked = await password(s, 'office', RIGHT);
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60);
    // another account signs in from the same address meanwhile
    expect((await password(s, 'office-danghu', RIGHT)).status).toBe(200);
    s.clock.advanceHours(0.25);
    expect((await password(s, 'office', RIGHT)).status).toBe(200);
    await s.close();
  });

  it('should let no more than 10 of many parallel wrong passwords through to be tried', async () => {
    const s = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const statuses = await Promise.all(Array.from({ length: 16 }, (_, i) => password(s, 'office', `wrong-${i}`)));
    expect(statuses.filter((r) => r.status === 401)).toHaveLength(10);
    expect(statuses.filter((r) => r.status === 429)).toHaveLength(6);
    expect(await lockouts(s)).toHaveLength(1);
    await s.close();
  });

  it('should reset an account’s count when it signs in, and lock a name that does not exist just like one that does', async () => {
    const s = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    // an unknown name answers as a real one would, lockout included, so lockouts do not tell which names exist
    for (let i = 0; i < 10; i++) expect((await password(s, 'no-such-user', 'wrong')).status).toBe(401);
    expect((await password(s, 'no-such-user', 'wrong')).status).toBe(429);
    for (let i = 0; i < 9; i++) await password(s, 'office', 'wrong');
    expect((await password(s, 'office', RIGHT)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await password(s, 'office', 'wrong')).status).toBe(401);
    expect((await password(s, 'office', RIGHT)).status).toBe(200);
    await s.close();
  });

  it('should log a lockout in 操作日志 once, not once per refused attempt', async () => {
    const s = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const office = await s.as('ding-office');
    for (let i = 0; i < 12; i++) await password(s, 'office', 'wrong');
    const events = await lockouts(s);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'user_lockout',
      target: office.userId,
      targetName: '平湖市人大常委会办公室 沈敏',
      actorName: '系统',
    });
    expect(events[0]!.changes).toMatchObject({ failures: 10, lockedUntil: new Date(s.clock.now().getTime() + 15 * 60_000).toISOString() });
    expect(JSON.stringify(events[0])).not.toContain('wrong');
    // the next window's lockout is a new one
    s.clock.advanceHours(0.25);
    for (let i = 0; i < 11; i++) await password(s, 'office', 'wrong');
    expect(await lockouts(s)).toHaveLength(2);
    await s.close();
  });

  it('should not let 30+ wrong passwords from one address block a citizen’s ticket or a staff member’s auth code from it', async () => {
    const s = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    const results = [];
    for (let i = 0; i < 35; i++) results.push((await password(s, `guess-${i % 5}`, 'wrong')).status);
    expect(results.slice(0, 30).every((st) => st === 401)).toBe(true);
    expect(results.slice(30)).toEqual([429, 429, 429, 429, 429]);
    expect((await s.as('zlb-zhang')).userId).toBeTruthy();
    expect((await s.as('ding-office')).userId).toBeTruthy();
    await s.close();
  });

  it('should count only failures per address: many successful password sign-ins from one address are fine', async () => {
    const s = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    for (let i = 0; i < 32; i++) expect((await password(s, i % 2 ? 'office' : 'admin', RIGHT)).status).toBe(200);
    await s.close();
  });

  it('should count X-Forwarded-For from an untrusted peer as the peer’s one address, yet lock the account whatever address it names', async () => {
    const s = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, passwordFailuresPerIp: 5 } });
    const spoofed = [];
    for (let i = 0; i < 7; i++) spoofed.push((await password(s, `guess-${i}`, 'wrong', `203.0.113.${i + 1}`)).status);
    expect(spoofed).toEqual([401, 401, 401, 401, 401, 429, 429]);
    await s.close();

    const t = await startTestServer({ rateLimits: DEFAULT_RATE_LIMITS });
    for (let i = 0; i < 10; i++) await password(t, 'office', 'wrong', `203.0.113.${i + 1}`);
    expect((await password(t, 'office', RIGHT, '198.51.100.7')).status).toBe(429);
    await t.close();
  });

  it('should count failures per forwarded address behind a trusted proxy, taking the right-most address the proxies did not add', async () => {
    const s = await startTestServer({
      rateLimits: { ...DEFAULT_RATE_LIMITS, passwordFailuresPerIp: 5 },
      trustedProxies: ['127.0.0.1', '10.0.0.0/8'],
    });
    // five clients behind the proxy, each with its own count
    for (let i = 0; i < 7; i++) expect((await password(s, `guess-${i}`, 'wrong', `203.0.113.${i + 1}`)).status).toBe(401);
    // one client that writes whatever it likes left of what the proxies appended is still one client
    const rotating = [];
    for (let i = 0; i < 7; i++)
      rotating.push((await password(s, `other-${i}`, 'wrong', `192.0.2.${i + 1}, 198.51.100.9, 10.1.2.3`)).status);
    expect(rotating).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // an address behind the proxy that was not blocked still signs in
    expect((await password(s, 'office', RIGHT, '203.0.113.200')).status).toBe(200);
    // the account is locked however the failures are spread
    for (let i = 0; i < 10; i++) await password(s, 'admin', 'wrong', `198.18.0.${i + 1}`);
    expect((await password(s, 'admin', RIGHT, '198.18.1.1')).status).toBe(429);
    await s.close();
  });

  it('should count an IPv6 client behind a trusted proxy by its /64, whichever of its addresses it uses', async () => {
    const s = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, passwordFailuresPerIp: 3 }, trustedProxies: ['127.0.0.1'] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await password(s, `guess-${i}`, 'wrong', `2001:db8:7:8::${(i + 1).toString(16)}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await password(s, 'office', RIGHT, '2001:db8:7:9::1')).status).toBe(200);
    await s.close();
  });

  it('should refuse a TRUSTED_PROXIES entry that is neither an address nor a network', () => {
    expect(parseEnv({ TRUSTED_PROXIES: '10.0.0.1, 192.168.0.0/16, fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      'fd00::/8',
    ]);
    expect(parseEnv({}).trustedProxies).toEqual([]);
    for (const bad of ['proxy.example.cn', '10.0.0.0/33', '10.0.0.1/8/2'])
      expect(() => parseEnv({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
  });

  it('should keep a bounded number of unknown names, so a flood of them neither fills memory nor unlocks a real account', () => {
    const guard = new PasswordGuard({ perAccount: 2, perIp: 0 }, 60_000, 3);
    const lockedOut = (name: string, known: boolean) => {
      try {
        guard.check('192.0.2.1', name, known, 1000);
        return false;
      } catch {
        return true;
      }
    };
    for (const known of [true, false]) for (let i = 0; i < 2; i++) guard.failed('192.0.2.1', known ? 'office' : 'ghost', known, 1000);
    expect([lockedOut('office', true), lockedOut('ghost', false)]).toEqual([true, true]);
    for (let i = 0; i < 1000; i++) guard.failed('192.0.2.1', `flood-${i}`, false, 1000);
    // the unknown names kept are the 3 latest; the real account's count is not among those dropped
    expect(lockedOut('office', true)).toBe(true);
    expect(lockedOut('ghost', false)).toBe(false);
    expect(guard.failed('192.0.2.1', 'flood-999', false, 1000)).toBeNull();
    expect(lockedOut('flood-999', false)).toBe(true);
  });
});
