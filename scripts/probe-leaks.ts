/**
 * Where a citizen's name, mobile and ID-card number can surface (issue 13, finding 2), tried as
 * an outside auditor would: over HTTP only, against the real server in demo mode, signed in
 * through the stand-in provider like the apps. A citizen of 钟埭街道 writes to her deputy with no
 * title, her name, mobile and ID-card number in the body; the case is walked as the real roles
 * do (the deputy forwards, the office assigns, the unit signs); then every surface each viewer
 * can reach is read raw and the three secrets are counted in it. Viewers who may not read the
 * citizen (no token, other citizens, the leader, the unit, other deputies and offices, the
 * admin) must get none of them, nor find the case by searching for one; the submitter, her
 * deputy and office staff are shown too ("allowed"), so the table shows the rule both ways.
 * Exit code 1 when anything reaches someone not allowed (or a status is not the expected one).
 *   npx tsx scripts/probe-leaks.ts                 (starts its own demo server on a temp database)
 *   npx tsx scripts/probe-leaks.ts --base http://127.0.0.1:8095   (a server already running)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import axios from 'axios';
import ExcelJS from 'exceljs';
import { createApiClient, type CaseDetail } from '@minqing/shared';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';

const SECRETS = { name: '陈美玲', mobile: '13857319999', id: '330482199001011234' } as const;
type SecretKey = keyof typeof SECRETS;
const BODY = `我叫${SECRETS.name}${SECRETS.mobile}，身份证${SECRETS.id}，住钟埭街道，丈夫经常打我，请帮帮我`;
/** Another citizen's words about the same trouble: what the similar-cases hint is asked with. */
const SIMILAR_TEXT = '我住钟埭街道，丈夫经常打我，请代表帮帮我';

/** The case's people: 陈美玲 herself (zlb-chen), 钟埭街道's deputy D002, the unit of 钟埭街道. */
const SUBMITTER = 'zlb-chen';
const DEPUTY = { code: 'D002', account: 'ding-d002' };
const OFFICE = 'ding-office';
const UNIT = { id: 'gov-zhongdai', account: 'ding-unit-zhongdai' };
const CATEGORY = 'labor';

interface Row {
  viewer: string;
  surface: string;
  status: number;
  /** The status a viewer not allowed must get (401, 403, 404), if any. */
  expect?: number[];
  counts: Record<SecretKey, number>;
  /** Whether the probe's case is in the answer at all (else a zero proves nothing). */
  shown: boolean;
  /** A search by one of the secrets: finding the case tells the viewer whose case it is. */
  searchBySecret: boolean;
  allowed: boolean;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;
/** JSON may escape non-ASCII as \uXXXX: count in the text as a reader decodes it. */
const decoded = (text: string) => text.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

async function main() {
  const { values } = parseArgs({ options: { base: { type: 'string' } } });
  let server: ServerProcess | null = null;
  let dir: string | null = null;
  let base = values.base?.replace(/\/$/, '');
  if (!base) {
    dir = mkdtempSync(join(tmpdir(), 'mq-leaks-'));
    // demo mode with its history and the default abuse limits: the server as `npm start` runs it
    server = await startServerProcess({ DEMO_MODE: '1', DB_FILE: join(dir, 'minqing.db') });
    base = server.baseUrl;
  }
  try {
    const n = await probe(base);
    process.exitCode = n > 0 ? 1 : 0;
  } finally {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

async function probe(base: string): Promise<number> {
  // ---- signing in, as the apps do: a one-time code from the stand-in, exchanged by our server
  const signIn = async (account: string): Promise<string> => {
    const idp = createApiClient(axios.create({ baseURL: base }));
    const code = await idp.mockIdp.ticket(account);
    const auth = code.ticket ? await idp.auth.citizen(code.ticket) : await idp.auth.staff(code.authCode!);
    return auth.token;
  };
  const clientFor = (token: string) => createApiClient(axios.create({ baseURL: base, headers: { Authorization: `Bearer ${token}` } }));
  const tokens = new Map<string, string>();
  const token = async (account: string) => {
    if (!tokens.has(account)) tokens.set(account, await signIn(account));
    return tokens.get(account)!;
  };

  // ---- the case: no title, the secrets in the body and as the contact
  const citizen = clientFor(await token(SUBMITTER));
  const created = await citizen.cases.create(
    { deputyCode: DEPUTY.code, body: BODY, contactName: SECRETS.name, contactPhone: SECRETS.mobile },
    randomUUID(),
  );
  await clientFor(await token(DEPUTY.account)).cases.transition(created.id, { action: 'forward', note: '请人大办转交相关部门办理' });
  await clientFor(await token(OFFICE)).cases.transition(created.id, { action: 'assign', unitId: UNIT.id, categoryId: CATEGORY });
  await clientFor(await token(UNIT.account)).cases.transition(created.id, { action: 'sign' });
  const mine: CaseDetail = await citizen.cases.get(created.id);
  console.log(`case ${mine.trackingNo} (${mine.id}) by ${SUBMITTER} to ${DEPUTY.code}, now ${mine.status}; stored title "${mine.title}"`);
  // what marks the case in any answer: its id, its tracking number, its title as stored
  const markers = [mine.id, mine.trackingNo, mine.title];

  // ---- reading a surface raw
  const rows: Row[] = [];
  const read = async (
    viewer: string,
    surface: string,
    req: { path: string; method?: 'GET' | 'POST'; body?: unknown; bearer?: string | null; xlsx?: boolean },
    opts: { allowed?: boolean; expect?: number[]; searchBySecret?: boolean } = {},
  ) => {
    const res = await fetch(`${base}${req.path}`, {
      method: req.method ?? 'GET',
      headers: {
        ...(req.bearer ? { authorization: `Bearer ${req.bearer}` } : {}),
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    });
    let text: string;
    if (req.xlsx && res.ok) {
      // every cell's text of every sheet
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await res.arrayBuffer());
      const cells: string[] = [];
      wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
      text = cells.join('\n');
    } else {
      text = decoded(await res.text());
    }
    rows.push({
      viewer,
      surface,
      status: res.status,
      ...(opts.expect ? { expect: opts.expect } : {}),
      counts: { name: count(text, SECRETS.name), mobile: count(text, SECRETS.mobile), id: count(text, SECRETS.id) },
      shown: res.ok && markers.some((m) => text.includes(m)),
      searchBySecret: opts.searchBySecret ?? false,
      allowed: opts.allowed ?? false,
    });
  };
  const q = (s: string) => `/api/cases?q=${encodeURIComponent(s)}&pageSize=100`;
  const searches = async (viewer: string, bearer: string, allowed = false) => {
    for (const [key, secret] of Object.entries(SECRETS)) {
      await read(viewer, `GET /api/cases?q=<${key === 'id' ? 'ID' : key}>`, { path: q(secret), bearer }, { allowed, searchBySecret: true });
    }
  };
  const standIn = async (viewer: string, account: string, allowed = false) => {
    const { session } = await createApiClient(axios.create({ baseURL: base })).mockIdp.session(account);
    await read(viewer, 'GET /mock-idp/messages', { path: '/mock-idp/messages', bearer: session }, { allowed });
  };
  const similar = (deputyCode: string, text = SIMILAR_TEXT) => ({
    path: '/api/cases/similar',
    method: 'POST' as const,
    body: { deputyCode, text },
  });
  const caseUrl = `/api/cases/${encodeURIComponent(mine.id)}`;

  // the work notices and super-app messages go out through the outbox (every 2 s): wait for the unit's
  const { session: unitSession } = await createApiClient(axios.create({ baseURL: base })).mockIdp.session(UNIT.account);
  await waitFor(async () => {
    const res = await fetch(`${base}/mock-idp/messages`, { headers: { authorization: `Bearer ${unitSession}` } });
    return (await res.text()).includes(mine.trackingNo);
  });

  // ---- no token
  await read('no token', 'POST /api/cases/similar', similar('D012'), { expect: [401] });
  await read('no token', 'GET /api/cases', { path: '/api/cases' }, { expect: [401] });
  await read('no token', 'GET /api/cases/:id', { path: caseUrl }, { expect: [401] });
  await read('no token', 'GET /api/stats/latest', { path: '/api/stats/latest?limit=50' }, { expect: [401] });
  await read('no token', 'GET /mock-idp/messages', { path: '/mock-idp/messages' }, { expect: [401] });

  // ---- other citizens: 李秀英 asks with another deputy of 钟埭街道 (the hint is about the town), 王伟 with one of 当湖街道
  const li = await token('zlb-li');
  await read('citizen, same town', 'POST /api/cases/similar', { ...similar('D012'), bearer: li });
  await read('citizen, same town', 'POST /api/cases/similar <mobile>', {
    ...similar('D012', `请问${SECRETS.mobile}这个号码反映的家暴问题怎么样了`),
    bearer: li,
  });
  await read('citizen, same town', 'POST /api/cases/similar <ID>', {
    ...similar('D012', `身份证${SECRETS.id}的家暴求助处理了吗`),
    bearer: li,
  });
  await read('citizen, same town', 'GET /api/cases/:id', { path: caseUrl, bearer: li }, { expect: [404] });
  await searches('citizen, same town', li);
  const wang = await token('zlb-wang');
  await read('citizen, other town', 'POST /api/cases/similar', { ...similar('D001'), bearer: wang });
  await read('citizen, other town', 'GET /api/cases/:id', { path: caseUrl, bearer: wang }, { expect: [404] });

  // ---- the leader: lists, the case, the cockpit, the big screen, the ledger, notices
  const leader = await token('ding-leader');
  await read('leader', 'GET /api/cases', { path: '/api/cases?pageSize=100', bearer: leader });
  await searches('leader', leader);
  await read('leader', 'GET /api/cases/:id', { path: caseUrl, bearer: leader });
  await read('leader', 'GET /api/stats/latest', { path: '/api/stats/latest?limit=50', bearer: leader });
  for (const metric of ['received', 'open', 'assigned', 'forwarded']) {
    await read('leader', `GET /api/stats/cases?metric=${metric}`, {
      path: `/api/stats/cases?metric=${metric}&pageSize=100`,
      bearer: leader,
    });
  }
  await read('leader', 'GET /api/stats/overdue', { path: '/api/stats/overdue?pageSize=100', bearer: leader });
  await read('leader', 'GET /api/stats/export.xlsx', { path: '/api/stats/export.xlsx', bearer: leader, xlsx: true });
  await read('leader', 'GET /api/hotspots', { path: '/api/hotspots', bearer: leader });
  await read('leader', 'GET /api/me/notifications', { path: '/api/me/notifications', bearer: leader });
  await standIn('leader', 'ding-leader');

  // ---- the unit the case was assigned to
  const unit = await token(UNIT.account);
  await read('unit (assigned)', 'GET /api/cases', { path: '/api/cases?pageSize=100', bearer: unit });
  await searches('unit (assigned)', unit);
  await read('unit (assigned)', 'GET /api/cases/:id', { path: caseUrl, bearer: unit });
  await read('unit (assigned)', 'GET /api/me/notifications', { path: '/api/me/notifications', bearer: unit });
  await standIn('unit (assigned)', UNIT.account);

  // ---- staff outside the case: another deputy of the town, another town's office, the admin
  const otherDeputy = await token('ding-d012');
  await read('deputy D012, same town', 'GET /api/cases/:id', { path: caseUrl, bearer: otherDeputy }, { expect: [404] });
  await searches('deputy D012, same town', otherDeputy);
  await read('deputy D012, same town', 'GET /api/me/notifications', { path: '/api/me/notifications', bearer: otherDeputy });
  const otherOffice = await token('ding-office-danghu');
  await read('office of 当湖街道', 'GET /api/cases/:id', { path: caseUrl, bearer: otherOffice }, { expect: [404] });
  await searches('office of 当湖街道', otherOffice);
  await read('office of 当湖街道', 'GET /api/stats/latest', { path: '/api/stats/latest?limit=50', bearer: otherOffice });
  const admin = await token('ding-admin');
  await read('admin', 'GET /api/cases', { path: '/api/cases?pageSize=100', bearer: admin });
  await searches('admin', admin);
  await read('admin', 'GET /api/cases/:id', { path: caseUrl, bearer: admin });
  await read('admin', 'GET /api/stats/export.xlsx', { path: '/api/stats/export.xlsx', bearer: admin, xlsx: true });

  // ---- those allowed the whole text: the submitter, the case's deputy, office staff
  const allowed = { allowed: true };
  const submitter = await token(SUBMITTER);
  await read('submitter', 'GET /api/cases/:id', { path: caseUrl, bearer: submitter }, allowed);
  await read('submitter', 'GET /api/cases', { path: '/api/cases', bearer: submitter }, allowed);
  await standIn('submitter', SUBMITTER, true);
  const deputy = await token(DEPUTY.account);
  await read(`deputy ${DEPUTY.code} (the case's)`, 'GET /api/cases/:id', { path: caseUrl, bearer: deputy }, allowed);
  await read(`deputy ${DEPUTY.code} (the case's)`, 'GET /api/cases?q=<name>', { path: q(SECRETS.name), bearer: deputy }, allowed);
  await read(`deputy ${DEPUTY.code} (the case's)`, 'GET /api/me/notifications', { path: '/api/me/notifications', bearer: deputy }, allowed);
  await standIn(`deputy ${DEPUTY.code} (the case's)`, DEPUTY.account, true);
  for (const [viewer, account] of [
    ['office (city)', OFFICE],
    ['office of 钟埭街道', 'ding-office-zhongdai'],
  ] as const) {
    const office = await token(account);
    await read(viewer, 'GET /api/cases/:id', { path: caseUrl, bearer: office }, allowed);
    await read(viewer, 'GET /api/cases?q=<ID>', { path: q(SECRETS.id), bearer: office }, allowed);
  }
  // the cockpit and the big screen show everyone masked, office staff too
  await read('office (city)', 'GET /api/stats/latest', { path: '/api/stats/latest?limit=50', bearer: await token(OFFICE) });

  return report(rows);
}

function report(rows: Row[]): number {
  const leak = (r: Row) => !r.allowed && (Object.values(r.counts).some((n) => n > 0) || (r.searchBySecret && r.shown));
  const badStatus = (r: Row) => r.expect !== undefined && !r.expect.includes(r.status);
  const verdict = (r: Row) =>
    r.allowed
      ? 'allowed'
      : leak(r)
        ? r.searchBySecret && r.shown
          ? 'LEAK (found by a secret)'
          : 'LEAK'
        : badStatus(r)
          ? `STATUS (want ${r.expect!.join('/')})`
          : 'ok';
  const table = [
    ['viewer', 'surface', 'HTTP', 'name', 'mobile', 'ID', 'case in answer', 'verdict'],
    ...rows.map((r) => [
      r.viewer,
      r.surface,
      String(r.status),
      String(r.counts.name),
      String(r.counts.mobile),
      String(r.counts.id),
      r.shown ? 'yes' : 'no',
      verdict(r),
    ]),
  ];
  // CJK characters take two columns in a terminal
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => width(row[i]!))));
  const line = (row: string[]) =>
    row
      .map((cell, i) => cell + ' '.repeat(widths[i]! - width(cell)))
      .join(' · ')
      .trimEnd();
  console.log(line(table[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('-·-'));
  for (const row of table.slice(1)) console.log(line(row));
  const leaks = rows.filter(leak).length;
  const statuses = rows.filter((r) => !leak(r) && badStatus(r)).length;
  console.log(
    `secrets: name ${SECRETS.name}, mobile ${SECRETS.mobile}, ID ${SECRETS.id}; "case in answer": its id, tracking number or title is in the answer`,
  );
  if (statuses) console.log(`unexpected statuses: ${statuses}`);
  console.log(`leaks to viewers not allowed: ${leaks}`);
  return leaks + statuses;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log("(the unit's work notice had not arrived at the stand-in after 20 s; reading anyway)");
}

await main();
