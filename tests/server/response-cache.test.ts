import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../server/src/deps.js';
import type { SessionUser } from '../../server/src/domain/session.js';
import type { AppEnv } from '../../server/src/http/auth.js';
import { cacheableJson, RepeatedAnswers, responseCache } from '../../server/src/http/response-cache.js';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

type Client = Awaited<ReturnType<TestServer['as']>>;
const get = async (client: Client, url: string, headers: Record<string, string> = {}) => {
  const res = await client.http.get(url, { headers });
  return { cache: res.headers['x-cache'] as string | undefined, data: res.data as Record<string, unknown> };
};

describe('answers reused between writes', () => {
  it('should answer a repeated list from memory, and show a change as soon as it is written', async () => {
    server = await startTestServer();
    const citizen = await server.as('zlb-zhang');
    const deputy = await server.as('ding-d001');
    const { id } = await citizen.cases.create(validCase(), newKey());

    const first = await get(citizen, '/api/cases?page=1&pageSize=20');
    const again = await get(citizen, '/api/cases?page=1&pageSize=20');
    expect(first.cache).toBe('miss');
    expect(again.cache).toBe('hit');
    expect(again.data).toEqual(first.data);

    await deputy.cases.transition(id, { action: 'acknowledge' });
    const after = await get(citizen, '/api/cases?page=1&pageSize=20');
    expect(after.cache).toBe('miss');
    expect((after.data.items as { id: string; status: string }[]).find((c) => c.id === id)?.status).toBe('acknowledged');
    const detail = await get(citizen, `/api/cases/${id}`);
    expect(detail.data.status).toBe('acknowledged');
  });

  it('should never give one user the answer computed for another', async () => {
    server = await startTestServer();
    const zhang = await server.as('zlb-zhang');
    const li = await server.as('zlb-li');
    const { id } = await zhang.cases.create(validCase(), newKey());

    expect((await get(zhang, '/api/cases?page=1&pageSize=20')).data.total).toBe(1);
    const other = await get(li, '/api/cases?page=1&pageSize=20');
    expect(other.cache).toBe('miss');
    expect(other.data.total).toBe(0);
    await get(zhang, `/api/cases/${id}`);
    await expect(li.http.get(`/api/cases/${id}`)).rejects.toMatchObject({ response: { status: 404 } });
  });

  it('should recompute after a second, when the client asks for no-cache, and after another process writes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mq-cache-'));
    const file = join(dir, 'cache.db');
    server = await startTestServer({ dbFile: file });
    const citizen = await server.as('zlb-zhang');
    const { id } = await citizen.cases.create(validCase({ title: '路灯不亮' }), newKey());
    await get(citizen, `/api/cases/${id}`);
    expect((await get(citizen, `/api/cases/${id}`)).cache).toBe('hit');
    expect((await get(citizen, `/api/cases/${id}`, { 'cache-control': 'no-cache' })).cache).toBe('miss');

    server.clock.advanceHours(1 / 3600);
    expect((await get(citizen, `/api/cases/${id}`)).cache).toBe('miss');

    // e.g. an operator's script on the same file: this connection's own counters do not see it
    const outside = new Database(file);
    outside.prepare('UPDATE cases SET title = ? WHERE id = ?').run('路灯不亮（已核实）', id);
    outside.close();
    const changed = await get(citizen, `/api/cases/${id}`);
    expect(changed.cache).toBe('miss');
    expect(changed.data.title).toBe('路灯不亮（已核实）');
  });

  it('should count a new case in the leader’s overview as soon as it is submitted', async () => {
    server = await startTestServer();
    const leader = await server.as('ding-leader');
    const citizen = await server.as('zlb-zhang');
    const url = '/api/stats/overview?from=2026-01-01&to=2026-12-31';
    const before = (await get(leader, url)).data.received as number;
    expect((await get(leader, url)).cache).toBe('hit');
    await citizen.cases.create(validCase(), newKey());
    const after = await get(leader, url);
    expect(after.cache).toBe('miss');
    expect(after.data.received).toBe(before + 1);
  });

  it('should refuse an expired token even while its answer is still kept', async () => {
    // a token signed at 02:00:00.900 for one second expires at 02:00:01 (whole seconds)
    server = await startTestServer({ now: '2026-03-02T02:00:00.900Z', tokenTtlSeconds: 1 });
    const citizen = await server.as('zlb-zhang');
    await get(citizen, '/api/cases?page=1&pageSize=20');
    expect((await get(citizen, '/api/cases?page=1&pageSize=20')).cache).toBe('hit');
    server.clock.set('2026-03-02T02:00:01.200Z'); // the answer is 0.3 s old: still usable, the token is not
    expect(await apiError(citizen.http.get('/api/cases?page=1&pageSize=20'))).toMatchObject({ status: 401, code: 'token_expired' });
  });

  it('should refuse a disabled account even while its answer is still kept', async () => {
    server = await startTestServer();
    const admin = await server.as('ding-admin');
    const leader = await server.as('ding-leader');
    const url = '/api/stats/overview?from=2026-01-01&to=2026-12-31';
    await get(leader, url);
    expect((await get(leader, url)).cache).toBe('hit');
    await admin.admin.updateUser(leader.userId, { disabled: true });
    expect(await apiError(leader.http.get(url))).toMatchObject({ status: 401 });
  });

  it('should keep the answers within their total size, forgetting the least recently used first', async () => {
    const app = new Hono<AppEnv>();
    app.use(async (c, next) => {
      c.set('deps', { dataVersion: () => 'v1', clock: { now: () => new Date(0) } } as unknown as Deps);
      c.set('user', { id: 'u1' } as SessionUser);
      await next();
    });
    // each answer is 23 characters long: room for two, not three
    app.get('/a/:n', responseCache(new RepeatedAnswers({ maxTotalBytes: 50 })), (c) => cacheableJson(c, { n: c.req.param('n'), pad: 'xxxxx' }));
    const cacheOf = async (n: number) => (await app.request(`/a/${n}`)).headers.get('x-cache');
    expect([await cacheOf(1), await cacheOf(2), await cacheOf(1)]).toEqual(['miss', 'miss', 'hit']);
    expect(await cacheOf(3)).toBe('miss'); // 2 was used least recently: it goes
    expect([await cacheOf(1), await cacheOf(3), await cacheOf(2)]).toEqual(['hit', 'hit', 'miss']);
  });
});
