import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

/** Text as people send it: not valid Unicode, pasted with line breaks, or of the wrong type altogether. */

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const countCases = () => (s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
const CHINESE = /[\u4e00-\u9fa5]/;

/** JSON text as a client may write it: `\ud800` stays an escape, exactly as sent. */
const rawJson = (value: Record<string, unknown>, replace: Record<string, string>) => {
  let text = JSON.stringify(value);
  for (const [marker, escape] of Object.entries(replace)) text = text.replace(marker, escape);
  return text;
};

describe('text that is not valid Unicode', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a lone high surrogate in the body', validCase({ body: '当湖街道的路灯坏了两个星期了@@' }), 'body'],
    ['a lone low surrogate in the title', validCase({ title: '路灯@@坏了' }), 'title'],
    ['a lone surrogate in a nested field', validCase({ location: { address: '东湖社区@@胜利路12号' } }), 'location.address'],
  ];
  for (const [what, value, field] of cases) {
    it(`should refuse ${what} with 400 naming ${field} and store nothing`, async () => {
      const citizen = await s.as('zlb-zhang');
      const before = countCases();
      const body = rawJson(value, { '@@': field === 'title' ? '\\udc00' : '\\ud800' });
      const err = await apiError(
        citizen.http.post('/api/cases', body, { headers: { 'content-type': 'application/json', 'Idempotency-Key': newKey() } }),
      );
      expect(err).toMatchObject({ status: 400, code: 'invalid_input', field });
      expect(err.message).toMatch(CHINESE);
      expect(countCases()).toBe(before);
    });
  }

  it('should keep characters outside the basic plane, sent as a surrogate pair, as they are', async () => {
    const citizen = await s.as('zlb-zhang');
    const body = rawJson(validCase({ body: '门口的路灯坏了两个星期了@@请尽快修' }), { '@@': '\\ud83d\\udca1' });
    const res = await citizen.http.post('/api/cases', body, {
      headers: { 'content-type': 'application/json', 'Idempotency-Key': newKey() },
    });
    expect(res.status).toBe(201);
    expect(res.data.body).toBe('门口的路灯坏了两个星期了💡请尽快修');
  });

  it('should refuse a lone surrogate in a staff form too, naming the field', async () => {
    const admin = await s.as('ding-admin');
    const body = rawJson({ name: '城管@@局', kind: 'department' }, { '@@': '\\ud800' });
    const err = await apiError(admin.http.post('/api/admin/units', body, { headers: { 'content-type': 'application/json' } }));
    expect(err).toMatchObject({ status: 400, code: 'invalid_input', field: 'name' });
  });
});

describe('line breaks in one-line fields', () => {
  it('should join the lines of a pasted title, contact name and address with one space, and keep the body as written', async () => {
    const citizen = await s.as('zlb-zhang');
    const c = await citizen.cases.create(
      validCase({
        title: '路灯坏了\r\n（东湖社区）',
        contactName: '张\n\n建华',
        location: { address: '当湖街道\n  东湖社区\u2028胜利路12号\t' },
        body: '第一行：路灯坏了两个星期。\n第二行：晚上很黑，请尽快维修。',
      }),
      newKey(),
    );
    expect(c.title).toBe('路灯坏了 （东湖社区）');
    expect(c.contactName).toBe('张 建华');
    expect(c.location).toEqual({ address: '当湖街道 东湖社区 胜利路12号' });
    expect(c.body).toBe('第一行：路灯坏了两个星期。\n第二行：晚上很黑，请尽快维修。');
  });

  it('should do the same in staff forms: a unit, a station, a visit record', async () => {
    const admin = await s.as('ding-admin');
    const unit = (await admin.http.post('/api/admin/units', { name: '市综合\n执法局', kind: 'department' })).data as { name: string };
    expect(unit.name).toBe('市综合 执法局');
    const station = (
      await admin.http.post('/api/admin/stations', {
        name: '东湖社区\n代表之家',
        regionId: 'danghu',
        address: '东湖路\r\n8号',
        receptionDays: '每月15日\n上午',
      })
    ).data as { name: string; address: string; receptionDays: string };
    expect(station).toMatchObject({ name: '东湖社区 代表之家', address: '东湖路 8号', receptionDays: '每月15日 上午' });
    const deputy = await s.as('ding-d001');
    const visit = await deputy.visits.create({
      kind: 'visit',
      date: '2026-03-01',
      place: '东湖社区\n胜利路',
      people: '张建华\n李明',
      summary: '走访了解路灯情况。\n居民反映晚上很黑。',
    });
    expect(visit).toMatchObject({ place: '东湖社区 胜利路', people: '张建华 李明', summary: '走访了解路灯情况。\n居民反映晚上很黑。' });
  });
});

describe('every validation message is Chinese and names the field', () => {
  type Client = Awaited<ReturnType<TestServer['as']>>;
  type Call = (t: { citizen: Client; deputy: Client; office: Client }) => Promise<unknown>;
  const json = { headers: { 'content-type': 'application/json', 'Idempotency-Key': 'k-0123456789' } };
  const cases: [string, Call, string | undefined][] = [
    [
      'a string where an object is expected',
      ({ citizen }) => citizen.http.post('/api/cases', { ...validCase(), location: '东湖社区' }, json),
      'location',
    ],
    [
      'a string where a list is expected',
      ({ citizen }) => citizen.http.post('/api/cases', { ...validCase(), photoIds: 'p1' }, json),
      'photoIds',
    ],
    [
      'a number where text is expected',
      ({ citizen }) => citizen.http.post('/api/cases', { ...validCase(), categoryId: 5 }, json),
      'categoryId',
    ],
    ['a list where the whole body should be an object', ({ citizen }) => citizen.http.post('/api/cases', [validCase()], json), undefined],
    ['a value outside a set', ({ citizen }) => citizen.http.get('/api/cases', { params: { overdue: 'maybe' } }), 'overdue'],
    ['a number over its maximum', ({ office }) => office.http.get('/api/stats/latest', { params: { limit: 1000 } }), 'limit'],
    ['a number under its minimum', ({ office }) => office.http.get('/api/stats/latest', { params: { limit: 0 } }), 'limit'],
    [
      'a fraction where a whole number is expected',
      ({ office }) => office.http.get('/api/stats/latest', { params: { limit: 2.5 } }),
      'limit',
    ],
    ['text too short', ({ deputy }) => deputy.http.post('/api/checkins', { stationId: 'st-danghu', key: 'abc' }), 'key'],
    ['text too long', ({ citizen }) => citizen.http.post('/api/auth/password', { username: 'u'.repeat(65), password: 'x' }), 'username'],
    ['a missing field', ({ citizen }) => citizen.http.post('/api/auth/citizen', {}), 'ticket'],
  ];
  for (const [what, call, field] of cases) {
    it(`should answer ${what} in Chinese${field ? `, naming ${field}` : ''}`, async () => {
      const citizen = await s.as('zlb-zhang');
      const deputy = await s.as('ding-d001');
      const office = await s.as('ding-office');
      const err = await apiError(call({ citizen, deputy, office }));
      expect(err).toMatchObject({ status: 400, code: 'invalid_input' });
      expect(err.field).toBe(field);
      expect(err.message).toMatch(CHINESE);
      // no English left over from the validator ("Invalid input: expected object, received string")
      expect(err.message).not.toMatch(/[A-Za-z]{3,}/);
    });
  }
});

describe('a number out of range is told so, not called "not a number"', () => {
  const cases: [string, (c: Awaited<ReturnType<TestServer['as']>>) => Promise<unknown>, string, RegExp][] = [
    ['a page size of 1000', (c) => c.http.get('/api/cases', { params: { pageSize: 1000 } }), 'pageSize', /每页条数须在1–100之间/],
    ['page 0', (c) => c.http.get('/api/cases', { params: { page: 0 } }), 'page', /页码须在1–100000之间/],
    ['a page size of 2.5', (c) => c.http.get('/api/cases', { params: { pageSize: 2.5 } }), 'pageSize', /每页条数必须是整数/],
    ['a page size of "abc"', (c) => c.http.get('/api/cases', { params: { pageSize: 'abc' } }), 'pageSize', /每页条数必须是数字/],
    [
      'a latitude of 200',
      (c) =>
        c.http.post(
          '/api/cases',
          { ...validCase(), location: { lat: 200, lng: 120 } },
          { headers: { 'Idempotency-Key': 'k-range-0123456789' } },
        ),
      'location.lat',
      /纬度须在 -90 到 90 之间/,
    ],
  ];
  for (const [what, call, field, message] of cases) {
    it(`should answer ${what} with what is wrong with it, naming ${field}`, async () => {
      const err = await apiError(call(await s.as('zlb-zhang')));
      expect(err).toMatchObject({ status: 400, code: 'invalid_input', field });
      expect(err.message).toMatch(message);
    });
  }
});
