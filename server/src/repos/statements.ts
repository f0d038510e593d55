import type Database from 'better-sqlite3';
import type { Db } from '../db/open.js';

/** Prepares each distinct SQL text once per database (dynamic filters produce a few shapes). */
export function statementCache(db: Db) {
  const cache = new Map<string, Database.Statement>();
  return (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
}
