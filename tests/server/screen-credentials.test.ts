import { afterEach, describe, expect, it } from 'vitest';
import { caseIn } from '../helpers/builders.js';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

/**
 * 大屏凭证: a wall screen reads the cockpit's figures of one region with a read-only credential
 * that leaders, the office and admins issue, list and revoke — never with a person's login.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PERIOD = 'from=2026-01-01&to=2026-12-31';

/** One request as a wall screen makes it: the credential in X-Screen-Key, nothing else of a person. */
async function asScreen(
  s: TestServer,
  secret: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'x-screen-key': secret, ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${s.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    tag: res.headers.get('etag'),
    json: () => JSON.parse(text) as Record<string, unknown> & { error?: { message: string } },
  };
}

/** A few cases in 当湖 (deputy D001) and one in 钟埭, so that a town's figures differ from the city's. */
function someCases(s: TestServer) {
  caseIn(s, 'handling');
  caseIn(s, 'closed');
  caseIn(s, 'submitted');
  const zhongdai = s.deps.reference.deputies().find((d) => d.region_id === 'zhongdai' && d.in_office)!;
  caseIn(s, 'submitted', { deputyCode: zhongdai.code });
}

describe('大屏凭证', () => {
  it('should issue a credential whose secret is shown once and stored only as a hash, list it, revoke it, and log both', async () => {
    server = await startTestServer();
    const s = server;
    const leader = await s.as('ding-leader');
    const issued = await leader.screenCredentials.issue({ name: '三楼会议室大屏', validDays: 30 });
    expect(issued.secret).toMatch(/^mqs_[A-Za-z0-9_-]{43}$/);
    expect(issued.screenUrl).toBe(`https://minqing.example.cn/deputy/screen#k=${issued.secret}`);
    expect(issued.credential).toMatchObject({
      name: '三楼会议室大屏',
      regionId: 'pinghu',
      regionName: '平湖市',
      createdByName: expect.any(String),
      createdAt: '2026-03-02T02:00:00.000Z',
      expiresAt: '2026-04-01T02:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
      status: 'active',
    });

    // no cache keeps the answer that holds the secret
    const raw = await leader.http.post('/api/screen-credentials', { name: '缓存检查' });
    expect(raw.headers['cache-control']).toBe('no-store');
    await leader.screenCredentials.revoke((raw.data as { credential: { id: string } }).credential.id);

    // nowhere again: not in the list, not in the database, not in the 操作日志
    const listed = await leader.screenCredentials.list();
    expect(listed.items.find((c) => c.id === issued.credential.id)).toEqual(issued.credential);
    expect(JSON.stringify(listed)).not.toContain(issued.secret);
    const dump = JSON.stringify(s.db.prepare('SELECT * FROM screen_credentials').all());
    expect(dump).not.toContain(issued.secret);
    expect(dump).not.toContain(issued.secret.slice(4));
    const admin = await s.as('ding-admin');
    const log = JSON.stringify((await admin.admin.events()).items);
    expect(log).not.toContain(issued.secret.slice(4));

    // it reads the city's figures: the same as the leader's own
    const screen = await asScreen(s, issued.secret, `/api/stats/overview?${PERIOD}`);
    expect(screen.status).toBe(200);
    expect(screen.json()).toEqual(await leader.stats.overview({ from: '2026-01-01', to: '2026-12-31' }));
    expect((await leader.screenCredentials.list()).items.find((c) => c.id === issued.credential.id)!.lastUsedAt).toBe(
      '2026-03-02T02:00:00.000Z',
    );

    const revoked = await leader.screenCredentials.revoke(issued.credential.id);
    expect(revoked).toMatchObject({ status: 'revoked', revokedAt: '2026-03-02T02:00:00.000Z' });
    // revoking again changes nothing and logs nothing
    expect(await leader.screenCredentials.revoke(issued.credential.id)).toEqual(revoked);
    const events = (await admin.admin.events()).items.filter((e) => e.target === issued.credential.id);
    expect(events).toMatchObject([
      {
        action: 'screen_credential_revoke',
        target: issued.credential.id,
        targetName: '三楼会议室大屏',
        changes: { revokedAt: revoked.revokedAt },
      },
      {
        action: 'screen_credential_issue',
        target: issued.credential.id,
        targetName: '三楼会议室大屏',
        changes: { name: '三楼会议室大屏', regionId: 'pinghu', expiresAt: '2026-04-01T02:00:00.000Z' },
      },
    ]);
    // the rows are kept: revoked, never deleted or re-aimed (the database refuses)
    expect(() => s.db.prepare('DELETE FROM screen_credentials').run()).toThrow(/revoked, not deleted/);
    expect(() => s.db.prepare("UPDATE screen_credentials SET region_id = 'danghu'").run()).toThrow(/never changed/);
    expect(() => s.db.prepare('UPDATE screen_credentials SET revoked_at = NULL, revoked_by = NULL').run()).toThrow(/revoked once/);
  });

  it('should check the name and the period, and let only leaders, the office and admins issue', async () => {
    server = await startTestServer();
    const s = server;
    const office = await s.as('ding-office');
    expect(await apiError(office.screenCredentials.issue({ name: '  ' }))).toMatchObject({
      status: 400,
      field: 'name',
      message: '请填写名称',
    });
    expect(await apiError(office.screenCredentials.issue({ name: '大屏', validDays: 400 }))).toMatchObject({
      status: 400,
      field: 'validDays',
    });
    expect(await apiError(office.http.post('/api/screen-credentials', { name: '大屏', secret: 'mqs_chosen-by-the-caller' }))).toMatchObject(
      { status: 400 },
    );
    for (const account of ['ding-d001', 'ding-unit-zjj', 'zlb-zhang']) {
      const other = await s.as(account);
      expect(await apiError(other.screenCredentials.issue({ name: '大屏' }))).toMatchObject({ status: 403 });
      expect(await apiError(other.screenCredentials.list())).toMatchObject({ status: 403 });
    }
    expect(await apiError(s.anonymous().screenCredentials.list())).toMatchObject({ status: 401 });
    expect(s.db.prepare('SELECT count(*) AS n FROM screen_credentials').get()).toEqual({ n: 0 });
  });

  it("should bind a credential to the issuer's region or narrower, and show a screen only its region's figures", async () => {
    server = await startTestServer();
    const s = server;
    someCases(s);
    const townOffice = await s.as('ding-office-danghu');
    const cityOffice = await s.as('ding-office');
    const admin = await s.as('ding-admin');

    // a town's office: its town by default; never the city, another town or a village
    const town = await townOffice.screenCredentials.issue({ name: '当湖大屏' });
    expect(town.credential).toMatchObject({ regionId: 'danghu', regionName: '当湖街道' });
    expect(await apiError(townOffice.screenCredentials.issue({ name: '全市', regionId: 'pinghu' }))).toMatchObject({
      status: 403,
      field: 'regionId',
    });
    expect(await apiError(townOffice.screenCredentials.issue({ name: '钟埭', regionId: 'zhongdai' }))).toMatchObject({ status: 403 });
    expect(await apiError(townOffice.screenCredentials.issue({ name: '社区', regionId: 'danghu-01' }))).toMatchObject({
      status: 400,
      field: 'regionId',
    });
    expect(await apiError(townOffice.screenCredentials.issue({ name: '无', regionId: 'nowhere' }))).toMatchObject({ status: 400 });
    // the city's office: the city or one of its towns
    const city = await cityOffice.screenCredentials.issue({ name: '全市大屏' });
    const zhongdai = await cityOffice.screenCredentials.issue({ name: '钟埭大屏', regionId: 'zhongdai' });
    expect(zhongdai.credential.regionName).toBe('钟埭街道');

    // each screen reads its region's figures, the same as its office's, and nothing wider
    const danghuFigures = await townOffice.stats.overview({ from: '2026-01-01', to: '2026-12-31' });
    const cityFigures = await cityOffice.stats.overview({ from: '2026-01-01', to: '2026-12-31' });
    expect(danghuFigures.received).toBe(3);
    expect(cityFigures.received).toBe(4);
    expect((await asScreen(s, town.secret, `/api/stats/overview?${PERIOD}`)).json()).toEqual(danghuFigures);
    expect((await asScreen(s, city.secret, `/api/stats/overview?${PERIOD}`)).json()).toEqual(cityFigures);
    expect((await asScreen(s, zhongdai.secret, `/api/stats/overview?${PERIOD}`)).json()).toMatchObject({
      scopeName: '钟埭街道',
      received: 1,
    });
    expect((await asScreen(s, town.secret, `/api/stats/overview?${PERIOD}&regionId=zhongdai`)).status).toBe(403);
    expect((await asScreen(s, city.secret, `/api/stats/overview?${PERIOD}&regionId=zhongdai`)).json()).toMatchObject({ received: 1 });
    const towns = (await asScreen(s, town.secret, `/api/stats/towns?${PERIOD}`)).json() as { items: { id: string }[] };
    expect(towns.items.map((t) => t.id)).toEqual(['danghu']);
    const latest = (await asScreen(s, town.secret, '/api/stats/latest')).json() as { items: { regionName: string }[] };
    expect(latest.items.length).toBe(3);
    expect((await asScreen(s, town.secret, '/api/hotspots')).status).toBe(200);
    // another town's terms: what the town's office itself gets (its scope narrowed to nothing)
    expect((await asScreen(s, town.secret, '/api/hotspots?regionId=zhongdai')).json()).toEqual(
      await townOffice.hotspots({ regionId: 'zhongdai' }),
    );

    // lists and revocations keep to the region: the town's office sees and revokes only its town's
    expect((await townOffice.screenCredentials.list()).items.map((c) => c.name)).toEqual(['当湖大屏']);
    expect((await cityOffice.screenCredentials.list()).items.map((c) => c.name).sort()).toEqual(
      ['全市大屏', '当湖大屏', '钟埭大屏'].sort(),
    );
    expect(await apiError(townOffice.screenCredentials.revoke(city.credential.id))).toMatchObject({ status: 404 });
    expect((await asScreen(s, city.secret, `/api/stats/overview?${PERIOD}`)).status).toBe(200);
    // an admin sees and revokes all
    expect((await admin.screenCredentials.list()).items).toHaveLength(3);
    await admin.screenCredentials.revoke(town.credential.id);
    expect((await asScreen(s, town.secret, `/api/stats/overview?${PERIOD}`)).status).toBe(401);
  });

  it('should refuse a credential on every other route and on every write, and never make it a login', async () => {
    server = await startTestServer();
    const s = server;
    const caseId = caseIn(s, 'handling');
    const { secret } = await (await s.as('ding-admin')).screenCredentials.issue({ name: '大屏' });
    const refused: [string, string, unknown?][] = [
      ['GET', '/api/me'],
      ['GET', '/api/cases'],
      ['GET', `/api/cases/${caseId}`],
      ['GET', `/api/stats/export.xlsx?${PERIOD}`],
      ['GET', '/api/screen-credentials'],
      ['GET', '/api/admin/users'],
      ['GET', '/api/settings/limits'],
      ['POST', '/api/screen-credentials', { name: '再发一个' }],
      ['POST', `/api/cases/${caseId}/transitions`, { action: 'note', note: '大屏不能写' }],
      ['POST', '/api/cases', validCase()],
      ['PUT', '/api/settings/reply-review', { regionIds: [] }],
      ['POST', '/api/me/notifications/read'],
    ];
    for (const [method, path, body] of refused) {
      const res = await asScreen(s, secret, path, { method, body, headers: { 'idempotency-key': newKey() } });
      expect([method, path, res.status]).toEqual([method, path, 401]);
    }
    // not a bearer token either, nor a key to exchange for one
    const bearer = await fetch(`${s.baseUrl}/api/stats/overview`, { headers: { authorization: `Bearer ${secret}` } });
    expect(bearer.status).toBe(401);
    // nothing was written by those refusals (the one use recorded above is all)
    expect(s.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    expect(s.db.prepare('SELECT count(*) AS n FROM screen_credentials').get()).toEqual({ n: 1 });
    // a stranger's guess, or a key of the right shape that was never issued, is refused
    expect((await asScreen(s, 'guess', '/api/stats/overview')).status).toBe(401);
    expect((await asScreen(s, `mqs_${'A'.repeat(43)}`, '/api/stats/overview')).json().error?.message).toBe('大屏凭证无效');
    // a signed-in person who also sends a key is themselves: a deputy stays refused the cockpit
    const deputy = await s.as('ding-d001');
    const both = await fetch(`${s.baseUrl}/api/stats/overview`, {
      headers: { authorization: `Bearer ${deputy.token}`, 'x-screen-key': secret },
    });
    expect(both.status).toBe(403);
  });

  it('should stop a credential at once when revoked or expired, a held ETag included', async () => {
    server = await startTestServer();
    const s = server;
    caseIn(s, 'handling');
    const office = await s.as('ding-office');
    const week = await office.screenCredentials.issue({ name: '一周', validDays: 7 });
    const month = await office.screenCredentials.issue({ name: '一月', validDays: 30 });

    // a poll revalidates (304) while nothing changed…
    const first = await asScreen(s, month.secret, `/api/stats/overview?${PERIOD}`);
    expect(first.status).toBe(200);
    expect(first.tag).toMatch(/^W\//);
    const again = await asScreen(s, month.secret, `/api/stats/overview?${PERIOD}`, { headers: { 'if-none-match': first.tag! } });
    expect(again.status).toBe(304);
    // …and a revoked credential is refused at its next request, even one holding that tag
    await office.screenCredentials.revoke(month.credential.id);
    const after = await asScreen(s, month.secret, `/api/stats/overview?${PERIOD}`, { headers: { 'if-none-match': first.tag! } });
    expect(after.status).toBe(401);
    expect(after.json().error?.message).toBe('大屏凭证已撤销');

    // expiry: good until the last instant, refused after
    s.clock.advanceHours(7 * 24 - 1);
    expect((await asScreen(s, week.secret, `/api/stats/trend?${PERIOD}&granularity=month`)).status).toBe(200);
    s.clock.advanceHours(1);
    const expired = await asScreen(s, week.secret, `/api/stats/trend?${PERIOD}&granularity=month`);
    expect(expired.status).toBe(401);
    expect(expired.json().error?.message).toBe('大屏凭证已过期');
    expect((await office.screenCredentials.list()).items.map((c) => [c.name, c.status])).toEqual([
      ['一月', 'revoked'],
      ['一周', 'expired'],
    ]);
  });

  it('should record a screen’s last use at most every five minutes, so its polls do not retire everyone’s ETags', async () => {
    server = await startTestServer();
    const s = server;
    const leader = await s.as('ding-leader');
    const { secret } = await leader.screenCredentials.issue({ name: '大屏' });
    await asScreen(s, secret, `/api/stats/overview?${PERIOD}`);
    const version = s.deps.dataVersion();
    s.clock.advanceHours(4 / 60);
    const poll = await asScreen(s, secret, `/api/stats/overview?${PERIOD}`);
    expect(poll.status).toBe(200);
    expect(s.deps.dataVersion()).toBe(version);
    expect((await leader.screenCredentials.list()).items[0]!.lastUsedAt).toBe('2026-03-02T02:00:00.000Z');
    s.clock.advanceHours(2 / 60);
    await asScreen(s, secret, `/api/stats/overview?${PERIOD}`);
    expect((await leader.screenCredentials.list()).items[0]!.lastUsedAt).toBe('2026-03-02T02:06:00.000Z');
  });
});
