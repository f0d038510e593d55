import type { Db } from '../db/open.js';

/** What the health checks and the metrics ask the database. */
export function healthRepo(db: Db) {
  const ping = db.prepare('SELECT 1');
  // a write that changes no row: it needs the write lock and a writable file, and moves no data version
  const writeProbe = db.prepare("UPDATE settings SET key = key WHERE key = ''");
  const schemaVersion = db.prepare('PRAGMA user_version').pluck();
  // notifications_pending (status, next_attempt_at) WHERE status = 'pending': the queue, by channel
  const backlog = db.prepare<[], { channel: 'ding' | 'zlb'; waiting: number; retrying: number }>(
    "SELECT channel, count(*) AS waiting, sum(attempts > 0) AS retrying FROM notifications WHERE status = 'pending' GROUP BY channel",
  );
  // one pass over cases per scrape (docs/operations.md has what it costs)
  const byStatus = db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM cases GROUP BY status');
  const cases = db.prepare('SELECT count(*) FROM cases').pluck();
  return {
    ping: () => void ping.get(),
    /** Throws (SQLITE_READONLY, SQLITE_BUSY, …) when this connection could not write now. */
    probeWrite: () => void writeProbe.run(),
    schemaVersion: () => schemaVersion.get() as number,
    outboxBacklog: () => backlog.all(),
    casesByStatus: () => byStatus.all(),
    caseCount: () => cases.get() as number,
  };
}
