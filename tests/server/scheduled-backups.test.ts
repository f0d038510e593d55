import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/ops/logger.js';
import { backupDatabase, backupFileName, listBackups, takeScheduledBackup } from '../../server/src/ops/backups.js';
import { createMetrics } from '../../server/src/ops/metrics.js';
import { RuntimeStatus } from '../../server/src/ops/status.js';
import { startWorkers } from '../../server/src/ops/workers.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'mq-backups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serverWithCases(file: string, status?: RuntimeStatus) {
  server = await startTestServer({ dbFile: file, ops: status ? { status } : undefined });
  const citizen = await server.as('zlb-zhang');
  for (let i = 0; i < 3; i++) {
    await citizen.cases.create({ deputyCode: 'D001', body: `当湖街道金桂苑小区第${i}幢门口的路灯坏了一个多月。` }, `backup-case-000${i}`);
  }
  return server;
}

describe('scheduled backups', () => {
  it('should take a checked backup of the live database and keep only the newest BACKUP_KEEP', async () => {
    const s = await serverWithCases(join(dir, 'keep.db'));
    const backups = join(dir, 'keep-backups');
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await takeScheduledBackup(s.db, backups, 2, new Date(Date.UTC(2026, 2, 2, 2, i))));
    expect(taken.map((t) => t.cases)).toEqual([3, 3, 3, 3]);
    expect(taken.every((t) => t.bytes > 0)).toBe(true);
    expect(readdirSync(backups).sort()).toEqual([backupFileName(taken[2]!.at), backupFileName(taken[3]!.at)]);
    // the copy is a database of its own, whole
    const copy = new Database(taken[3]!.file, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(3);
    copy.close();
  });

  it('should keep no file when the copy fails its check', async () => {
    const broken = join(dir, 'not-ours.db');
    const db = new Database(broken);
    db.exec('CREATE TABLE something_else (x INTEGER)');
    db.close();
    await expect(backupDatabase(broken, join(dir, 'broken-backups', 'b.db'))).rejects.toThrow(/cases/);
    expect(readdirSync(join(dir, 'broken-backups'))).toEqual([]);
  });

  it('should back up on its schedule, and show the last backup in readiness and the metrics', async () => {
    const status = new RuntimeStatus({ now: new Date('2026-03-02T02:00:00Z'), schedulerEnabled: false, backupIntervalMinutes: 60 });
    const s = await serverWithCases(join(dir, 'scheduled.db'), status);
    const backups = join(dir, 'scheduled-backups');
    const metrics = createMetrics(s.deps, status);
    const workers = startWorkers(
      s.deps,
      { sendWorkNotice: async () => {}, sendCitizenMessage: async () => {} } as never,
      status,
      metrics,
      createLogger({ level: 'silent' }),
      {
        scheduler: false,
        backups: { dir: backups, intervalMinutes: 60, keep: 3, firstDelayMs: 10 },
      },
    );
    await expect.poll(() => status.lastBackup, { timeout: 10_000 }).not.toBeNull();
    await workers.stop();
    expect(listBackups(backups)).toHaveLength(1);
    expect(status.lastBackup).toMatchObject({ cases: 3 });

    const ready = (await axios.get(`${s.baseUrl}/api/health/ready`)).data;
    expect(ready.checks['backup:last'][0]).toMatchObject({
      status: 'pass',
      observedValue: status.lastBackup!.bytes,
      observedUnit: 'bytes',
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain(`minqing_backup_last_size_bytes ${status.lastBackup!.bytes}`);

    // a failure after it shows as a warning: the service works, the operator has something to fix
    status.lastBackupFailure = { at: new Date(status.lastBackup!.at.getTime() + 1000), message: 'disk full' };
    const warned = (await axios.get(`${s.baseUrl}/api/health/ready`)).data;
    expect(warned.status).toBe('warn');
    expect(warned.checks['backup:last'][0].output).toContain('disk full');
  });

  it('should find the newest backup already on disk when it starts', async () => {
    const backups = join(dir, 'found-backups');
    const s = await serverWithCases(join(dir, 'found.db'));
    const old = await takeScheduledBackup(s.db, backups, 5, new Date('2026-03-01T02:00:00Z'));
    utimesSync(old.file, old.at, old.at);
    const status = new RuntimeStatus({ now: new Date(), schedulerEnabled: false, backupIntervalMinutes: 60 * 24 });
    const workers = startWorkers(s.deps, {} as never, status, createMetrics(s.deps, status), createLogger({ level: 'silent' }), {
      scheduler: false,
      backups: { dir: backups, intervalMinutes: 60 * 24, keep: 5, firstDelayMs: 60_000 },
    });
    await workers.stop();
    expect(status.lastBackup?.file).toBe(old.file);
    expect(status.lastBackup?.at.toISOString()).toBe('2026-03-01T02:00:00.000Z');
  });
});
