/**
 * Memory while clients without a token stream huge bodies at the server (issue 13, finding 1):
 * the real entry point in its own process; POSTs to /api/health with Transfer-Encoding: chunked
 * (no Content-Length), each written as fast as the connection takes it, the answer ignored
 * until the server closes the connection or the whole body is out. Prints the server's resident
 * memory before, at its peak while streaming, and after.
 *   npx tsx scripts/probe-chunked.ts [--mb 400] [--posts 2]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_TEST_ENV, startServerProcess } from './lib/server-process.js';
import { writeChunks } from './lib/write-chunks.js';

const MB = 1024 * 1024;

/** Resident memory of a process in MB: /proc on Linux, ps elsewhere. */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) / 1024
  );
}

interface PostResult {
  status: number | null;
  answeredAfterMb: number | null;
  sentMb: number;
  closedByServer: boolean;
}

/** One chunked POST of `total` bytes that keeps writing after the answer, as an attacker would. */
function streamAttack(baseUrl: string, total: number): Promise<PostResult> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  return new Promise((resolve) => {
    const progress = { sent: 0 };
    let status: number | null = null;
    let answeredAt: number | null = null;
    let closed = false;
    const req = request(new URL('/api/health', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      status = res.statusCode ?? null;
      answeredAt = progress.sent;
      res.resume();
    });
    req.on('error', () => (closed = true));
    req.on('close', () => (closed = true));
    void (async () => {
      await writeChunks(req, chunk, total, progress, () => closed);
      const closedByServer = closed;
      if (!closed) req.end();
      await new Promise((r) => setTimeout(r, 200));
      req.destroy();
      resolve({ status, answeredAfterMb: answeredAt === null ? null : answeredAt / MB, sentMb: progress.sent / MB, closedByServer });
    })();
  });
}

async function main() {
  const { values } = parseArgs({ options: { mb: { type: 'string', default: '400' }, posts: { type: 'string', default: '2' } } });
  const total = Number(values.mb) * MB;
  const posts = Number(values.posts);
  const dir = mkdtempSync(join(tmpdir(), 'mq-probe-'));
  const server = await startServerProcess({ ...DEMO_TEST_ENV, DB_FILE: join(dir, 'probe.db') });
  try {
    const pid = server.proc.pid!;
    await fetch(`${server.baseUrl}/api/health`).then((r) => r.arrayBuffer());
    await new Promise((r) => setTimeout(r, 500));
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
    const results = await Promise.all(Array.from({ length: posts }, () => streamAttack(server.baseUrl, total)));
    clearInterval(sampler);
    await new Promise((r) => setTimeout(r, 500));
    const after = rssMb(pid);
    peak = Math.max(peak, after);
    console.log(`${posts} × ${values.mb} MB chunked POST /api/health without a token, against the real server (pid ${pid})`);
    for (const [i, r] of results.entries()) {
      const answered = r.status === null ? 'no answer' : `${r.status} after ${r.answeredAfterMb!.toFixed(1)} MB`;
      console.log(
        `  POST ${i + 1}: ${answered}; ${r.sentMb.toFixed(1)} MB written before ${r.closedByServer ? 'the server closed the connection' : 'the client finished'}`,
      );
    }
    console.log(
      `  server RSS: before ${before.toFixed(1)} MB, peak ${peak.toFixed(1)} MB, after ${after.toFixed(1)} MB (growth ${(peak - before).toFixed(1)} MB)`,
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
