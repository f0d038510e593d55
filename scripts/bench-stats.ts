/**
 * npm run bench:stats -- --db /tmp/bulk.db [--runs 30] [--export-rows 100000]
 *
 * The cockpit's speed on a bulk database (npm run seed:bulk): the real server in its own
 * process over that file; every stats route asked `runs` times in a row as the leader (whole
 * city), and the median and p95 of the server-side time (the route's Server-Timing: computing
 * and serialising the answer) and of the round trip. Then, on a fresh server process, the
 * export (台账) of about `export-rows` rows: time to the last byte and the server process's peak
 * resident memory (VmHWM), the file checked by reading it back.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { DEMO_TEST_ENV, startServerProcess, type ServerProcess } from './lib/server-process.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dbFile = resolve(arg('db', 'data/bulk.db'));
const runs = Number(arg('runs', '30'));
const exportRows = Number(arg('export-rows', '100000'));

const TARGET_OVERVIEW_MS = 100;
const TARGET_BREAKDOWN_MS = 200;
const TARGET_EXPORT_S = 15;
const TARGET_EXPORT_MB = 300;

async function start(): Promise<ServerProcess> {
  // a new migration runs over the whole bulk database at the first start: minutes on a million cases
  return startServerProcess({ ...DEMO_TEST_ENV, DB_FILE: dbFile }, 15 * 60_000);
}

async function signIn(base: string, account: string): Promise<string> {
  const code = (await (
    await fetch(`${base}/mock-idp/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account }),
    })
  ).json()) as { authCode: string };
  const auth = (await (
    await fetch(`${base}/api/auth/staff`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authCode: code.authCode }),
    })
  ).json()) as { token: string };
  return auth.token;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const f1 = (x: number) => x.toFixed(1).padStart(7);

function vm(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function main() {
  const raw = new Database(dbFile, { readonly: true });
  const facts = raw
    .prepare(`SELECT count(*) AS cases, min(submitted_at) AS first, max(submitted_at) AS last, sum(status <> 'closed') AS open FROM cases`)
    .get() as {
    cases: number;
    first: string;
    last: string;
    open: number;
  };
  const events = (raw.prepare('SELECT max(id) AS n FROM case_events').get() as { n: number }).n;
  raw.close();
  console.log(
    `数据库 ${dbFile}: ${(statSync(dbFile).size / 1e9).toFixed(2)} GB, ${facts.cases} 件民情件 (${facts.first.slice(0, 10)} … ${facts.last.slice(0, 10)}), ${events} 条事件, ${facts.open} 件未办结`,
  );
  console.log(`Node ${process.version}, ${runs} 次/接口（另有 2 次预热）, 领导账号（全市）\n`);

  const lastYear = String(Number(facts.last.slice(0, 4)) - 1);
  const year = { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` };
  const lastDay = facts.last.slice(0, 10);
  const rolling = { from: new Date(Date.parse(`${lastDay}T00:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10), to: lastDay };

  let server = await start();
  const token = await signIn(server.baseUrl, 'ding-leader');
  const get = async (path: string, q: Record<string, string>) => {
    const url = `${server.baseUrl}/api/stats/${path}?${new URLSearchParams(q)}`;
    const t0 = performance.now();
    // no-cache: every run computes the figures (they are otherwise remembered per scope until the next write or minute, domain/stats-memo.ts)
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'cache-control': 'no-cache' } });
    const body = await res.text();
    const rt = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path} ${res.status} ${body.slice(0, 200)}`);
    const dur = Number(/dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? NaN);
    return { dur, rt, body };
  };

  const cases: { name: string; path: string; q: Record<string, string>; target: number }[] = [];
  for (const [label, period] of [
    [`全年 ${lastYear}`, year],
    [`近365天 ${rolling.from}…${rolling.to}`, rolling],
  ] as const) {
    cases.push({ name: `overview        ${label}`, path: 'overview', q: period, target: TARGET_OVERVIEW_MS });
    cases.push({ name: `overview 当湖    ${label}`, path: 'overview', q: { ...period, regionId: 'danghu' }, target: TARGET_OVERVIEW_MS });
    cases.push({
      name: `overview 城乡建设 ${label}`,
      path: 'overview',
      q: { ...period, categoryId: 'construction' },
      target: TARGET_OVERVIEW_MS,
    });
    cases.push({ name: `overview 住建局  ${label}`, path: 'overview', q: { ...period, unitId: 'zjj' }, target: TARGET_OVERVIEW_MS });
    cases.push({ name: `overview D001   ${label}`, path: 'overview', q: { ...period, deputyCode: 'D001' }, target: TARGET_OVERVIEW_MS });
    for (const g of ['day', 'week', 'month'])
      cases.push({
        name: `trend ${g.padEnd(5)}     ${label}`,
        path: 'trend',
        q: { ...period, granularity: g },
        target: TARGET_BREAKDOWN_MS,
      });
    cases.push({
      name: `trend day 城乡建设 ${label}`,
      path: 'trend',
      q: { ...period, granularity: 'day', categoryId: 'construction' },
      target: TARGET_BREAKDOWN_MS,
    });
    for (const p of ['categories', 'towns', 'units', 'deputies', 'overdue', 'stages', 'latest']) {
      cases.push({ name: `${p.padEnd(15)} ${label}`, path: p, q: period, target: TARGET_BREAKDOWN_MS });
    }
    cases.push({
      name: `units 城乡建设     ${label}`,
      path: 'units',
      q: { ...period, categoryId: 'construction' },
      target: TARGET_BREAKDOWN_MS,
    });
  }
  // drill-down lists (a page of 20 and the exact count): reported, no target in the brief
  const drills = ['received', 'ackLate', 'replyLate', 'unsatisfied', 'reopened', 'overdue'].map((m) => ({
    name: `drill ${m.padEnd(11)} 全年 ${lastYear}`,
    path: 'cases',
    q: { ...year, metric: m },
    target: 0,
  }));

  const results: { name: string; med: number; p95: number; rtMed: number; target: number }[] = [];
  for (const c of [...cases, ...drills]) {
    await get(c.path, c.q);
    await get(c.path, c.q);
    const durs: number[] = [];
    const rts: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await get(c.path, c.q);
      durs.push(r.dur);
      rts.push(r.rt);
    }
    results.push({ name: c.name, med: median(durs), p95: pct(durs, 95), rtMed: median(rts), target: c.target });
  }
  const o = JSON.parse((await get('overview', year)).body) as Record<string, unknown>;
  console.log(
    `全年 ${lastYear} 总览：收件 ${o.received}，及时受理率 ${o.ackOnTimeRate}，按时办结率 ${o.completionOnTimeRate}，满意率 ${o.satisfactionRate}，解决率 ${o.solvedRate}，重办率 ${o.reopenRate}\n`,
  );
  console.log('接口（服务端耗时 ms：中位数 / p95；往返中位数）                         中位     p95    往返   目标');
  let failed = 0;
  for (const r of results) {
    const ok = r.target === 0 ? '' : r.med <= r.target ? `≤${r.target} ✓` : `≤${r.target} ✗`;
    if (r.target && r.med > r.target) failed++;
    console.log(`  ${r.name.padEnd(62)}${f1(r.med)} ${f1(r.p95)} ${f1(r.rtMed)}   ${ok}`);
  }
  await server.stop();

  // export on a fresh process: its peak memory is the export's
  server = await start();
  // a period ending with the last full year that holds about `exportRows` cases (whole days)
  const daily = JSON.parse((await get('trend', { from: `${Number(lastYear) - 1}-01-01`, to: year.to, granularity: 'day' })).body) as {
    buckets: { from: string; received: number }[];
  };
  let n = 0;
  let from = year.to;
  for (let i = daily.buckets.length - 1; i >= 0 && n < exportRows; i--) {
    n += daily.buckets[i]!.received;
    from = daily.buckets[i]!.from;
  }
  const before = vm(server.proc.pid!);
  let peak = before.rss;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, vm(server.proc.pid!).rss);
    } catch {
      /* gone */
    }
  }, 20);
  const t0 = performance.now();
  const res = await fetch(`${server.baseUrl}/api/stats/export.xlsx?${new URLSearchParams({ from, to: year.to })}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`export ${res.status} ${await res.text()}`);
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of Readable.fromWeb(res.body as never)) {
    chunks.push(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const after = vm(server.proc.pid!);
  await server.stop();
  // read the file back: rows and header
  let rows = 0;
  let header: string[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.concat(chunks)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      if (rows === 0) header = (row.values as unknown[]).slice(1).map(String);
      rows++;
    }
  }
  const declared = Number(res.headers.get('x-export-rows'));
  const peakMb = Math.max(peak, after.hwm);
  console.log(
    `\n导出台账 ${from} … ${year.to}: ${declared} 行（读回 ${rows - 1} 行数据 + 表头，${header.length} 列：${header.slice(0, 4).join('、')}…），${(bytes / 1e6).toFixed(1)} MB`,
  );
  console.log(`  用时 ${seconds.toFixed(2)} s（目标 ≤ ${TARGET_EXPORT_S} s ${seconds <= TARGET_EXPORT_S ? '✓' : '✗'}）`);
  console.log(
    `  服务进程内存：导出前 RSS ${before.rss.toFixed(0)} MB，峰值 (VmHWM) ${peakMb.toFixed(0)} MB（目标 < ${TARGET_EXPORT_MB} MB ${peakMb < TARGET_EXPORT_MB ? '✓' : '✗'}）`,
  );
  if (seconds > TARGET_EXPORT_S || peakMb >= TARGET_EXPORT_MB || rows - 1 !== declared) failed++;
  console.log(failed ? `\n${failed} 项未达标` : '\n全部达标 ✓');
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
