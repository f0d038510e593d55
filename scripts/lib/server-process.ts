import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ServerProcess {
  proc: ChildProcess;
  baseUrl: string;
  port: number;
  /** What it printed so far. */
  printed(): { stdout: string; stderr: string };
  /** SIGKILL: no shutdown handler runs, as in a crash or power cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Demo mode (the stand-in identity provider at /mock-idp) without the demo history, the
 * scheduler and the abuse limits off: the server that browser tests and benchmarks drive.
 * Add DB_FILE (and anything else) to it.
 */
export const DEMO_TEST_ENV: Readonly<Record<string, string>> = {
  DEMO_MODE: '1',
  DEMO_CASES: '0',
  SCHEDULER: '0',
  SUBMIT_PER_USER_PER_HOUR: '0',
  SUBMIT_PER_IP_PER_MINUTE: '0',
  SIGNIN_PER_IP_PER_MINUTE: '0',
  UPLOAD_PER_USER_PER_MINUTE: '0',
  TRANSITION_PER_USER_CASE_PER_MINUTE: '0',
  TRANSITION_PER_USER_PER_MINUTE: '0',
  BACKUP_INTERVAL_MINUTES: '0',
};

/** How much of what a server prints is kept for printed(). */
const KEEP_PRINTED = 1024 * 1024;

/**
 * The real entry point (server/src/main.ts, or `npm start`'s scripts/start.ts) in its own process;
 * resolves once it listens. A variable given as undefined is removed from the inherited environment.
 */
export function startServerProcess(
  env: Record<string, string | undefined>,
  timeoutMs = 90_000,
  /** The built production server (server/dist/main.js, `npm run build:server`) runs under plain node. */
  entry: 'server/src/main.ts' | 'scripts/start.ts' | 'server/dist/main.js' = 'server/src/main.ts',
): Promise<ServerProcess> {
  const merged: Record<string, string | undefined> = { ...process.env, PORT: '0', HOST: '127.0.0.1', SCHEDULER: '0', ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const proc = spawn(process.execPath, entry.endsWith('.js') ? [entry] : ['--import', 'tsx', entry], {
    cwd: root,
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${out}`)), timeoutMs);
    proc.stdout!.on('data', (chunk: Buffer) => {
      // a request log line each: under a benchmark only the start is worth keeping
      if (stdout.length > KEEP_PRINTED) return;
      stdout += chunk.toString();
      out += chunk.toString();
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m && out.includes('\n')) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolvePromise({
          proc,
          port,
          baseUrl: `http://127.0.0.1:${port}`,
          printed: () => ({ stdout, stderr }),
          kill: async () => {
            proc.kill('SIGKILL');
            await exited;
          },
          stop: async () => {
            proc.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    proc.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length > KEEP_PRINTED) return;
      stderr += chunk.toString();
      out += chunk.toString();
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${out}`));
    });
  });
}
