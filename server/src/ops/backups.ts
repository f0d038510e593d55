import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { BackupRecord } from './status.js';

/** Backups this server takes are named by their time, so the newest sorts last. */
const BACKUP_NAME = /^minqing-\d{8}-\d{6}\.db$/;

export const backupFileName = (at: Date) => `minqing-${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.db`;

/**
 * An online backup with SQLite's backup API (safe while the server writes: it copies in small
 * steps between writes) into `<target>.partial`, checked before it takes the target's name: the
 * integrity check must pass and the cases must be readable. A failed check leaves no file behind.
 */
export async function backupDatabase(
  source: Db | string,
  target: string,
): Promise<{ pages: number; cases: number; bytes: number; seconds: number }> {
  const started = performance.now();
  const db = typeof source === 'string' ? new Database(source, { fileMustExist: true }) : source;
  const partial = `${target}.partial`;
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    mkdirSync(join(target, '..'), { recursive: true });
    await db.backup(partial, { progress: ({ totalPages }) => ((pages = totalPages), 2000) });
  } finally {
    if (typeof source === 'string') db.close();
  }
  let cases: number;
  try {
    const check = new Database(partial);
    try {
      // one self-contained file: the copy keeps the source's WAL mode, which would leave -wal and -shm beside it
      check.pragma('journal_mode = DELETE');
      const integrity = check.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new Error(`备份校验失败 (integrity check failed): ${String(integrity)}`);
      cases = check.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    } finally {
      check.close();
    }
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  renameSync(partial, target);
  return { pages, cases, bytes: statSync(target).size, seconds: (performance.now() - started) / 1000 };
}

/** The backups in `dir` this server took, oldest first. */
export function listBackups(dir: string): { file: string; at: Date; bytes: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => BACKUP_NAME.test(n));
  } catch {
    return [];
  }
  return names.sort().map((name) => {
    const file = join(dir, name);
    const stat = statSync(file);
    return { file, at: stat.mtime, bytes: stat.size };
  });
}

/** Takes a backup into `dir` and keeps only the newest `keep`. */
export async function takeScheduledBackup(db: Db, dir: string, keep: number, now: Date): Promise<BackupRecord> {
  const file = join(dir, backupFileName(now));
  const done = await backupDatabase(db, file);
  for (const old of listBackups(dir).slice(0, -keep)) rmSync(old.file, { force: true });
  return { file, at: now, bytes: done.bytes, cases: done.cases, seconds: done.seconds };
}
