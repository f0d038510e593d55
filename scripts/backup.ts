/**
 * `npm run backup [-- <target file>]`: an online backup of DB_FILE with SQLite's backup API,
 * safe while the server runs and writes; checked with integrity_check before it is kept.
 */
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from '../server/src/env.js';
import { backupDatabase, backupFileName } from '../server/src/ops/backups.js';

if (import.meta.url === `file://${process.argv[1]}`) {
  const env = parseEnv();
  const source = resolve(env.DB_FILE);
  const target = resolve(process.argv[2] ?? join(env.BACKUP_DIR ?? join(dirname(source), 'backups'), backupFileName(new Date())));
  const { pages, cases, seconds } = await backupDatabase(source, target);
  console.log(`已备份 ${source} → ${target}（${pages} 页，${cases} 件民情件，${Math.round(seconds * 1000)} ms，已校验）`);
}
