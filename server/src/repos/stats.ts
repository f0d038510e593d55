import type { CaseStatus } from '@minqing/shared';
import type { Db } from '../db/open.js';
import { EXCERPT_SOURCE_SQL, type CaseSummaryRow } from './cases.js';
import { ACK_DUE_OPEN, METRIC_SQL, OVERDUE, REPLY_DUE_OPEN } from './indicators.js';
import { CURRENT_DUE_SQL, STATUS_SINCE_SQL } from './lifecycle-sql.js';
import { MEASURES } from './stats-aggregates.js';
import { statementCache } from './statements.js';

/** Which cases a figure counts: regions (null: everywhere), and at most one category, unit and deputy. */
export interface StatsScope {
  regions: readonly string[] | null;
  categoryId: string | null;
  unitId: string | null;
  deputyCode: string | null;
}
/** A period as days [from, to] (China time, both included) and instants [start, end); `now` for the clock-dependent figures. */
export interface StatsPeriod {
  from: string;
  to: string;
  start: string;
  end: string;
  now: string;
}
export type StatsFilterSql = StatsScope & StatsPeriod;

/** How figures are grouped: one group, by submission day or month, or by a dimension. */
export type GroupBy = 'none' | 'day' | 'month' | 'category' | 'region' | 'unit' | 'deputy';

/** WHERE fragments from fixed columns, with their parameters. */
interface Dims {
  where: string[];
  params: unknown[];
}

/** The scope as WHERE fragments (`prefix`: the table's alias where a query joins others). */
function scopeDims(s: StatsScope, prefix = ''): Dims {
  const where: string[] = [];
  const params: unknown[] = [];
  if (s.regions) {
    where.push(s.regions.length ? `${prefix}region_id IN (${s.regions.map(() => '?').join(',')})` : '0');
    params.push(...s.regions);
  }
  for (const [column, value] of [
    ['category_id', s.categoryId],
    ['unit_id', s.unitId],
    ['deputy_code', s.deputyCode],
  ] as const) {
    if (value) {
      where.push(`${prefix}${column} = ?`);
      params.push(value);
    }
  }
  return { where, params };
}

/** The cases submitted in the period, within the scope. */
function caseDims(f: StatsFilterSql, prefix = ''): Dims {
  const s = scopeDims(f, prefix);
  return { where: [`${prefix}submitted_at >= ?`, `${prefix}submitted_at < ?`, ...s.where], params: [f.start, f.end, ...s.params] };
}

/** The aggregate-table column a group is read from, and the expression over `cases` for the live part. */
const GROUP_SQL: Record<GroupBy, { day: string; month: string; cases: string }> = {
  none: { day: "''", month: "''", cases: "''" },
  day: { day: 'day', month: '', cases: "date(submitted_at, '+8 hours')" },
  month: { day: 'substr(day, 1, 7)', month: 'month', cases: "substr(date(submitted_at, '+8 hours'), 1, 7)" },
  category: { day: 'category_id', month: 'category_id', cases: "coalesce(category_id, '')" },
  region: { day: 'region_id', month: 'region_id', cases: 'region_id' },
  unit: { day: 'unit_id', month: 'unit_id', cases: "coalesce(unit_id, '')" },
  deputy: { day: 'deputy_code', month: 'deputy_code', cases: 'deputy_code' },
};

const SUM_COLUMNS = MEASURES.map((m) => `sum(${m}) AS ${m}`).join(', ');

/** The columns of a case in the cockpit's lists. */
const SUMMARY_SELECT = `id, tracking_no, type, title, status, deputy_code, region_id, category_id, unit_id, anonymous, submitted_at, ack_due_at,
  sign_due_at, reply_due_at, rate_due_at, close_reason, rating, urge_count, citizen_user_id, contact_name, ${EXCERPT_SOURCE_SQL}`;

export interface LatestRow {
  id: string;
  tracking_no: string;
  title: string;
  status: CaseStatus;
  region_id: string;
  category_id: string | null;
  deputy_code: string;
  submitted_at: string;
  anonymous: number;
  contact_name: string | null;
  contact_phone: string | null;
}

/**
 * The SQL of 码上评, 履职 and the ledger (台账). Fixed statements are prepared once; those built
 * from the filters once per shape.
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
  const visitsByDeputy = db.prepare<[string, string], { code: string; visits: number; receptions: number }>(
    `SELECT deputy_code AS code, sum(kind = 'visit') AS visits, sum(kind = 'reception') AS receptions FROM visits WHERE date >= ? AND date <= ? GROUP BY 1`,
  );
  const checkinsByDeputy = db.prepare<[string, string], { code: string; n: number }>(
    'SELECT deputy_code AS code, count(*) AS n FROM checkins WHERE at >= ? AND at < ? GROUP BY 1',
  );
  const and = (d: Dims) => d.where.map((w) => ` AND ${w}`).join('');
  return {
    /** One deputy's cases submitted in [start, end): received, answered, open, rated (null sums where none). */
    deputyCases: (code: string, start: string, end: string, now: string) =>
      deputyCases.get({ code, start, end, now }) as Record<string, number | null>,
    /** Visits and reception days by date (both dates included), and check-ins in [start, end). */
    deputyField: (code: string, from: string, to: string, start: string, end: string) => ({
      ...(deputyVisits.get(code, from, to) as { visits: number | null; receptions: number | null }),
      checkins: (deputyCheckins.get(code, start, end) as { n: number }).n,
    }),
    /** Every deputy's visits and reception days by date in [from, to], and check-ins in [start, end). */
    fieldByDeputy: (p: StatsPeriod) => ({ visits: visitsByDeputy.all(p.from, p.to), checkins: checkinsByDeputy.all(p.start, p.end) }),

    /**
     * The clock-independent sums of the scope from an aggregate table, grouped: by day over the
     * days [lo, hi] (`fine`: the table by category, unit and deputy, else by town only), or by
     * month over the months [lo, hi].
     */
    aggregate(by: 'day' | 'month', fine: boolean, group: GroupBy, scope: StatsScope, lo: string, hi: string) {
      const d = scopeDims(scope);
      const table = `stats_${by}${fine ? '' : '_region'}`;
      const where = [`${by} >= ?`, `${by} <= ?`, ...d.where].join(' AND ');
      return prepared(`SELECT ${GROUP_SQL[group][by]} AS g, ${SUM_COLUMNS} FROM ${table} WHERE ${where} GROUP BY 1`).all(
        lo,
        hi,
        ...d.params,
      ) as Record<string, number | string>[];
    },
    /** The clock-dependent parts, counted over the open cases of the period (partial index cases_open_stats). */
    live(f: StatsFilterSql, group: GroupBy) {
      const d = caseDims(f);
      return prepared(
        `SELECT ${GROUP_SQL[group].cases} AS g,
           sum(${OVERDUE}) AS overdue, sum(${ACK_DUE_OPEN}) AS ackDueOpen, sum(${REPLY_DUE_OPEN}) AS replyDueOpen
         FROM cases WHERE status <> 'closed' AND ${d.where.join(' AND ')} GROUP BY 1`,
      ).all(...d.params, { now: f.now }) as { g: string; overdue: number | null; ackDueOpen: number | null; replyDueOpen: number | null }[];
    },
    /** 退单 per returning unit, counted from the timeline of the period's cases. */
    returnsFromTimeline(f: StatsFilterSql) {
      const d = caseDims(f, 'cases.');
      return prepared(
        `SELECT u.unit_id AS unit, count(*) AS n FROM cases
           JOIN case_events e ON e.case_id = cases.id AND e.action = 'return'
           JOIN users u ON u.id = e.actor_user_id
         WHERE cases.return_count > 0 AND ${d.where.join(' AND ')}
         GROUP BY 1`,
      ).all(...d.params) as { unit: string | null; n: number }[];
    },
    /** 退单 per returning unit, from their sums by submission day, town, deputy and category (no unit filter there). */
    returnsFromSums(f: StatsFilterSql) {
      const d = scopeDims({ ...f, unitId: null });
      return prepared(
        `SELECT unit_id AS unit, sum(returned) AS n FROM stats_unit_returns WHERE day >= ? AND day <= ?${and(d)} GROUP BY 1`,
      ).all(f.from, f.to, ...d.params) as { unit: string | null; n: number }[];
    },
    /** One page of the period's open overdue cases, the longest overdue first, and how many there are. */
    overduePage(f: StatsFilterSql, limit: number, offset: number) {
      const d = caseDims(f);
      const base = `FROM cases WHERE status <> 'closed' AND ${d.where.join(' AND ')} AND ${OVERDUE}`;
      const total = (prepared(`SELECT count(*) AS n ${base}`).get(...d.params, { now: f.now }) as { n: number }).n;
      const rows = prepared(`SELECT ${SUMMARY_SELECT}, ${CURRENT_DUE_SQL} AS due ${base} ORDER BY due, id LIMIT ? OFFSET ?`).all(
        ...d.params,
        limit,
        offset,
        { now: f.now },
      ) as (CaseSummaryRow & { due: string })[];
      return { total, rows };
    },
    /** The period's open cases by status: how many, how many overdue, and their mean wait there in seconds. */
    openByStatus(f: StatsFilterSql) {
      const d = caseDims(f);
      return prepared(
        `SELECT status, count(*) AS n, sum(${OVERDUE}) AS overdue, avg(unixepoch(@now) - unixepoch(${STATUS_SINCE_SQL})) AS wait
         FROM cases WHERE status <> 'closed' AND ${d.where.join(' AND ')} GROUP BY status`,
      ).all(...d.params, { now: f.now }) as { status: string; n: number; overdue: number | null; wait: number | null }[];
    },
    /** One page of the period's cases a figure counts, newest first, and how many there are. */
    metricPage(f: StatsFilterSql, metric: keyof typeof METRIC_SQL, limit: number, offset: number) {
      const d = caseDims(f);
      // open-only figures read the small partial index of open cases
      const openOnly = metric === 'open' || metric === 'overdue' ? "status <> 'closed' AND " : '';
      const cond = `${openOnly}${d.where.join(' AND ')} AND (${METRIC_SQL[metric]})`;
      const total = (prepared(`SELECT count(*) AS n FROM cases WHERE ${cond}`).get(...d.params, { now: f.now }) as { n: number }).n;
      const rows = prepared(`SELECT ${SUMMARY_SELECT} FROM cases WHERE ${cond} ORDER BY submitted_at DESC, id LIMIT ? OFFSET ?`).all(
        ...d.params,
        limit,
        offset,
        { now: f.now },
      ) as CaseSummaryRow[];
      return { total, rows };
    },
    /** The newest `limit` cases of the scope, whenever submitted. */
    latest(scope: StatsScope, limit: number) {
      const d = scopeDims(scope);
      return prepared(
        `SELECT id, tracking_no, title, status, region_id, category_id, deputy_code, submitted_at, anonymous, contact_name, contact_phone
         FROM cases ${d.where.length ? `WHERE ${d.where.join(' AND ')}` : ''} ORDER BY submitted_at DESC LIMIT ?`,
      ).all(...d.params, limit) as LatestRow[];
    },

    /** How many cases of the period the ledger would hold. */
    ledgerCount: (f: StatsFilterSql) => {
      const d = scopeDims(f);
      return (
        prepared(`SELECT count(*) AS n FROM cases WHERE submitted_at >= ? AND submitted_at < ?${and(d)}`).get(
          f.start,
          f.end,
          ...d.params,
        ) as {
          n: number;
        }
      ).n;
    },
    /**
     * The ledger's next `limit` rows after (submitted_at, id) = `after`: keyset paging, so each
     * batch starts where the last one ended (the index range moves with it).
     */
    ledgerPage: <Row>(columns: readonly string[], f: StatsFilterSql, after: [string, string], limit: number) => {
      const d = scopeDims(f);
      return prepared(
        `SELECT ${columns.join(', ')} FROM cases WHERE submitted_at >= ? AND submitted_at < ?${and(d)}
           AND (submitted_at > ? OR id > ?) ORDER BY submitted_at, id LIMIT ?`,
      ).all(after[0], f.end, ...d.params, after[0], after[1], limit) as Row[];
    },
  };
}
export type StatsRepo = ReturnType<typeof statsRepo>;
