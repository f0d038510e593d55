import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axios, { AxiosError } from 'axios';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '@minqing/shared';
import { DEMO_TEST_ENV, startServerProcess } from '../../scripts/lib/server-process.js';
import { PRODUCTION_ENV, UNSET_ENV } from '../helpers/production-env.js';

const dir = mkdtempSync(join(tmpdir(), 'mq-shutdown-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { kind: 'created'; id: string } | { kind: 'refused'; detail: string } | { kind: 'answered'; status: number };

describe('graceful shutdown', () => {
  it('should lose no acknowledged submission and half-write none when SIGTERM comes with 200 in flight', async () => {
    const dbFile = join(dir, 'minqing.db');
    const server = await startServerProcess(
      { ...DEMO_TEST_ENV, DB_FILE: dbFile, SHUTDOWN_GRACE_SECONDS: '10' },
      60_000,
      'server/dist/main.js',
    );
    const anon = createApiClient(axios.create({ baseURL: server.baseUrl }));
    const { ticket } = await anon.mockIdp.ticket('zlb-zhang');
    const { token } = await anon.auth.citizen(ticket!);
    const http = axios.create({ baseURL: server.baseUrl, headers: { Authorization: `Bearer ${token}` }, timeout: 20_000 });
    const citizen = createApiClient(http);

    let answered = 0;
    let signalled: (() => void) | undefined;
    const signalSent = new Promise<void>((resolve) => (signalled = resolve));
    const exit = new Promise<{ code: number | null; at: number }>((resolve) =>
      server.proc.once('exit', (code) => resolve({ code, at: performance.now() })),
    );
    let sentAt = 0;
    const submit = async (i: number): Promise<Outcome> => {
      try {
        const created = await citizen.cases.create(
          { deputyCode: 'D001', body: `第${i}件：当湖街道金桂苑小区3幢门口的路灯坏了，晚上出行不便。` },
          `shutdown-${String(i).padStart(4, '0')}`,
        );
        return { kind: 'created', id: created.id };
      } catch (err) {
        if (err instanceof AxiosError && err.response) return { kind: 'answered', status: err.response.status };
        return { kind: 'refused', detail: err instanceof AxiosError ? (err.code ?? err.message) : String(err) };
      } finally {
        // the signal goes once a tenth of them are answered: the rest are in flight or not yet sent
        if (++answered === 20) {
          sentAt = performance.now();
          server.proc.kill('SIGTERM');
          signalled!();
        }
      }
    };
    const inFlight = Promise.all(Array.from({ length: 200 }, (_, i) => submit(i)));
    await signalSent;
    // once it says it is draining, a new connection is refused: nothing new is taken
    await expect.poll(() => server.printed().stdout, { timeout: 10_000 }).toContain('draining');
    const late = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        axios
          .get(`${server.baseUrl}/api/health/live`, { httpAgent: new Agent({ keepAlive: false }), timeout: 5000 })
          .then(() => `answered ${i}`)
          .catch((err: AxiosError) => err.code ?? err.message),
      ),
    );
    expect(late).toEqual(Array(5).fill('ECONNREFUSED'));
    const outcomes = await inFlight;
    const { code, at } = await exit;

    const created = outcomes.filter((o) => o.kind === 'created');
    const refused = outcomes.filter((o) => o.kind === 'refused');
    const answeredOtherwise = outcomes.filter((o) => o.kind === 'answered');
    console.info(
      `shutdown under load: ${created.length} created (201), ${refused.length} refused or cut off before an answer, ` +
        `${answeredOtherwise.length} answered with an error; exit ${code} ${Math.round(at - sentAt)} ms after SIGTERM`,
    );
    expect(code).toBe(0);
    expect(created.length).toBeGreaterThanOrEqual(20);
    // an error answer is a clean refusal too, but none is expected: a request is either served or never taken
    for (const o of answeredOtherwise) expect(o.status).toBeGreaterThanOrEqual(500);
    for (const o of refused) expect(o.detail).toMatch(/ECONNREFUSED|ECONNRESET|socket hang up|EPIPE/);

    // the database as the stopped server left it: checkpointed and closed, every acknowledged case whole
    const db = new Database(dbFile, { readonly: true });
    const ids = new Set(db.prepare('SELECT id FROM cases').pluck().all() as string[]);
    for (const o of created) expect(ids.has(o.id)).toBe(true);
    expect(ids.size).toBe(created.length);
    const withoutSubmitEvent = db
      .prepare("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = 'submit')")
      .pluck()
      .get();
    expect(withoutSubmitEvent).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 90_000);
});

describe('stopping what npm started', () => {
  it('should pass SIGTERM on from `npm run start:prod` to the server, which drains and exits', async () => {
    const port = 18_000 + Math.floor(Math.random() * 1000);
    const npm = spawn('npm', ['run', 'start:prod'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, ...UNSET_ENV, ...PRODUCTION_ENV, DB_FILE: join(dir, 'npm.db'), PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    npm.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    await expect.poll(() => out, { timeout: 30_000 }).toContain('民情通已启动');
    expect((await axios.get(`http://127.0.0.1:${port}/api/health/live`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
    npm.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('stopped cleanly');
    // nothing is left listening on the port
    await expect(axios.get(`http://127.0.0.1:${port}/api/health/live`, { timeout: 2000 })).rejects.toThrow(/ECONNREFUSED/);
  }, 60_000);
});
