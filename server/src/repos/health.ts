import type { Db } from '../db/open.js';

/** The health check's one question to the database: does it answer? */
export function healthRepo(db: Db) {
  const ping = db.prepare('SELECT 1');
  return { ping: () => void ping.get() };
}
