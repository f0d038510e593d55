/**
 * `npm run backup [-- <target file>]`: an online backup of DB_FILE with SQLite's backup API,
 * safe while the server runs and writes; checked with integrity_check before it is kept.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parseEnv } from '../server/src/env.js';

export async function backupDatabase(source: string, target: string): Promise<{ pages: number; ms: number }> {
  const started = performance.now();
  const db = new Database(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  let pages = 0;
  // small steps let the server keep writing between them
  await db.backup(partial, { progress: ({ totalPages }) => ((pages = totalPages), 2000) });
  db.close();
  const check = new Database(partial, { readonly: true });
  const result = check.pragma('integrity_check', { simple: true });
  check.close();
  if (result !== 'ok') throw new Error(`备份校验失败：${String(result)}`);
  renameSync(partial, target);
  return { pages, ms: Math.round(performance.now() - started) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = parseEnv();
  const source = resolve(env.DB_FILE);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const target = resolve(process.argv[2] ?? join(dirname(source), 'backups', `minqing-${stamp}.db`));
  const { pages, ms } = await backupDatabase(source, target);
  console.log(`已备份 ${source} → ${target}（${pages} 页，${ms} ms）`);
}
