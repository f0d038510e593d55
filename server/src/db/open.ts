import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens (creating if needed) and migrates a database; ':memory:' for tests, or a serialized
 * database (`db.serialize()`) opened in memory: tests start from a migrated copy.
 */
export function openDatabase(file: string | Buffer): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // FULL: an acknowledged submission survives power loss, not only a process crash.
  db.pragma('synchronous = FULL');
  migrate(db);
  return db;
}

/** Applies the migrations the database lacks; `migrations` is all of them but for tests of an upgrade. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`数据库版本 ${current} 比程序支持的 ${migrations.length} 更新：请升级程序，不要用旧程序打开新数据库。`);
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    const sql = migrations[version - 1]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    }).immediate();
  }
}
