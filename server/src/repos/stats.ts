import type { Db } from '../db/open.js';
import { statementCache } from './statements.js';

/** WHERE fragments over `cases` built by the caller from fixed columns, with their parameters. */
export interface Dims {
  where: string[];
  params: unknown[];
}

/**
 * The SQL of 履职 and the ledger (台账): a deputy's counts over a period, and the cases of a
 * period page by page. Fixed statements are prepared once; filtered ones once per shape.
 */
export function statsRepo(db: Db) {
  const prepared = statementCache(db);
  const deputyCases = db.prepare(
    `SELECT count(*) AS received,
      sum(acknowledged_at IS NOT NULL OR ack_due_at < @now) AS ackDue,
      sum(ack_on_time = 1) AS ackOnTime,
      sum(replied_at IS NOT NULL AND replied_by_unit = 0) AS repliedDirectly,
      sum(forwarded_at IS NOT NULL) AS forwarded,
      sum(status <> 'closed') AS open,
      sum(rating IS NOT NULL) AS rated,
      sum(rating IN ('satisfied','basically_satisfied')) AS satisfied
     FROM cases WHERE deputy_code = @code AND submitted_at >= @start AND submitted_at < @end`,
  );
  const deputyVisits = db.prepare(
    `SELECT sum(kind = 'visit') AS visits, sum(kind = 'reception') AS receptions FROM visits
     WHERE deputy_code = ? AND date >= ? AND date <= ?`,
  );
  const deputyCheckins = db.prepare('SELECT count(*) AS n FROM checkins WHERE deputy_code = ? AND at >= ? AND at < ?');
  const dims = (d: Dims) => d.where.map((w) => ` AND ${w}`).join('');
  return {
    /** One deputy's cases submitted in [start, end): received, answered, open, rated (null sums where none). */
    deputyCases: (code: string, start: string, end: string, now: string) =>
      deputyCases.get({ code, start, end, now }) as Record<string, number | null>,
    /** Visits and reception days by date (both dates included), and check-ins in [start, end). */
    deputyField: (code: string, from: string, to: string, start: string, end: string) => ({
      ...(deputyVisits.get(code, from, to) as { visits: number | null; receptions: number | null }),
      checkins: (deputyCheckins.get(code, start, end) as { n: number }).n,
    }),
    /** How many cases of [start, end) the ledger would hold. */
    ledgerCount: (start: string, end: string, d: Dims) =>
      (
        prepared(`SELECT count(*) AS n FROM cases WHERE submitted_at >= ? AND submitted_at < ?${dims(d)}`).get(start, end, ...d.params) as {
          n: number;
        }
      ).n,
    /**
     * The ledger's next `limit` rows after (submitted_at, id) = `after`: keyset paging, so each
     * batch starts where the last one ended (the index range moves with it).
     */
    ledgerPage: <Row>(columns: readonly string[], end: string, d: Dims, after: [string, string], limit: number) =>
      prepared(
        `SELECT ${columns.join(', ')} FROM cases WHERE submitted_at >= ? AND submitted_at < ?${dims(d)}
           AND (submitted_at > ? OR id > ?) ORDER BY submitted_at, id LIMIT ?`,
      ).all(after[0], end, ...d.params, after[0], after[1], limit) as Row[],
  };
}
export type StatsRepo = ReturnType<typeof statsRepo>;
