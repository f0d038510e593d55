import { afterAll, beforeAll, describe, expect } from 'vitest';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const countCases = () => (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('bad input is refused with a clear error and changes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a missing body', { body: undefined }, 'body'],
    ['a body under 10 characters', { body: '太短了' }, 'body'],
    ['a body over 2000 characters', { body: '很'.repeat(2001) }, 'body'],
    ['"否" for anonymous', { anonymous: '否' }, 'anonymous'],
    ['a malformed phone number', { contactPhone: '1234567' }, 'contactPhone'],
    ['an out-of-range latitude', { location: { lat: 200, lng: 120 } }, 'location.lat'],
    ['an unknown case type', { type: 'praise' }, 'type'],
    ['an unknown deputy', { deputyCode: 'D999' }, 'deputyCode'],
    ['more than 9 photos', { photoIds: Array.from({ length: 10 }, (_, i) => `p${i}`) }, 'photoIds'],
    ['control characters in the text', { body: '路灯坏了\u0007很久了，请尽快维修处理' }, 'body'],
  ];
  for (const [what, over, field] of cases) {
    it(`should answer 400 naming ${field} for ${what}`, async () => {
      const citizen = await s.as('zlb-zhang');
      const before = countCases();
      const err = await apiError(citizen.cases.create(validCase(over), newKey()));
      expect(err).toMatchObject({ status: 400, code: 'invalid_input', field });
      expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(countCases()).toBe(before);
    });
  }

  it('should refuse a photo uploaded by someone else', async () => {
    const other = await s.as('zlb-li');
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG_1x1)], { type: 'image/png' }), 'a.png');
    const upload = (await other.http.post('/api/uploads', form)).data as { id: string };
    const citizen = await s.as('zlb-zhang');
    const before = countCases();
    expect(await apiError(citizen.cases.create(validCase({ photoIds: [upload.id] }), newKey()))).toMatchObject({
      status: 400,
      field: 'photoIds',
    });
    expect(countCases()).toBe(before);
  });

  it('should answer 413 to a body over 1 MB, 415 to a non-JSON body, 400 to invalid UTF-8 and to deep nesting', async () => {
    const citizen = await s.as('zlb-zhang');
    const post = (data: unknown, type: string) =>
      citizen.http.post('/api/cases', data, { headers: { 'content-type': type, 'Idempotency-Key': newKey() }, validateStatus: () => true });
    const before = countCases();
    expect((await post(JSON.stringify(validCase({ title: 'x'.repeat(1_100_000) })), 'application/json')).status).toBe(413);
    expect((await post('deputyCode=D001', 'text/plain')).status).toBe(415);
    const badUtf8 = Buffer.concat([
      Buffer.from('{"deputyCode":"D001","body":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('反映问题反映问题反映"}'),
    ]);
    const r = await post(badUtf8, 'application/json');
    expect(r.status).toBe(400);
    expect(r.data.error.message).toContain('UTF-8');
    let nested: unknown = 1;
    for (let i = 0; i < 100; i++) nested = { a: nested };
    expect((await post(JSON.stringify({ ...validCase(), extra: nested }), 'application/json')).status).toBe(400);
    expect((await post('{"deputyCode":', 'application/json')).status).toBe(400);
    expect(countCases()).toBe(before);
  });

  it('should answer 401 without a token and with a forged one', async () => {
    expect((await apiError(s.anonymous().cases.list())).status).toBe(401);
    const forged = s.anonymous();
    forged.http.defaults.headers.common.Authorization = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LWRpbmctYWRtaW4ifQ.x';
    expect((await apiError(forged.cases.list())).status).toBe(401);
  });

  it('should answer 401 once a token has expired', async () => {
    const short = await startTestServer({ tokenTtlSeconds: 60 });
    const citizen = await short.as('zlb-zhang');
    await citizen.cases.list();
    short.clock.advanceHours(1);
    expect(await apiError(citizen.cases.list())).toMatchObject({ status: 401, code: 'token_expired' });
    await short.close();
  });

  it('should validate list queries and treat search text literally', async () => {
    const citizen = await s.as('zlb-zhang');
    expect(await apiError(citizen.cases.list({ pageSize: 1000 }))).toMatchObject({ status: 400, field: 'pageSize' });
    expect(await apiError(citizen.cases.list({ status: 'bogus' }))).toMatchObject({ status: 400, field: 'status' });
    await citizen.cases.create(validCase({ body: '楼道里的灯100%不亮了，电梯也坏了很久' }), newKey());
    expect((await citizen.cases.list({ q: '100%' })).total).toBe(1);
    expect((await citizen.cases.list({ q: '%' })).total).toBe(1);
    expect((await citizen.cases.list({ q: "_' OR 1=1 --" })).total).toBe(0);
  });

  it('should refuse a one-time sign-in code the second time', async () => {
    const anon = s.anonymous();
    const { ticket } = await anon.mockIdp.ticket('zlb-zhang');
    await anon.auth.citizen(ticket!);
    expect((await apiError(anon.auth.citizen(ticket!))).status).toBe(401);
    const { authCode } = await anon.mockIdp.ticket('ding-office');
    s.clock.advanceHours(0.1); // 6 minutes: past the 5-minute life of a code
    expect((await apiError(anon.auth.staff(authCode!))).status).toBe(401);
  });

  it('should sign office staff in with a password and refuse a wrong one', async () => {
    const anon = s.anonymous();
    expect((await anon.auth.password('office', 'Demo@2026')).user.role).toBe('office');
    expect(await apiError(anon.auth.password('office', 'wrong'))).toMatchObject({ status: 401 });
    expect(await apiError(anon.auth.password('', 'x'))).toMatchObject({ status: 400, field: 'username' });
  });
});

describe('uploads', () => {
  it('should accept an image by its bytes and refuse other bytes whatever their declared type', async () => {
    const citizen = await s.as('zlb-zhang');
    const send = (bytes: Buffer, type: string, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return citizen.http.post('/api/uploads', form, { validateStatus: () => true });
    };
    const ok = await send(PNG_1x1, 'application/octet-stream', 'photo.png');
    expect(ok.status).toBe(201);
    expect(ok.data).toMatchObject({ mime: 'image/png', width: 1, height: 1 });
    const fake = await send(Buffer.from('<script>alert(1)</script>'), 'image/jpeg', '../../etc/passwd.jpg');
    expect(fake.status).toBe(415);
    // only the owner (or readers of the case it is attached to) may fetch it
    expect((await citizen.http.get(`/api/uploads/${ok.data.id}`)).headers['content-type']).toBe('image/png');
    const other = await s.as('zlb-li');
    expect((await other.http.get(`/api/uploads/${ok.data.id}`, { validateStatus: () => true })).status).toBe(404);
    // the signed link works without a token
    expect((await s.anonymous().http.get(ok.data.url)).status).toBe(200);
  });
});

describe('text that hides or pollutes', () => {
  it('should remove zero-width and right-to-left override characters and keep the rest as sent', async ({ citizen }) => {
    const body = '我的电话是\u202E4321\u202C，门口\u200B路灯坏了<script>alert(1)</script>';
    const c = await citizen.cases.create(validCase({ body }), newKey());
    expect(c.body).toBe('我的电话是4321，门口路灯坏了<script>alert(1)</script>');
  });

  it('should ignore prototype-pollution keys', async ({ citizen }) => {
    const raw = `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},${JSON.stringify(validCase()).slice(1)}`;
    const res = await citizen.http.post('/api/cases', raw, {
      headers: { 'content-type': 'application/json', 'Idempotency-Key': newKey() },
    });
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(res.data)).not.toContain('polluted');
  });

  it('should refuse an image that claims absurd dimensions', async ({ citizen }) => {
    const png = Buffer.from(PNG_1x1);
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'huge.png');
    const res = await citizen.http.post('/api/uploads', form, { validateStatus: () => true });
    expect(res.status).toBe(400);
    expect(res.data.error.field).toBe('file');
  });
});

describe('locations', () => {
  it('should accept a typed address without coordinates, and refuse half a coordinate or an empty location', async ({ citizen }) => {
    const c = await citizen.cases.create(validCase({ location: { address: '东湖社区胜利路12号' } }), newKey());
    expect(c.location).toEqual({ address: '东湖社区胜利路12号' });
    expect(await apiError(citizen.cases.create(validCase({ location: { lat: 30.7 } }), newKey()))).toMatchObject({
      status: 400,
      field: 'location.lng',
    });
    expect(await apiError(citizen.cases.create(validCase({ location: {} }), newKey()))).toMatchObject({
      status: 400,
      field: 'location.address',
    });
  });
});
