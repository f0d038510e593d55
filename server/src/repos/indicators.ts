import type { StatsMetric } from '@minqing/shared';
import { overdueSql, statusIn } from './lifecycle-sql.js';
import type { Measure } from './stats-aggregates.js';

/*
 * The indicators of 码上评 (PRODUCT.md "Indicators") as SQL over `cases`, defined once here:
 * the per-case facts the aggregate sums add up, and the figures a drill-down lists. The view
 * `stats_case_facts` of migration 4 states the same facts for the triggers that keep the sums
 * (a shipped migration cannot read code); `recount` reads these, so the tests that compare the
 * stored sums with a recount hold the view to this definition.
 */

/** When the acknowledgement was due, in a case that cannot be overdue any more: answered, or closed after the limit. */
const ACK_DUE_SETTLED = `(acknowledged_at IS NOT NULL OR (status = 'closed' AND ack_due_at < closed_at))`;
/** The same for the unit's reply: replied, or closed after the unit's limit had passed while it held the case. */
const REPLY_DUE_SETTLED = `(reply_on_time IS NOT NULL OR (status = 'closed' AND unit_id IS NOT NULL AND reply_due_at IS NOT NULL AND reply_due_at < closed_at))`;
/** When the deputy's stage ended: forwarded, answered directly, or rejected. */
const DEPUTY_DONE_AT = `(CASE WHEN forwarded_at IS NOT NULL THEN forwarded_at WHEN replied_at IS NOT NULL AND replied_by_unit = 0 THEN replied_at WHEN close_reason = 'rejected' THEN closed_at END)`;
const OFFICE_DONE = 'forwarded_at IS NOT NULL AND first_assigned_at IS NOT NULL';
const UNIT_DONE = 'replied_by_unit = 1 AND first_assigned_at IS NOT NULL AND replied_at IS NOT NULL';

/** Each measure of a case: a condition (counted 1 or 0), or seconds where it is a duration. */
const FACTS: Record<Measure, { when: string; seconds?: string }> = {
  received: { when: '1' },
  open: { when: "status <> 'closed'" },
  closed: { when: "status = 'closed'" },
  ack_due: { when: ACK_DUE_SETTLED },
  ack_ok: { when: 'ack_on_time = 1' },
  acked: { when: 'acknowledged_at IS NOT NULL' },
  ack_s: { when: 'acknowledged_at IS NOT NULL', seconds: 'unixepoch(acknowledged_at) - unixepoch(submitted_at)' },
  reply_due: { when: REPLY_DUE_SETTLED },
  reply_ok: { when: 'reply_on_time = 1' },
  rated: { when: 'rating IS NOT NULL' },
  sat: { when: "rating = 'satisfied'" },
  basic: { when: "rating = 'basically_satisfied'" },
  unsat: { when: "rating = 'unsatisfied'" },
  solved: { when: 'rating IS NOT NULL AND solved = 1' },
  d_rated: { when: 'deputy_rating IS NOT NULL' },
  d_sat: { when: "deputy_rating = 'satisfied'" },
  d_basic: { when: "deputy_rating = 'basically_satisfied'" },
  assigned: { when: 'first_assigned_at IS NOT NULL' },
  returned: { when: 'return_count > 0' },
  extended: { when: 'extension_approved_days IS NOT NULL' },
  replied: { when: 'replied_at IS NOT NULL' },
  reopened: { when: 'reopen_count > 0' },
  direct: { when: 'replied_at IS NOT NULL AND replied_by_unit = 0' },
  forwarded: { when: 'forwarded_at IS NOT NULL' },
  dep_n: { when: `${DEPUTY_DONE_AT} IS NOT NULL` },
  dep_s: { when: `${DEPUTY_DONE_AT} IS NOT NULL`, seconds: `unixepoch(${DEPUTY_DONE_AT}) - unixepoch(submitted_at)` },
  off_n: { when: OFFICE_DONE },
  off_s: { when: OFFICE_DONE, seconds: 'unixepoch(first_assigned_at) - unixepoch(forwarded_at)' },
  unit_n: { when: UNIT_DONE },
  unit_s: { when: UNIT_DONE, seconds: 'unixepoch(replied_at) - unixepoch(first_assigned_at)' },
};

/**
 * One row of facts per case, with the keys the sums are kept by (what `stats_case_facts` holds):
 * a subquery to read from instead of the view.
 */
export const CASE_FACTS_SQL = `(SELECT id, date(submitted_at, '+8 hours') AS day, region_id, coalesce(category_id, '') AS category_id,
  coalesce(unit_id, '') AS unit_id, deputy_code,
  ${Object.entries(FACTS)
    .map(([m, f]) => `CASE WHEN ${f.when} THEN ${f.seconds ?? 1} ELSE 0 END AS ${m}`)
    .join(',\n  ')}
  FROM cases)`;

/** The clock-dependent parts of the figures, over open cases (need the parameter @now). */
export const OVERDUE = overdueSql('@now');
export const ACK_DUE_OPEN = `(status <> 'closed' AND acknowledged_at IS NULL AND ack_due_at < @now)`;
export const REPLY_DUE_OPEN = `(${statusIn((r) => r.holder === 'unit')} AND reply_on_time IS NULL AND reply_due_at < @now)`;

const ACK_DUE = `(${ACK_DUE_SETTLED} OR ${ACK_DUE_OPEN})`;
const REPLY_DUE = `(${REPLY_DUE_SETTLED} OR ${REPLY_DUE_OPEN})`;

/** Each drillable figure as a predicate over `cases` (needs @now): the facts above, and the live parts. */
export const METRIC_SQL: Record<StatsMetric, string> = {
  received: FACTS.received.when,
  open: FACTS.open.when,
  closed: FACTS.closed.when,
  overdue: OVERDUE,
  ackDue: ACK_DUE,
  ackOnTime: FACTS.ack_ok.when,
  ackLate: `${ACK_DUE} AND coalesce(ack_on_time, 0) <> 1`,
  acknowledged: FACTS.acked.when,
  replyDue: REPLY_DUE,
  replyOnTime: FACTS.reply_ok.when,
  replyLate: `${REPLY_DUE} AND coalesce(reply_on_time, 0) <> 1`,
  rated: FACTS.rated.when,
  satisfied: FACTS.sat.when,
  basicallySatisfied: FACTS.basic.when,
  unsatisfied: FACTS.unsat.when,
  solved: FACTS.solved.when,
  unsolved: 'rating IS NOT NULL AND coalesce(solved, 0) <> 1',
  deputyRated: FACTS.d_rated.when,
  deputySatisfied: FACTS.d_sat.when,
  deputyBasicallySatisfied: FACTS.d_basic.when,
  deputyUnsatisfied: "deputy_rating = 'unsatisfied'",
  assigned: FACTS.assigned.when,
  returned: FACTS.returned.when,
  extended: FACTS.extended.when,
  replied: FACTS.replied.when,
  reopened: FACTS.reopened.when,
  directReplied: FACTS.direct.when,
  forwarded: FACTS.forwarded.when,
};
