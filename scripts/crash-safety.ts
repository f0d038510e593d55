/**
 * Crash safety: concurrent clients submit cases to the real server; it is killed with SIGKILL
 * mid-stream and restarted. Every submission that got a 201 must be there with its event,
 * and retrying the rest with their Idempotency-Key must make no duplicates.
 *   npx tsx scripts/crash-safety.ts [--submissions 2000] [--concurrency 32]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';

export interface CrashReport {
  submissions: number;
  ackedBeforeKill: number;
  /** Sent before the kill but never answered with 201 (in flight or refused). */
  unansweredAtKill: number;
  /** Never sent before the kill. */
  notSentBeforeKill: number;
  lost: number;
  missingEvents: number;
  retried: number;
  /** Retries the server recognised as already committed (committed, but the 201 was lost). */
  replayedOnRetry: number;
  duplicates: number;
  casesAfter: number;
  seconds: number;
}

const CITIZENS = ['zlb-zhang', 'zlb-li', 'zlb-wang', 'zlb-chen', 'zlb-zhou'];
// demo mode: its citizens sign in through the stand-in provider
const SERVER_ENV = {
  DEMO_MODE: '1',
  DEMO_CASES: '0',
  SUBMIT_PER_USER_PER_HOUR: '0',
  SUBMIT_PER_IP_PER_MINUTE: '0',
  SIGNIN_PER_IP_PER_MINUTE: '0',
};

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

async function signIn(baseUrl: string, account: string): Promise<string> {
  const post = (path: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const { ticket } = await json<{ ticket: string }>(await post('/mock-idp/tickets', { account }));
  return (await json<{ token: string }>(await post('/api/auth/citizen', { ticket }))).token;
}

const bodyOf = (i: number) => `崩溃测试 #${i}：新仓镇芦湾村的路灯坏了，晚上很黑，请尽快修理。`;

function submit(baseUrl: string, token: string, i: number) {
  return fetch(`${baseUrl}/api/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'Idempotency-Key': `crash-${i}-key` },
    body: JSON.stringify({ deputyCode: `D00${(i % 9) + 1}`, body: bodyOf(i) }),
  });
}

export async function runCrashSafety(options: { submissions: number; concurrency: number }): Promise<CrashReport> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'mq-crash-'));
  const dbFile = join(dir, 'crash.db');
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({ ...SERVER_ENV, DB_FILE: dbFile });
    const tokens = await Promise.all(CITIZENS.map((a) => signIn(server!.baseUrl, a)));
    const acked = new Map<number, string>();
    const killAt = Math.floor(options.submissions / 2);
    let next = 0;
    let sent = 0;
    let killed = false;
    let killing: Promise<void> | undefined;
    const worker = async () => {
      while (next < options.submissions && !killed) {
        const i = next++;
        sent++;
        try {
          const res = await submit(server!.baseUrl, tokens[i % tokens.length]!, i);
          if (res.status === 201) acked.set(i, (await json<{ id: string }>(res)).id);
          else await res.arrayBuffer();
        } catch {
          // connection refused or reset: the server is gone; the client will retry later
        }
        if (acked.size >= killAt && !killing) {
          killing = server!.kill().then(() => {
            killed = true;
          });
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    await killing;
    const ackedBeforeKill = acked.size;
    const sentBeforeKill = sent;

    server = await startServerProcess({ ...SERVER_ENV, DB_FILE: dbFile });
    const fresh = await Promise.all(CITIZENS.map((a) => signIn(server!.baseUrl, a)));
    // every acknowledged submission is there, with its first event
    let lost = 0;
    let missingEvents = 0;
    await Promise.all(
      [...acked].map(async ([i, id]) => {
        const res = await fetch(`${server!.baseUrl}/api/cases/${id}`, { headers: { authorization: `Bearer ${fresh[i % fresh.length]}` } });
        if (res.status !== 200) {
          lost++;
          return;
        }
        const c = await json<{ body: string; events: { action: string }[] }>(res);
        if (c.body !== bodyOf(i) || c.events[0]?.action !== 'submit') missingEvents++;
      }),
    );
    // the client retries everything that was not acknowledged, with the same keys
    const pending = Array.from({ length: options.submissions }, (_, i) => i).filter((i) => !acked.has(i));
    let retried = 0;
    let replayedOnRetry = 0;
    for (let k = 0; k < pending.length; k += options.concurrency) {
      await Promise.all(
        pending.slice(k, k + options.concurrency).map(async (i) => {
          const res = await submit(server!.baseUrl, fresh[i % fresh.length]!, i);
          if (res.status === 201) retried++;
          if (res.headers.get('idempotent-replayed') === 'true') replayedOnRetry++;
          await res.arrayBuffer();
        }),
      );
    }
    await server.stop();
    server = undefined;

    const db = new Database(dbFile, { readonly: true });
    const duplicates = (
      db
        .prepare("SELECT coalesce(sum(n - 1), 0) AS d FROM (SELECT count(*) AS n FROM cases WHERE body LIKE '崩溃测试 #%' GROUP BY body)")
        .get() as { d: number }
    ).d;
    const casesAfter = (db.prepare("SELECT count(*) AS n FROM cases WHERE body LIKE '崩溃测试 #%'").get() as { n: number }).n;
    db.close();
    return {
      submissions: options.submissions,
      ackedBeforeKill,
      unansweredAtKill: sentBeforeKill - ackedBeforeKill,
      notSentBeforeKill: options.submissions - sentBeforeKill,
      lost,
      missingEvents,
      retried,
      replayedOnRetry,
      duplicates,
      casesAfter,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const report = await runCrashSafety({ submissions: arg('submissions', 2000), concurrency: arg('concurrency', 32) });
  console.table(report);
  const ok = report.lost === 0 && report.missingEvents === 0 && report.duplicates === 0 && report.casesAfter === report.submissions;
  console.log(ok ? '崩溃安全：0 丢失，0 重复 ✓' : '崩溃安全检查失败 ✗');
  process.exit(ok ? 0 : 1);
}
