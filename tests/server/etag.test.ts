import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** One GET as a browser sends it, `tag` as If-None-Match: what came back, the body as text. */
async function get(s: TestServer, token: string, url: string, tag?: string | null, more: Record<string, string> = {}) {
  const res = await fetch(`${s.baseUrl}${url}`, {
    headers: { authorization: `Bearer ${token}`, ...(tag ? { 'if-none-match': tag } : {}), ...more },
  });
  const text = await res.text();
  return {
    status: res.status,
    tag: res.headers.get('etag'),
    cacheControl: res.headers.get('cache-control'),
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

const LIST = '/api/cases?page=1&pageSize=20';
const OVERVIEW = '/api/stats/overview?from=2026-01-01&to=2026-12-31';

describe('revalidated answers (ETag, If-None-Match)', () => {
  it('should answer 304 without a body to a list, a case, the cockpit and the notices asked again while nothing changed', async () => {
    server = await startTestServer();
    const citizen = await server.as('zlb-zhang');
    const deputy = await server.as('ding-d001');
    const leader = await server.as('ding-leader');
    const { id } = await citizen.cases.create(validCase(), newKey());
    for (const [token, url] of [
      [citizen.token, LIST],
      [citizen.token, `/api/cases/${id}`],
      [leader.token, OVERVIEW],
      [deputy.token, '/api/me/notifications'],
    ] as const) {
      const first = await get(server, token, url);
      expect(first.status, url).toBe(200);
      expect(first.tag, url).toMatch(/^W\/"[\w-]+"$/);
      expect(first.cacheControl, url).toBe('private, no-cache');
      const again = await get(server, token, url, first.tag);
      expect(again.status, url).toBe(304);
      expect(again.text, url).toBe('');
      expect(again.tag, url).toBe(first.tag);
      expect(again.cacheControl, url).toBe('private, no-cache');
      expect(again.headers.get('vary'), url).toBe('accept-encoding');
      expect(again.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(again.headers.get('content-security-policy'), url).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
      // one of several tags a cache holds, or a weak match of the same tag
      expect((await get(server, token, url, `W/"other", ${first.tag}`)).status, url).toBe(304);
      expect((await get(server, token, url, first.tag!.slice(2))).status, url).toBe(304);
      expect((await get(server, token, url, 'W/"other"')).status, url).toBe(200);
    }
  });

  it('should answer 200 with a new ETag after any write, the viewer’s own case or not, and after another process writes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-etag-'));
    const file = join(dir, 'etag.db');
    server = await startTestServer({ dbFile: file });
    const citizen = await server.as('zlb-zhang');
    const other = await server.as('zlb-li');
    const deputy = await server.as('ding-d001');
    const { id } = await citizen.cases.create(validCase({ title: '路灯不亮' }), newKey());

    const before = await get(server, citizen.token, LIST);
    await deputy.cases.transition(id, { action: 'acknowledge' });
    const after = await get(server, citizen.token, LIST, before.tag);
    expect(after.status).toBe(200);
    expect(after.tag).not.toBe(before.tag);
    expect((after.json().items as { id: string; status: string }[]).find((c) => c.id === id)?.status).toBe('acknowledged');
    expect((await get(server, citizen.token, LIST, after.tag)).status).toBe(304);

    // someone else's submission changes nothing this citizen sees, but it is a write: asked afresh
    await other.cases.create(validCase(), newKey());
    const unrelated = await get(server, citizen.token, LIST, after.tag);
    expect(unrelated.status).toBe(200);
    expect(unrelated.text).toBe(after.text);

    // e.g. an operator's script on the same file: this connection's own counters do not see it
    const detail = await get(server, citizen.token, `/api/cases/${id}`);
    const outside = new Database(file);
    outside.prepare('UPDATE cases SET title = ? WHERE id = ?').run('路灯不亮（已核实）', id);
    outside.close();
    const changed = await get(server, citizen.token, `/api/cases/${id}`, detail.tag);
    expect(changed.status).toBe(200);
    expect(changed.json().title).toBe('路灯不亮（已核实）');
  });

  it('should count a new case in the leader’s overview as soon as it is submitted', async () => {
    server = await startTestServer();
    const leader = await server.as('ding-leader');
    const citizen = await server.as('zlb-zhang');
    const first = await get(server, leader.token, OVERVIEW);
    expect((await get(server, leader.token, OVERVIEW, first.tag)).status).toBe(304);
    await citizen.cases.create(validCase(), newKey());
    const after = await get(server, leader.token, OVERVIEW, first.tag);
    expect(after.status).toBe(200);
    expect(after.json().received).toBe((first.json().received as number) + 1);
  });

  it('should give another user another ETag for the same address and the same figures', async () => {
    server = await startTestServer();
    const leader = await server.as('ding-leader');
    const office = await server.as('ding-office');
    const zhang = await server.as('zlb-zhang');
    const li = await server.as('zlb-li');
    await zhang.cases.create(validCase(), newKey());

    const leaders = await get(server, leader.token, OVERVIEW);
    const offices = await get(server, office.token, OVERVIEW, leaders.tag);
    expect(offices.status).toBe(200);
    expect(offices.text).toBe(leaders.text); // the same city, the same figures
    expect(offices.tag).not.toBe(leaders.tag);

    const zhangs = await get(server, zhang.token, LIST);
    const lis = await get(server, li.token, LIST, zhangs.tag);
    expect(lis.status).toBe(200);
    expect(lis.json().total).toBe(0);
  });

  it('should ask afresh once the minute turns, so that a deadline passed shows as overdue', async () => {
    server = await startTestServer({ now: '2026-03-02T02:00:00Z' });
    const citizen = await server.as('zlb-zhang');
    const { id } = await citizen.cases.create(validCase(), newKey());
    const url = `/api/cases/${id}`;
    const first = await get(server, citizen.token, url);
    const due = Date.parse(first.json().dueAt as string);
    expect(first.json().overdue).toBe(false);

    server.clock.set(new Date(Math.floor(due / 60_000) * 60_000 - 1)); // the minute before the deadline's
    const before = await get(server, citizen.token, url, first.tag);
    expect(before.status).toBe(200);
    expect(before.json().overdue).toBe(false);
    server.clock.set(new Date(Math.floor(due / 60_000) * 60_000 - 30_000)); // half a minute later, the same minute
    expect((await get(server, citizen.token, url, before.tag)).status).toBe(304);
    server.clock.set(new Date(due + 60_000));
    const late = await get(server, citizen.token, url, before.tag);
    expect(late.status).toBe(200);
    expect(late.json().overdue).toBe(true);
  });

  it('should neither tag nor answer 304 to an error, whatever tag is sent', async () => {
    server = await startTestServer({ now: '2026-03-02T02:00:00.000Z', tokenTtlSeconds: 120 });
    const zhang = await server.as('zlb-zhang');
    const li = await server.as('zlb-li');
    const admin = await server.as('ding-admin');
    const leader = await server.as('ding-leader');
    const { id } = await zhang.cases.create(validCase(), newKey());
    const url = `/api/cases/${id}`;
    const zhangs = await get(server, zhang.token, url);

    const hidden = await get(server, li.token, url, zhangs.tag);
    expect(hidden.status).toBe(404);
    expect(hidden.tag).toBeNull();
    expect(hidden.cacheControl).toBe('no-store');
    const missing = await get(server, zhang.token, '/api/cases/no-such-case');
    expect([missing.status, missing.tag]).toEqual([404, null]);
    const invalid = await get(server, leader.token, '/api/stats/overview?from=2026-12-31&to=2026-01-01');
    expect([invalid.status, invalid.tag]).toEqual([400, null]);

    // a disabled account and an expired token are refused, their last tag notwithstanding
    const leaders = await get(server, leader.token, OVERVIEW);
    await admin.admin.updateUser(leader.userId, { disabled: true });
    expect((await get(server, leader.token, OVERVIEW, leaders.tag)).status).toBe(401);
    const again = await get(server, zhang.token, url);
    server.clock.set('2026-03-02T02:02:00.500Z');
    const expired = await get(server, zhang.token, url, again.tag);
    expect([expired.status, expired.tag]).toEqual([401, null]);
  });

  it('should keep answers that are not revalidated out of every cache', async () => {
    server = await startTestServer();
    const citizen = await server.as('zlb-zhang');
    const me = await get(server, citizen.token, '/api/me');
    expect([me.status, me.tag, me.cacheControl]).toEqual([200, null, 'no-store']);
    const res = await citizen.http.post('/api/cases', validCase(), { headers: { 'idempotency-key': newKey() } });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });
});

describe('the cockpit’s figures, remembered per scope', () => {
  /** Whether the answer's figures were remembered rather than computed (its Server-Timing says so). */
  const remembered = (r: { headers: Headers }) => /desc="remembered"/.test(r.headers.get('server-timing') ?? '');

  it('should compute a scope’s figures once for everyone of it, and again after a write', async () => {
    server = await startTestServer();
    const leader = await server.as('ding-leader');
    const office = await server.as('ding-office');
    const citizen = await server.as('zlb-zhang');
    const first = await get(server, leader.token, OVERVIEW);
    expect(remembered(first)).toBe(false);
    const second = await get(server, office.token, OVERVIEW);
    expect(remembered(second)).toBe(true);
    expect(second.text).toBe(first.text);

    await citizen.cases.create(validCase(), newKey());
    const after = await get(server, office.token, OVERVIEW);
    expect(remembered(after)).toBe(false);
    expect(after.json().received).toBe((first.json().received as number) + 1);
    // a client asking for no-cache (bench:stats) has them computed
    expect(remembered(await get(server, leader.token, OVERVIEW, null, { 'cache-control': 'no-cache' }))).toBe(false);
  });

  it('should never give a town’s office the figures remembered for the city', async () => {
    server = await startTestServer();
    const leader = await server.as('ding-leader');
    const town = await server.as('ding-office-danghu');
    const citizen = await server.as('zlb-zhang');
    await citizen.cases.create(validCase({ deputyCode: 'D002', body: '钟埭街道钟埭社区主干道的路灯坏了两个星期，晚上很黑。' }), newKey());
    const city = (await get(server, leader.token, OVERVIEW)).json();
    expect(city).toMatchObject({ scopeName: '平湖市', received: 1 });
    const own = await get(server, town.token, OVERVIEW);
    expect(remembered(own)).toBe(false);
    expect(own.json()).toMatchObject({ scopeName: '当湖街道', received: 0 });
  });
});
