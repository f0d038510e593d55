import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const countCases = () => (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;

describe('Idempotency-Key on POST /api/cases', () => {
  it('should refuse the same key with a different body with 422 naming the key, and keep the first case alone', async () => {
    const citizen = await s.as('zlb-zhang');
    const key = newKey();
    const first = await citizen.cases.create(validCase(), key);
    const before = countCases();

    const err = await apiError(
      citizen.cases.create(validCase({ title: '垃圾没人清运', body: '小区门口的垃圾桶三天没人清运了，气味很大，请尽快处理。' }), key),
    );
    expect(err).toMatchObject({ status: 422, code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    expect(countCases()).toBe(before);
    // the first case is unchanged, and still what the key names
    expect((await citizen.cases.get(first.id)).title).toBe('路灯坏了');
    expect((await citizen.cases.create(validCase(), key)).id).toBe(first.id);
  });

  it('should give the same case for the same body whatever its key order and whitespace', async () => {
    const citizen = await s.as('zlb-li');
    const key = newKey();
    const location = { lat: 30.7, lng: 121.01, address: '东湖社区' };
    const body = validCase({ anonymous: false, location });
    const first = await citizen.http.post('/api/cases', body, { headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    // the same content: keys in reverse order (nested too), pretty-printed, strings with surrounding spaces
    const reversed = Object.fromEntries(
      Object.entries({ ...body, title: ` ${body.title} `, location: Object.fromEntries(Object.entries(location).reverse()) }).reverse(),
    );
    const replay = await citizen.http.post('/api/cases', JSON.stringify(reversed, null, 2), {
      headers: { 'Idempotency-Key': key, 'content-type': 'application/json' },
    });
    expect(replay.status).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.data.id).toBe(first.data.id);
  });

  it('should refuse a second different body sent at the same moment as the first with the same key', async () => {
    const citizen = await s.as('zlb-wang');
    const key = newKey();
    const before = countCases();
    const results = await Promise.allSettled([
      citizen.cases.create(validCase(), key),
      citizen.cases.create(validCase({ body: '村里的自来水这几天发黄，烧开了也有味道，请帮忙问问。' }), key),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected')!;
    expect(await apiError(Promise.reject(rejected.reason))).toMatchObject({ status: 422, field: 'Idempotency-Key' });
    expect(countCases()).toBe(before + 1);
  });

  it('should treat a key stored before bodies were hashed as matching any body, as before', async () => {
    const citizen = await s.as('zlb-chen');
    const key = newKey();
    const first = await citizen.cases.create(validCase(), key);
    // a key written by the previous version of the server carries no hash of its body
    s.db.prepare('UPDATE idempotency_keys SET body_hash = NULL WHERE key = ?').run(key);
    const again = await citizen.cases.create(validCase({ body: '换了内容的同一次提交，旧版本的键不比较内容。' }), key);
    expect(again.id).toBe(first.id);
  });
});
