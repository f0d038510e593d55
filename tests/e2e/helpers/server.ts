/**
 * The real server (server/src/main.ts) in its own process, for browser tests and benchmarks:
 * a free port, a fresh temporary database (DB_FILE) seeded in demo mode, the stand-in
 * identity provider at /mock-idp, abuse limits and the scheduler off. The apps must be built
 * (vitest's globalSetup does that once; `buildAppsIfStale()` for scripts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_TEST_ENV, startServerProcess as spawnServer } from '../../../scripts/lib/server-process.js';

export interface RunningServer {
  baseUrl: string;
  port: number;
  dbFile: string;
  /** Stops the process (SIGTERM) and removes its temporary database. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Extra environment, e.g. { DEMO_CASES: '320' } for a database with history. */
  env?: Record<string, string>;
}

export async function startServerProcess(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'minqing-e2e-'));
  const dbFile = join(dir, 'minqing.db');
  const server = await spawnServer({ ...DEMO_TEST_ENV, DB_FILE: dbFile, ...options.env });
  return {
    baseUrl: server.baseUrl,
    port: server.port,
    dbFile,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
