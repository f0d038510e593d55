/**
 * `npm run restore -- <backup file>`: checks the backup (integrity, schema version), keeps the
 * current database aside as <DB_FILE>.before-restore-<time>, and puts the backup in its place.
 * Stop the server first: a running server keeps the old file open.
 */
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../server/src/db/migrations/index.js';
import { parseEnv } from '../server/src/env.js';

export function restoreDatabase(backup: string, target: string): { cases: number; keptAside: string | null } {
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  const integrity = check.pragma('integrity_check', { simple: true });
  const version = check.pragma('user_version', { simple: true }) as number;
  const cases = (check.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  check.close();
  if (integrity !== 'ok') throw new Error(`备份文件已损坏：${String(integrity)}`);
  if (version > MIGRATIONS.length) throw new Error(`备份来自更新版本的程序（数据库版本 ${version}）`);
  let keptAside: string | null = null;
  if (existsSync(target)) {
    keptAside = `${target}.before-restore-${Date.now()}`;
    renameSync(target, keptAside);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  copyFileSync(backup, `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
  return { cases, keptAside };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const backup = process.argv[2];
  if (!backup) {
    console.error('用法：npm run restore -- <备份文件>');
    process.exit(2);
  }
  const target = resolve(parseEnv().DB_FILE);
  const { cases, keptAside } = restoreDatabase(resolve(backup), target);
  console.log(`已恢复 ${backup} → ${target}（${cases} 件民情件）`);
  if (keptAside) console.log(`原数据库已保留为 ${keptAside}`);
}
