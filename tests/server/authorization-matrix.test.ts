import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '@minqing/shared';
import { stationKey } from '../../server/src/domain/field.js';
import { holidayRows } from '../../server/src/seed/holidays.js';
import { caseIn } from '../helpers/builders.js';
import { newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

/**
 * Every route of the API as every kind of caller. A route the app serves without a row here
 * fails the test, so a new route cannot ship without deciding who may call it.
 */
const ACTORS = {
  anonymous: null,
  citizenA: 'zlb-zhang', // submitted the fixture cases
  citizenB: 'zlb-li',
  deputyOfCase: 'ding-d001',
  otherDeputy: 'ding-d002',
  officeOfRegion: 'ding-office-danghu',
  officeOtherRegion: 'ding-office-zhongdai',
  assignedUnit: 'ding-unit-zjj',
  otherUnit: 'ding-unit-jtj',
  leader: 'ding-leader',
  admin: 'ding-admin',
  // no account: a wall screen's read-only credential (大屏凭证) of the whole city, sent as X-Screen-Key
  screen: null,
} as const;
type Actor = keyof typeof ACTORS;
const ALL = Object.keys(ACTORS) as Actor[];

interface Fixture {
  caseId: string;
  anonymousCaseId: string;
  photoId: string;
  secret: string;
}
interface Row {
  request: (f: Fixture, actor: Actor) => { method: string; path: string; body?: unknown; form?: boolean };
  /** Expected status per actor; `public` routes are open to all (checked not to fail). */
  expect: Partial<Record<Actor, number>> | 'public';
}

/** Callers without a user: nobody at all, and a wall screen, which only the cockpit's GETs let in. */
const stranger = (a: Actor) => a === 'anonymous' || a === 'screen';
const signedIn = (ok: number): Partial<Record<Actor, number>> => Object.fromEntries(ALL.map((a) => [a, stranger(a) ? 401 : ok]));
const only = (allowed: Partial<Record<Actor, number>>, others = 403): Partial<Record<Actor, number>> =>
  Object.fromEntries(ALL.map((a) => [a, stranger(a) ? 401 : (allowed[a] ?? others)]));
/** The cockpit's figures: leaders, office staff, admins, and a wall screen's credential. */
const cockpit = { ...only({ officeOfRegion: 200, officeOtherRegion: 200, leader: 200, admin: 200 }), screen: 200 };
/** Readers of the fixture case (in scope) get `ok`, everyone else signed in 404. */
const caseReaders = (ok: number) =>
  only({ citizenA: ok, deputyOfCase: ok, officeOfRegion: ok, assignedUnit: ok, leader: ok, admin: ok }, 404);

/**
 * An admin list's three routes (`route` is the edit's, as `/api/admin/stations/:id`), to list, add (`create`'s body) and
 * edit (`edit`: an existing row and a body that changes nothing), for one rule: lists kept by `region` are kept by office
 * staff for their own region (a town's office lists them, gets 403 adding in 当湖 and 404 editing there) and admins; the
 * others by admins only.
 */
function adminList(
  keptBy: 'region' | 'admins',
  route: string,
  edit: [id: string, body: unknown],
  create: (actor: Actor) => unknown,
): Record<string, Row> {
  const path = route.slice(0, route.lastIndexOf('/'));
  const [id, body] = edit;
  const regional = keptBy === 'region';
  return {
    [`GET ${path}`]: {
      request: () => ({ method: 'GET', path }),
      expect: only(regional ? { officeOfRegion: 200, officeOtherRegion: 200, admin: 200 } : { admin: 200 }),
    },
    [`POST ${path}`]: {
      request: (_f, actor) => ({ method: 'POST', path, body: create(actor) }),
      expect: only(regional ? { officeOfRegion: 201, admin: 201 } : { admin: 201 }),
    },
    [`PATCH ${route}`]: {
      request: () => ({ method: 'PATCH', path: `${path}/${id}`, body }),
      expect: only(regional ? { officeOfRegion: 200, officeOtherRegion: 404, admin: 200 } : { admin: 200 }),
    },
  };
}

const MATRIX: Record<string, Row> = {
  'GET /api/health': { request: () => ({ method: 'GET', path: '/api/health' }), expect: 'public' },
  'GET /api/health/live': { request: () => ({ method: 'GET', path: '/api/health/live' }), expect: 'public' },
  'GET /api/health/ready': { request: () => ({ method: 'GET', path: '/api/health/ready' }), expect: 'public' },
  // for the configured scrapers only (METRICS_TOKEN, METRICS_ALLOW): no user's sign-in opens it
  'GET /metrics': { request: () => ({ method: 'GET', path: '/metrics' }), expect: Object.fromEntries(ALL.map((a) => [a, 404])) },
  'POST /api/auth/citizen': {
    request: () => ({ method: 'POST', path: '/api/auth/citizen', body: { ticket: 'forged' } }),
    expect: Object.fromEntries(ALL.map((a) => [a, 401])),
  },
  'POST /api/auth/staff': {
    request: () => ({ method: 'POST', path: '/api/auth/staff', body: { authCode: 'forged' } }),
    expect: Object.fromEntries(ALL.map((a) => [a, 401])),
  },
  'POST /api/auth/password': {
    request: () => ({ method: 'POST', path: '/api/auth/password', body: { username: 'admin', password: 'guess' } }),
    expect: Object.fromEntries(ALL.map((a) => [a, 401])),
  },
  'GET /api/me': { request: () => ({ method: 'GET', path: '/api/me' }), expect: signedIn(200) },
  'GET /api/me/notifications': { request: () => ({ method: 'GET', path: '/api/me/notifications' }), expect: signedIn(200) },
  'POST /api/me/notifications/read': { request: () => ({ method: 'POST', path: '/api/me/notifications/read' }), expect: signedIn(200) },
  'GET /api/deputies': { request: () => ({ method: 'GET', path: '/api/deputies' }), expect: 'public' },
  'GET /api/deputies/:code': { request: () => ({ method: 'GET', path: '/api/deputies/D001' }), expect: 'public' },
  'GET /api/deputies/:code/avatar.svg': { request: () => ({ method: 'GET', path: '/api/deputies/D001/avatar.svg' }), expect: 'public' },
  // public, but only a deputy's current photo: the fixture's photo (a citizen's upload) is no one's
  'GET /api/deputies/:code/photo/:uploadId': {
    request: (f) => ({ method: 'GET', path: `/api/deputies/D001/photo/${f.photoId}` }),
    expect: Object.fromEntries(ALL.map((a) => [a, 404])),
  },
  'GET /api/deputies/:code/qrcode.svg': { request: () => ({ method: 'GET', path: '/api/deputies/D001/qrcode.svg' }), expect: 'public' },
  'GET /api/deputies/:code/performance': {
    request: () => ({ method: 'GET', path: '/api/deputies/D001/performance' }),
    expect: only({ deputyOfCase: 200, otherDeputy: 404, officeOfRegion: 200, officeOtherRegion: 404, leader: 200, admin: 200 }),
  },
  'GET /api/regions': { request: () => ({ method: 'GET', path: '/api/regions' }), expect: 'public' },
  'GET /api/categories': { request: () => ({ method: 'GET', path: '/api/categories' }), expect: 'public' },
  'GET /api/units': { request: () => ({ method: 'GET', path: '/api/units' }), expect: 'public' },
  'POST /api/uploads': { request: () => ({ method: 'POST', path: '/api/uploads', form: true }), expect: signedIn(201) },
  'GET /api/uploads/:id': { request: (f) => ({ method: 'GET', path: `/api/uploads/${f.photoId}` }), expect: caseReaders(200) },
  'POST /api/cases': {
    request: () => ({ method: 'POST', path: '/api/cases', body: validCase({ deputyCode: 'D001' }) }),
    expect: only({ citizenA: 201, citizenB: 201, deputyOfCase: 201 }),
  },
  // the similar-cases hint: for a citizen writing a case (it used to be public: issue 13, finding 2)
  'POST /api/cases/similar': {
    request: () => ({ method: 'POST', path: '/api/cases/similar', body: { deputyCode: 'D001', text: '路灯坏了' } }),
    expect: only({ citizenA: 200, citizenB: 200 }),
  },
  'GET /api/hotspots': {
    request: () => ({ method: 'GET', path: '/api/hotspots' }),
    expect: cockpit,
  },
  'GET /api/cases': { request: () => ({ method: 'GET', path: '/api/cases' }), expect: signedIn(200) },
  'GET /api/cases/:id': { request: (f) => ({ method: 'GET', path: `/api/cases/${f.caseId}` }), expect: caseReaders(200) },
  'POST /api/cases/:id/transitions': {
    // a note: staff in scope may add one; citizens and leaders have no such action
    request: (f) => ({ method: 'POST', path: `/api/cases/${f.caseId}/transitions`, body: { action: 'note', note: '核查进展' } }),
    expect: only({ citizenA: 403, deputyOfCase: 200, officeOfRegion: 200, assignedUnit: 200, leader: 403, admin: 200 }, 404),
  },
  'GET /api/cases/:id/suggestions': {
    request: (f) => ({ method: 'GET', path: `/api/cases/${f.caseId}/suggestions` }),
    expect: only({ officeOfRegion: 200, officeOtherRegion: 404, admin: 200 }),
  },
  'GET /api/stats/overview': {
    request: () => ({ method: 'GET', path: '/api/stats/overview' }),
    expect: cockpit,
  },
  // the cockpit (码上评): leaders, office staff (their region and below) and admins; a region outside the scope is 403 (tests/server/stats-indicators.test.ts)
  'GET /api/stats/trend': {
    request: () => ({ method: 'GET', path: '/api/stats/trend?granularity=week' }),
    expect: cockpit,
  },
  'GET /api/stats/categories': {
    request: () => ({ method: 'GET', path: '/api/stats/categories' }),
    expect: cockpit,
  },
  'GET /api/stats/towns': {
    request: () => ({ method: 'GET', path: '/api/stats/towns' }),
    expect: cockpit,
  },
  'GET /api/stats/units': {
    request: () => ({ method: 'GET', path: '/api/stats/units' }),
    expect: cockpit,
  },
  'GET /api/stats/deputies': {
    request: () => ({ method: 'GET', path: '/api/stats/deputies' }),
    expect: cockpit,
  },
  'GET /api/stats/overdue': {
    request: () => ({ method: 'GET', path: '/api/stats/overdue' }),
    expect: cockpit,
  },
  'GET /api/stats/stages': {
    request: () => ({ method: 'GET', path: '/api/stats/stages' }),
    expect: cockpit,
  },
  'GET /api/stats/cases': {
    request: () => ({ method: 'GET', path: '/api/stats/cases?metric=received' }),
    expect: cockpit,
  },
  'GET /api/stats/latest': {
    request: () => ({ method: 'GET', path: '/api/stats/latest' }),
    expect: cockpit,
  },
  // the ledger lists every case with its citizen's (masked) phone: for people only, never a wall screen
  'GET /api/stats/export.xlsx': {
    request: () => ({ method: 'GET', path: '/api/stats/export.xlsx' }),
    expect: only({ officeOfRegion: 200, officeOtherRegion: 200, leader: 200, admin: 200 }),
  },
  'POST /api/visits': {
    request: () => ({
      method: 'POST',
      path: '/api/visits',
      body: { kind: 'visit', date: '2026-03-01', place: '东湖社区', summary: '走访了解路灯情况' },
    }),
    expect: only({ deputyOfCase: 201, otherDeputy: 201 }),
  },
  'GET /api/visits': {
    request: () => ({ method: 'GET', path: '/api/visits' }),
    expect: only({ deputyOfCase: 200, otherDeputy: 200, officeOfRegion: 200, officeOtherRegion: 200, leader: 200, admin: 200 }),
  },
  'POST /api/checkins': {
    request: (f) => ({ method: 'POST', path: '/api/checkins', body: { stationId: 'st-danghu', key: stationKey(f.secret, 'st-danghu') } }),
    expect: only({ deputyOfCase: 201, otherDeputy: 201 }),
  },
  'GET /api/checkins': { request: () => ({ method: 'GET', path: '/api/checkins' }), expect: only({ deputyOfCase: 200, otherDeputy: 200 }) },
  'GET /api/stations/:id/qrcode.svg': {
    request: () => ({ method: 'GET', path: '/api/stations/st-danghu/qrcode.svg' }),
    expect: only({ deputyOfCase: 200, otherDeputy: 200, officeOfRegion: 200, officeOtherRegion: 200, admin: 200 }),
  },
  'GET /api/settings/limits': {
    request: () => ({ method: 'GET', path: '/api/settings/limits' }),
    expect: only(Object.fromEntries(ALL.filter((a) => !a.startsWith('citizen')).map((a) => [a, 200]))),
  },
  'PUT /api/settings/limits': {
    // the limits in force: a valid body that changes nothing
    request: () => ({ method: 'PUT', path: '/api/settings/limits', body: DEFAULT_LIMITS }),
    expect: only({ admin: 200 }),
  },
  // 答复审核: read by office, leaders and admins; changed by an admin (an empty list keeps review off for the other rows)
  'GET /api/settings/reply-review': {
    request: () => ({ method: 'GET', path: '/api/settings/reply-review' }),
    expect: only({ officeOfRegion: 200, officeOtherRegion: 200, leader: 200, admin: 200 }),
  },
  'PUT /api/settings/reply-review': {
    request: () => ({ method: 'PUT', path: '/api/settings/reply-review', body: { regionIds: [] } }),
    expect: only({ admin: 200 }),
  },
  // 节假日安排: read by whoever reads the limits; replaced by an admin (with the seeded 2027 rows: nothing changes for the other rows)
  'GET /api/settings/holidays': {
    request: () => ({ method: 'GET', path: '/api/settings/holidays?year=2027' }),
    expect: only(Object.fromEntries(ALL.filter((a) => !a.startsWith('citizen')).map((a) => [a, 200]))),
  },
  'PUT /api/settings/holidays/:year': {
    request: () => ({
      method: 'PUT',
      path: '/api/settings/holidays/2027',
      body: { days: holidayRows().filter((d) => d.date.startsWith('2027-')) },
    }),
    expect: only({ admin: 200 }),
  },
  // 账号管理 and 操作日志: admins only (the PATCH changes nothing: citizen B stays enabled)
  ...adminList('admins', '/api/admin/users/:id', ['u-zlb-li', { disabled: false }], (actor) => ({
    role: 'leader',
    name: '矩阵测试',
    dingUserId: `matrix-${actor}`,
    regionId: 'pinghu',
  })),
  'GET /api/admin/events': { request: () => ({ method: 'GET', path: '/api/admin/events' }), expect: only({ admin: 200 }) },
  // 代表名册: office staff for their region (当湖 deputy D001) and admins
  ...adminList('region', '/api/admin/deputies/:code', ['D001', { inOffice: true }], () => ({
    name: '矩阵代表',
    level: 'town',
    regionId: 'danghu',
    stationId: 'st-danghu',
    constituency: '当湖街道矩阵选区',
  })),
  // 承办单位与分类: the city's office and admins only (a town's office 403)
  ...adminList('admins', '/api/admin/units/:id', ['jtj', { active: true }], (actor) => ({ name: `矩阵单位-${actor}`, kind: 'department' })),
  'PATCH /api/admin/categories/:id': {
    request: () => ({ method: 'PATCH', path: '/api/admin/categories/transport', body: { defaultUnitId: 'jtj' } }),
    expect: only({ admin: 200 }),
  },
  // 联络站: office staff for their region (当湖's station) and admins
  ...adminList('region', '/api/admin/stations/:id', ['st-danghu', { active: true }], (actor) => ({
    name: `矩阵联络站-${actor}`,
    regionId: 'danghu',
    address: '当湖街道矩阵路1号',
    receptionDays: '每月1日上午',
  })),
  // 村（社区）: the same (当湖's 东湖社区 is danghu-01)
  ...adminList('region', '/api/admin/villages/:id', ['danghu-01', { active: true }], (actor) => ({
    name: `矩阵社区-${actor}`,
    townId: 'danghu',
  })),
  // 大屏凭证: those who read the cockpit issue, list and revoke wall screens' credentials of their region (an unknown one is 404)
  'GET /api/screen-credentials': {
    request: () => ({ method: 'GET', path: '/api/screen-credentials' }),
    expect: only({ officeOfRegion: 200, officeOtherRegion: 200, leader: 200, admin: 200 }),
  },
  'POST /api/screen-credentials': {
    request: (_f, actor) => ({ method: 'POST', path: '/api/screen-credentials', body: { name: `矩阵大屏-${actor}` } }),
    expect: only({ officeOfRegion: 201, officeOtherRegion: 201, leader: 201, admin: 201 }),
  },
  'POST /api/screen-credentials/:id/revoke': {
    request: () => ({ method: 'POST', path: '/api/screen-credentials/no-such-credential/revoke' }),
    expect: only({ officeOfRegion: 404, officeOtherRegion: 404, leader: 404, admin: 404 }),
  },
  // the stand-in identity provider (demo mode only): its own protocol, no user of ours
  'GET /mock-idp/accounts': { request: () => ({ method: 'GET', path: '/mock-idp/accounts' }), expect: 'public' },
  'POST /mock-idp/tickets': {
    request: () => ({ method: 'POST', path: '/mock-idp/tickets', body: { account: 'zlb-li' } }),
    expect: 'public',
  },
  'POST /mock-idp/sessions': {
    request: () => ({ method: 'POST', path: '/mock-idp/sessions', body: { account: 'zlb-li' } }),
    expect: 'public',
  },
  // what the stand-in delivered: only with its own session for the recipient, never with one of our tokens (tests/server/mock-idp.test.ts)
  'GET /mock-idp/messages': {
    request: () => ({ method: 'GET', path: '/mock-idp/messages' }),
    expect: Object.fromEntries(ALL.map((a) => [a, 401])),
  },
  'POST /mock-idp/zlb/sso/servlet/simpleauth': {
    request: () => ({ method: 'POST', path: '/mock-idp/zlb/sso/servlet/simpleauth?method=ticketValidation', body: { st: 'x' } }),
    expect: 'public',
  },
  'POST /mock-idp/zlb/message/send': {
    request: () => ({ method: 'POST', path: '/mock-idp/zlb/message/send', body: {} }),
    expect: 'public',
  },
  'GET /mock-idp/ding/gettoken': { request: () => ({ method: 'GET', path: '/mock-idp/ding/gettoken' }), expect: 'public' },
  'POST /mock-idp/ding/topapi/v2/user/getuserinfo': {
    request: () => ({ method: 'POST', path: '/mock-idp/ding/topapi/v2/user/getuserinfo', body: {} }),
    expect: 'public',
  },
  'POST /mock-idp/ding/topapi/message/corpconversation/asyncsend_v2': {
    request: () => ({ method: 'POST', path: '/mock-idp/ding/topapi/message/corpconversation/asyncsend_v2', body: {} }),
    expect: 'public',
  },
};

let s: TestServer;
let fixture: Fixture;
const tokens = new Map<Actor, string>();
let screenKey = '';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function call(actor: Actor, req: ReturnType<Row['request']>) {
  const headers: Record<string, string> = { 'Idempotency-Key': newKey() };
  const token = tokens.get(actor);
  if (token) headers.authorization = `Bearer ${token}`;
  if (actor === 'screen') headers['x-screen-key'] = screenKey;
  let body: BodyInit | undefined;
  if (req.form) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'p.png');
    body = form;
  } else if (req.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  return fetch(`${s.baseUrl}${req.path}`, { method: req.method, headers, body });
}

beforeAll(async () => {
  s = await startTestServer({ now: '2026-03-02T02:00:00Z' });
  for (const actor of ALL) {
    const account = ACTORS[actor];
    if (account) tokens.set(actor, (await s.as(account)).token);
  }
  screenKey = (await (await s.as('ding-leader')).screenCredentials.issue({ name: '矩阵大屏' })).secret;
  const owner = await s.as('zlb-zhang');
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'p.png');
  const photo = (await owner.http.post('/api/uploads', form)).data as { id: string };
  const caseId = caseIn(s, 'handling', { photoIds: [photo.id] });
  const anonymousCaseId = caseIn(s, 'handling', { anonymous: true });
  fixture = { caseId, anonymousCaseId, photoId: photo.id, secret: 'test-secret-test-secret-test-secret-0123' };
});
afterAll(() => s.close());

describe('the authorization matrix', () => {
  it('should have a row for every route the app serves', () => {
    const missing = s.routes.filter((r) => !(r in MATRIX) && !r.endsWith('/*'));
    expect(missing).toEqual([]);
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    it(`should answer ${route} as the table says for every caller`, async () => {
      const got: Partial<Record<Actor, number>> = {};
      for (const actor of ALL) {
        const res = await call(actor, row.request(fixture, actor));
        await res.arrayBuffer();
        got[actor] = res.status;
      }
      if (row.expect === 'public') {
        for (const status of Object.values(got)) expect([401, 403, 500]).not.toContain(status);
      } else {
        expect(got).toEqual(row.expect);
      }
    });
  }
});

describe('what each caller may read of a case', () => {
  const detail = async (actor: Actor, id: string) => {
    const res = await call(actor, { method: 'GET', path: `/api/cases/${id}` });
    return (await res.json()) as {
      contactPhone: string | null;
      contactName: string | null;
      events: { actorName: string; actorRole: string | null }[];
    };
  };

  it('should show the full phone only to the submitter, the case deputy and office staff of the region', async () => {
    const full = ['citizenA', 'deputyOfCase', 'officeOfRegion'] as const;
    const masked = ['assignedUnit', 'leader', 'admin'] as const;
    for (const a of full) expect((await detail(a, fixture.caseId)).contactPhone).toBe('13857310001');
    for (const a of masked) expect((await detail(a, fixture.caseId)).contactPhone).toBe('138****0001');
  });

  it("should never show an anonymous submitter's identity to staff or leaders", async () => {
    expect((await detail('citizenA', fixture.anonymousCaseId)).contactPhone).toBe('13857310001');
    for (const a of ['deputyOfCase', 'officeOfRegion', 'assignedUnit', 'leader', 'admin'] as const) {
      const c = await detail(a, fixture.anonymousCaseId);
      expect(c.contactPhone).toBeNull();
      expect(c.contactName).toBeNull();
      const text = JSON.stringify(c);
      expect(text).not.toContain('张建华');
      expect(text).not.toContain('13857310001');
      expect(c.events.filter((e) => e.actorRole === 'citizen').every((e) => e.actorName === '匿名群众')).toBe(true);
    }
    // nor in lists
    for (const a of ['deputyOfCase', 'officeOfRegion', 'assignedUnit', 'leader'] as const) {
      const res = await call(a, { method: 'GET', path: '/api/cases?pageSize=100' });
      const text = await res.text();
      expect(text).not.toContain('张建华');
      expect(text).not.toContain('13857310001');
    }
  });
});
