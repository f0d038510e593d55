/**
 * `npm run bench`: load benchmark of the real server on a copy of a bulk-seeded database
 * (100,000 cases), driven by autocannon from this separate process over loopback, with the
 * raw ceilings (bare Hono JSON route; bare durable one-row insert) measured in the same run.
 *   npx tsx scripts/bench.ts [--cases 100000] [--db prepared.db] [--seconds 10] [--warmup 3] [--soak 60]
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { sign } from 'hono/jwt';
import { buildServer } from './build-server.js';
import { DEMO_TEST_ENV, startServerProcess } from './lib/server-process.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const CONNECTIONS = 50;
const seconds = Number(arg('seconds', '10'));
const soakSeconds = Number(arg('soak', '60'));
const work = mkdtempSync(join(tmpdir(), 'mq-bench-'));

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

/**
 * autocannon 8 appends every response body to a string (`body += chunk`) for callbacks this
 * benchmark does not use, which decodes each body as UTF-8 on the client's CPU. For compressed
 * (binary) answers that decoding, not the server, set the pace: a plain Node server (in the
 * same process as autocannon) answering 3,287 bytes measured 47.2 k/s for ASCII bytes and
 * 30.6 k/s for brotli bytes with the decoding, and 48.7 k/s and 51.9 k/s without it. So every
 * client here, the ceilings' included, skips it; bytes are still counted.
 */
const skipBodyDecoding = (client: autocannon.Client) => {
  (client as unknown as { pipelinedRequests: { addBody: (chunk: Buffer) => void } }).pipelinedRequests.addBody = () => {};
};

const warmupSeconds = Number(arg('warmup', '3'));
/** Each scenario, ceilings included, first runs unrecorded for `warmupSeconds` (the JIT, the database's pages in memory), then is measured. */
async function load(opts: autocannon.Options): Promise<autocannon.Result> {
  const run = (duration: number) => autocannon({ connections: CONNECTIONS, duration, setupClient: skipBodyDecoding, ...opts });
  if (warmupSeconds > 0) await run(warmupSeconds);
  return run(seconds);
}

interface Row {
  scenario: string;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  errors: number;
  non2xx: number;
  '304s': number;
  ceiling: string;
  ratio: string;
  'vs same size': string;
  'vs same size, headers': string;
}
const rows: Row[] = [];
type Sized = 'list' | 'detail' | 'overview';
/** The bare route's rate at each read's size, without and with the security headers (filled below). */
const sizedCeiling = new Map<Sized, number>();
const headedCeiling = new Map<Sized, number>();
function record(scenario: string, r: autocannon.Result, ceiling: number | null, ceilingName: string, size?: Sized) {
  const rps = Math.round(r.requests.average);
  const sameSize = size && sizedCeiling.get(size);
  const sameSizeHeaders = size && headedCeiling.get(size);
  // autocannon counts a 304 among the non-2xx; here it is the answer a revalidated read expects
  const notModified = r.statusCodeStats?.['304']?.count ?? 0;
  rows.push({
    scenario,
    'req/s': rps,
    'p50 ms': r.latency.p50,
    'p99 ms': r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx - notModified,
    '304s': notModified,
    ceiling: ceilingName,
    ratio: ceiling ? `${Math.round((rps / ceiling) * 100)} %` : '',
    'vs same size': sameSize ? `${Math.round((rps / sameSize) * 100)} %` : '',
    'vs same size, headers': sameSizeHeaders ? `${Math.round((rps / sameSizeHeaders) * 100)} %` : '',
  });
}

// 1. the database: a copy of a bulk-seeded one
let dbFile = arg('db', '');
if (!dbFile) {
  dbFile = join(work, 'bulk.db');
  const cases = arg('cases', '100000');
  console.log(`生成 ${cases} 件的批量数据库…`);
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed-bulk.ts', '--cases', cases, '--db', dbFile], {
    cwd: root,
    stdio: 'inherit',
  });
  if (seeded.status !== 0) throw new Error('seed-bulk failed');
} else {
  const copy = join(work, 'bench.db');
  copyFileSync(dbFile, copy);
  dbFile = copy;
}
if (!existsSync(dbFile)) throw new Error(`no database at ${dbFile}`);

// 2. raw ceilings
const bare = spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/bare-server.ts'], {
  cwd: root,
  env: { ...process.env, BARE_DB: join(work, 'bare.db') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const barePort = await new Promise<number>((res) =>
  bare.stdout!.on('data', (b: Buffer) => {
    const m = /localhost:(\d+)/.exec(b.toString());
    if (m) res(Number(m[1]));
  }),
);
const bareUrl = `http://127.0.0.1:${barePort}`;
const ceilingJson = await load({ url: `${bareUrl}/json` });
record('bare Hono JSON route (ceiling)', ceilingJson, null, '');
const ceilingInsert = await load({
  url: `${bareUrl}/insert`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ body: '平湖市当湖街道路灯不亮' }),
});
record('bare durable insert, FULL (ceiling)', ceilingInsert, null, '');
const readCeiling = ceilingJson.requests.average;
const writeCeiling = ceilingInsert.requests.average;

// 3. the real server on the bulk database: the production build, as `npm run start:prod` runs it
// (JSON request logs on at info, as in production); DEMO_TEST_ENV has no scheduled backups (a copy
// of the bulk database in the middle of a measurement would measure the disk, not the service)
await buildServer();
const server = await startServerProcess({ ...DEMO_TEST_ENV, DB_FILE: dbFile }, 90_000, 'server/dist/main.js');
const base = server.baseUrl;
const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, string>;
};
const token = async (account: string) => {
  const code = await post('/mock-idp/tickets', { account });
  return code.ticket
    ? (await post('/api/auth/citizen', { ticket: code.ticket })).token!
    : (await post('/api/auth/staff', { authCode: code.authCode })).token!;
};
// the reader: the citizen with the most cases in the bulk data (a token minted with the
// server's own secret, which demo mode keeps beside the database)
const dbRead = new Database(dbFile, { readonly: true });
const reader = dbRead
  .prepare(
    'SELECT citizen_user_id AS id, count(*) AS n FROM cases WHERE citizen_user_id IS NOT NULL GROUP BY citizen_user_id ORDER BY n DESC LIMIT 1',
  )
  .get() as { id: string; n: number };
dbRead.close();
const secret = readFileSync(join(dirname(dbFile), 'token-secret.key'), 'utf8').trim();
const citizen = await sign(
  { sub: reader.id, role: 'citizen', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 },
  secret,
  'HS256',
);
// submissions come from another citizen, so the reader's list stays the size it was
const submitter = await token('zlb-wang');
const office = await token('ding-office');
const leader = await token('ding-leader');
const auth = (t: string) => ({ authorization: `Bearer ${t}`, 'content-type': 'application/json' });
// what a browser (and so each app's axios) sends: longer answers come back compressed
const BROWSER_ACCEPT = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const reads = (t: string) => ({ ...auth(t), ...BROWSER_ACCEPT });

const db = new Database(dbFile, { readonly: true });
const citizenCases = reader.n;
const openCases = (
  db.prepare("SELECT id FROM cases WHERE status <> 'closed' ORDER BY submitted_at DESC LIMIT 5000").all() as { id: string }[]
).map((r) => r.id);
const detailCase = (
  db.prepare('SELECT id FROM cases WHERE citizen_user_id = ? ORDER BY submitted_at DESC LIMIT 1').get(reader.id) as
    { id: string } | undefined
)?.id;
const totalCases = (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
db.close();
if (!detailCase) throw new Error('the bulk database has no citizen case');

// the bare route again, answering as many bytes as the list, the case and the overview do (as sent, compressed or not): what the wire alone allows for an answer of that size
const sizeOf = async (path: string, as = citizen) =>
  Number((await fetch(`${base}${path}`, { headers: reads(as) })).headers.get('content-length'));
const year = new Date().getFullYear();
const overviewPath = `/api/stats/overview?from=${year - 1}-01-01&to=${year - 1}-12-31`;
const overviewUrl = `${base}${overviewPath}`;
const listBytes = await sizeOf('/api/cases?page=1&pageSize=20');
const detailBytes = await sizeOf(`/api/cases/${detailCase}`);
const overviewBytes = await sizeOf(overviewPath, leader);
for (const [what, bytes] of [
  ['list', listBytes],
  ['detail', detailBytes],
  ['overview', overviewBytes],
] as const) {
  const r = await load({ url: `${bareUrl}/json-sized/${bytes}` });
  record(`bare Hono JSON route, ${bytes} B like the ${what} (ceiling)`, r, null, '');
  sizedCeiling.set(what, r.requests.average);
  // and with the security headers every answer of the app carries (CSP, frame-ancestors, …)
  const h = await load({ url: `${bareUrl}/api/json-headers/${bytes}` });
  record(`  the same, with the app's security headers (ceiling)`, h, null, '');
  headedCeiling.set(what, h.requests.average);
}
bare.kill('SIGKILL');

// Each read twice: computed afresh (Cache-Control: no-cache and no tag, so nothing is reused,
// not even the cockpit's remembered figures), and revalidated as a browser asks again for an
// answer it holds: If-None-Match with its ETag, answered 304 without a body while nothing was
// written (the tag changes with the minute: a 200 brings the new one, as it would to a browser).
const noCache = { 'cache-control': 'no-cache' };
async function revalidated(url: string, headers: Record<string, string>) {
  let tag = (await fetch(url, { headers })).headers.get('etag');
  if (!tag) throw new Error(`no ETag from ${url}`);
  return load({
    url,
    requests: [
      {
        setupRequest: (req) => ({ ...req, headers: { ...headers, 'if-none-match': tag! } }),
        onResponse: (status, _body, _context, h) => {
          if (status === 200 && (h as Record<string, string>).etag) tag = (h as Record<string, string>).etag!;
        },
      },
    ],
  });
}
const listUrl = `${base}/api/cases?page=1&pageSize=20`;
const detailUrl = `${base}/api/cases/${detailCase}`;
// each read twice: computed afresh, and revalidated by its ETag (304)
const readScenarios: [name: string, url: string, reader: string, size: Sized][] = [
  ['citizen case list', listUrl, citizen, 'list'],
  ['case detail', detailUrl, citizen, 'detail'],
  ['cockpit overview, 1 year', overviewUrl, leader, 'overview'],
];
for (const [name, url, who, size] of readScenarios) {
  record(`${name} (computed)`, await load({ url, headers: { ...reads(who), ...noCache } }), readCeiling, 'JSON route', size);
  record(`${name} (revalidated, 304)`, await revalidated(url, reads(who)), readCeiling, 'JSON route');
}

// The writes after the reads: each notifies someone, and the outbox worker marks those notices
// sent for minutes after, a write every 2 s that would retire the reads' tags (the 304s column
// counts what was revalidated).
let n = 0;
const submission = await load({
  url: `${base}/api/cases`,
  method: 'POST',
  requests: [
    {
      setupRequest: (req) => ({
        ...req,
        headers: { ...auth(submitter), 'idempotency-key': `bench-${process.pid}-${++n}` },
        body: JSON.stringify({ deputyCode: 'D001', type: 'help', body: `压测第${n}件：平湖市当湖街道东湖社区路灯不亮，请尽快维修。` }),
      }),
    },
  ],
});
record('case submission (durable)', submission, writeCeiling, 'durable insert');
let k = 0;
record(
  'a transition (note, durable)',
  await load({
    url: base,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => ({
          ...req,
          // spread over the open cases, as office staff's notes would be
          path: `/api/cases/${openCases[k++ % openCases.length]}/transitions`,
          headers: auth(office),
          body: JSON.stringify({ action: 'note', note: '压测备注：请承办单位加快办理进度' }),
        }),
      },
    ],
  }),
  writeCeiling,
  'durable insert',
);

// 4. memory over a mixed soak
const samples: number[] = [rssMb(server.proc.pid!)];
const sampler = setInterval(() => samples.push(rssMb(server.proc.pid!)), 1000);
// reads and writes interleaved, so the cockpit's remembered figures keep being replaced
const soak = await autocannon({
  connections: CONNECTIONS,
  setupClient: skipBodyDecoding,
  duration: soakSeconds,
  url: base,
  requests: [
    { method: 'GET', path: `/api/cases?page=1&pageSize=20`, headers: reads(citizen) },
    { method: 'GET', path: `/api/cases/${detailCase}`, headers: reads(citizen) },
    {
      method: 'POST',
      path: '/api/cases',
      setupRequest: (req) => ({
        ...req,
        headers: { ...auth(submitter), 'idempotency-key': `bench-soak-${process.pid}-${++n}` },
        body: JSON.stringify({ deputyCode: 'D002', type: 'help', body: `压测浸泡第${n}件：钟埭街道某小区门口积水，请尽快处理。` }),
      }),
    },
    { method: 'GET', path: overviewPath, headers: reads(leader) },
  ],
});
record(`mixed soak, ${soakSeconds} s (list, detail, submission, overview)`, soak, null, '');
clearInterval(sampler);
await server.stop();
rmSync(work, { recursive: true, force: true });

console.log(
  `\n数据库：${totalCases} 件（读取的群众名下 ${citizenCases} 件）；${CONNECTIONS} 个连接，每项 ${seconds} 秒（先预热 ${warmupSeconds} 秒，不计）；机器 2 核；读请求带浏览器的 Accept-Encoding`,
);
console.table(rows);
const firstQuarter = samples.slice(0, Math.max(1, Math.floor(samples.length / 4)));
const lastQuarter = samples.slice(-Math.max(1, Math.floor(samples.length / 4)));
const avg = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
console.log(
  `内存（RSS，${soakSeconds} 秒混合读负载）：开始 ${samples[0]} MB，前四分之一均值 ${avg(firstQuarter)} MB，后四分之一均值 ${avg(lastQuarter)} MB，最高 ${Math.max(...samples)} MB`,
);
