import type { Db } from '../db/open.js';
import { CASE_FACTS_SQL } from './indicators.js';

/**
 * The sums behind 码上评 (migration 4): one row of facts per case (the definition of every
 * indicator, in SQL: indicators.ts, which the view `stats_case_facts` restates); `stats_day`, `stats_month` and `stats_day_region`
 * hold their sums by submission day / month (China time) and by town, category, unit and
 * deputy; `stats_month_region` (migration 9) by month and town only. Triggers on `cases` keep the sums in the same transaction as every insert or
 * update, so they are never behind the cases.
 */
export const MEASURES = [
  'received',
  'open',
  'closed',
  'ack_due',
  'ack_ok',
  'acked',
  'ack_s',
  'reply_due',
  'reply_ok',
  'rated',
  'sat',
  'basic',
  'unsat',
  'solved',
  'd_rated',
  'd_sat',
  'd_basic',
  'assigned',
  'returned',
  'extended',
  'replied',
  'reopened',
  'direct',
  'forwarded',
  'dep_n',
  'dep_s',
  'off_n',
  'off_s',
  'unit_n',
  'unit_s',
] as const;
export type Measure = (typeof MEASURES)[number];
export type Sums = Record<Measure, number>;

export const AGGREGATE_TABLES = {
  stats_day: {
    key: ['day', 'region_id', 'category_id', 'unit_id', 'deputy_code'],
    select: ['day', 'region_id', 'category_id', 'unit_id', 'deputy_code'],
  },
  stats_month: {
    key: ['month', 'region_id', 'category_id', 'unit_id', 'deputy_code'],
    select: ['substr(day, 1, 7)', 'region_id', 'category_id', 'unit_id', 'deputy_code'],
  },
  stats_day_region: { key: ['day', 'region_id'], select: ['day', 'region_id'] },
  stats_month_region: { key: ['month', 'region_id'], select: ['substr(day, 1, 7)', 'region_id'] },
} as const;
export type AggregateTable = keyof typeof AGGREGATE_TABLES;

export const zeroSums = (): Sums => Object.fromEntries(MEASURES.map((m) => [m, 0])) as Sums;

/** The sums recounted from the cases themselves, in the shape of `table` (rows with cases only). */
export function recount(db: Db, table: AggregateTable): Record<string, string | number>[] {
  const t = AGGREGATE_TABLES[table];
  const keys = t.key.map((k, i) => `${t.select[i]} AS ${k}`).join(', ');
  return db
    .prepare(
      `SELECT ${keys}, ${MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ')} FROM ${CASE_FACTS_SQL}
       GROUP BY ${t.key.map((_, i) => i + 1).join(', ')} ORDER BY ${t.key.map((_, i) => i + 1).join(', ')}`,
    )
    .all() as Record<string, string | number>[];
}

/** The stored sums of `table`, in the same order as `recount` (rows with cases only). */
export function stored(db: Db, table: AggregateTable): Record<string, string | number>[] {
  const t = AGGREGATE_TABLES[table];
  return db
    .prepare(`SELECT ${t.key.join(', ')}, ${MEASURES.join(', ')} FROM ${table} WHERE received <> 0 ORDER BY ${t.key.join(', ')}`)
    .all() as Record<string, string | number>[];
}

/** Returns per unit (migration 6), recounted from the timeline: by the case's submission day, town, deputy and category, and the returning unit. */
const RETURNS_RECOUNT = `SELECT date(c.submitted_at, '+8 hours') AS day, c.region_id, c.deputy_code, coalesce(c.category_id, '') AS category_id,
  u.unit_id, count(*) AS returned
  FROM case_events e JOIN cases c ON c.id = e.case_id JOIN users u ON u.id = e.actor_user_id
  WHERE e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;

export function recountReturns(db: Db): Record<string, string | number>[] {
  return db.prepare(RETURNS_RECOUNT).all() as Record<string, string | number>[];
}

export function storedReturns(db: Db): Record<string, string | number>[] {
  return db
    .prepare(
      'SELECT day, region_id, deputy_code, category_id, unit_id, returned FROM stats_unit_returns WHERE returned <> 0 ORDER BY 1, 2, 3, 4, 5',
    )
    .all() as Record<string, string | number>[];
}

/** Recomputes every sum from the cases (after a bulk load with the triggers off, or to repair). */
export function rebuildAggregates(db: Db): void {
  db.transaction(() => {
    for (const [table, t] of Object.entries(AGGREGATE_TABLES)) {
      db.exec(`DELETE FROM ${table}`);
      db.exec(
        `INSERT INTO ${table} (${t.key.join(', ')}, ${MEASURES.join(', ')})
         SELECT ${t.select.join(', ')}, ${MEASURES.map((m) => `sum(${m})`).join(', ')} FROM ${CASE_FACTS_SQL}
         GROUP BY ${t.key.map((_, i) => i + 1).join(', ')}`,
      );
    }
    db.exec('DELETE FROM stats_unit_returns');
    db.exec(`INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned) ${RETURNS_RECOUNT}`);
  }).immediate();
}
