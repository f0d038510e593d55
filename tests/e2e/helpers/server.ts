/**
 * The real server (server/src/main.ts) in its own process, for browser tests and benchmarks:
 * a free port, a fresh temporary database (DB_FILE) seeded in demo mode, the stand-in
 * identity provider at /mock-idp, abuse limits and the scheduler off. The apps must be built
 * (vitest's globalSetup does that once; `buildAppsIfStale()` for scripts).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
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
  /**
   * A directory from seededDatabase(): the server starts on a copy of it (its database and
   * secrets) instead of migrating and seeding one of its own. Ignored with DEMO_CASES, which
   * asks for another database.
   */
  seeded?: string;
}

const DB_NAME = 'minqing.db';

export async function startServerProcess(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'minqing-e2e-'));
  if (options.seeded && !options.env?.DEMO_CASES) cpSync(options.seeded, dir, { recursive: true });
  const dbFile = join(dir, DB_NAME);
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

/**
 * A database as a demo server leaves it once started and stopped (migrated, reference data and
 * demo accounts seeded, passwords hashed), in a temporary directory for startServerProcess's
 * `seeded`: the browser tests' global setup makes one for all their servers.
 */
export async function seededDatabase(): Promise<{ dir: string; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'minqing-e2e-seeded-'));
  const server = await spawnServer({ ...DEMO_TEST_ENV, DB_FILE: join(dir, DB_NAME) });
  await server.stop();
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
