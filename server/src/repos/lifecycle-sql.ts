import { STATUS_RULES, statusesWhere, type CaseStatus, type DeadlineKind, type StatusRule } from '@minqing/shared';
import type { CaseRow } from './cases.js';

/*
 * The status table of shared/lifecycle.ts as SQL over `cases`: what the table cannot know is
 * which column keeps each deadline and when the case entered each status; everything that
 * filters by status is generated from the table here.
 */

type DueColumn = 'ack_due_at' | 'sign_due_at' | 'reply_due_at' | 'rate_due_at';
type TimeColumn = { [K in keyof CaseRow]: CaseRow[K] extends string | null ? K : never }[keyof CaseRow];

/** Each deadline's column, and when its clock started (the first of these that is set): 临期 is a share of that span. */
export const DEADLINE_COLUMNS: Record<DeadlineKind, { due: DueColumn; start: readonly TimeColumn[] }> = {
  ack: { due: 'ack_due_at', start: ['submitted_at'] },
  sign: { due: 'sign_due_at', start: ['assigned_at', 'submitted_at'] },
  reply: { due: 'reply_due_at', start: ['assigned_at', 'acknowledged_at', 'submitted_at'] },
  rate: { due: 'rate_due_at', start: ['replied_at', 'submitted_at'] },
};

/** When a case entered its status (the first of these that is set): how long an open case has waited there. */
export const STATUS_SINCE: Record<CaseStatus, readonly TimeColumn[]> = {
  submitted: ['submitted_at'],
  acknowledged: ['acknowledged_at', 'submitted_at'],
  triage: ['forwarded_at', 'submitted_at'],
  assigned: ['assigned_at', 'submitted_at'],
  handling: ['signed_at', 'assigned_at', 'submitted_at'],
  replied: ['replied_at', 'submitted_at'],
  closed: ['closed_at'],
};

const coalesce = (columns: readonly string[]) => (columns.length === 1 ? columns[0]! : `coalesce(${columns.join(', ')})`);

/** `status IN ('a','b')` for the statuses whose rule passes `test` (statuses are fixed words, never input). */
export function statusIn(test: (rule: StatusRule, status: CaseStatus) => boolean): string {
  return `status IN (${statusesWhere(test)
    .map((s) => `'${s}'`)
    .join(',')})`;
}

/** 超期 as SQL: in a status whose deadline counts, and that deadline before `now` (a placeholder: `?` or `@now`). */
export function overdueSql(now: string): string {
  const kinds = [...new Set(statusesWhere((r) => r.overdue).map((s) => STATUS_RULES[s].deadline!))];
  return `(${kinds.map((k) => `(${statusIn((r) => r.overdue && r.deadline === k)} AND ${DEADLINE_COLUMNS[k].due} < ${now})`).join(' OR ')})`;
}

/** How many times overdueSql names its placeholder (positional parameters). */
export const OVERDUE_PARAMS = new Set(statusesWhere((r) => r.overdue).map((s) => STATUS_RULES[s].deadline)).size;

/** The deadline that runs now, as SQL (NULL in a status without one). */
export const CURRENT_DUE_SQL = `CASE status ${statusesWhere((r) => r.deadline !== null)
  .map((s) => `WHEN '${s}' THEN ${DEADLINE_COLUMNS[STATUS_RULES[s].deadline!].due}`)
  .join(' ')} END`;

/** When the case entered its current status, as SQL. */
export const STATUS_SINCE_SQL = `CASE status ${statusesWhere(() => true)
  .map((s) => `WHEN '${s}' THEN ${coalesce(STATUS_SINCE[s])}`)
  .join(' ')} END`;
