import type { Overview, StatsQuery } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/errors.js';
import { cstDate, cstMidnight } from './calendar.js';
import { scopeFilter } from './scope.js';
import type { SessionUser } from './session.js';

const ratio = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10000) / 10000);

/** The period and filters of a stats request as SQL over `cases` (by submission time). */
export function statsFilter(deps: Deps, user: SessionUser, q: StatsQuery) {
  const now = deps.clock.now();
  const to = q.to ?? cstDate(now);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new ApiError('invalid_input', '开始日期不能晚于结束日期', 'from');
  const scope = scopeFilter(user, deps.reference);
  const where = [...scope.where, 'submitted_at >= ?', 'submitted_at < ?'];
  const params: unknown[] = [
    ...scope.params,
    cstMidnight(from).toISOString(),
    new Date(cstMidnight(to).getTime() + 86_400_000).toISOString(),
  ];
  if (q.regionId) {
    if (!deps.reference.region(q.regionId)) throw new ApiError('invalid_input', '地区不存在', 'regionId');
    const ids = deps.reference.subtree(q.regionId);
    where.push(`region_id IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  if (q.categoryId) (where.push('category_id = ?'), params.push(q.categoryId));
  if (q.unitId) (where.push('unit_id = ?'), params.push(q.unitId));
  if (q.deputyCode) (where.push('deputy_code = ?'), params.push(q.deputyCode));
  return { from, to, where: where.join(' AND '), params, now: now.toISOString() };
}

/** 码上评: the indicators of PRODUCT.md over a period, computed from the cases themselves. */
export function overview(deps: Deps, user: SessionUser, q: StatsQuery): Overview {
  const f = statsFilter(deps, user, q);
  const row = deps.db
    .prepare(
      `SELECT
        count(*) AS received,
        sum(status <> 'closed') AS open,
        sum(status = 'closed') AS closed,
        sum((status = 'submitted' AND ack_due_at < @now) OR (status = 'assigned' AND sign_due_at < @now)
            OR (status IN ('acknowledged','handling') AND reply_due_at < @now)) AS overdue,
        sum(acknowledged_at IS NOT NULL OR ack_due_at < @now) AS ackDue,
        sum(ack_on_time = 1) AS ackOnTime,
        avg(CASE WHEN acknowledged_at IS NOT NULL THEN (julianday(acknowledged_at) - julianday(submitted_at)) * 24 END) AS meanAckHours,
        sum(reply_on_time IS NOT NULL OR (status IN ('assigned','handling') AND reply_due_at < @now)) AS replyDue,
        sum(reply_on_time = 1) AS replyOnTime,
        sum(rating IS NOT NULL) AS rated,
        sum(rating = 'satisfied') AS satisfied,
        sum(rating = 'basically_satisfied') AS basicallySatisfied,
        sum(rating = 'unsatisfied') AS unsatisfied,
        sum(solved = 1) AS solved,
        sum(deputy_rating IS NOT NULL) AS deputyRated,
        sum(deputy_rating IN ('satisfied','basically_satisfied')) AS deputySatisfied,
        sum(first_assigned_at IS NOT NULL) AS assigned,
        sum(return_count > 0) AS returned,
        sum(extension_approved_days IS NOT NULL) AS extended,
        sum(replied_at IS NOT NULL) AS replied,
        sum(reopen_count > 0) AS reopened
      FROM cases WHERE ${f.where}`,
    )
    .get(...f.params, { now: f.now }) as Record<string, number | null>;
  const n = (k: string) => Number(row[k] ?? 0);
  const w = deps.limits.basicallySatisfiedWeight;
  return {
    from: f.from,
    to: f.to,
    regionId: q.regionId ?? user.regionId,
    received: n('received'),
    open: n('open'),
    overdue: n('overdue'),
    closed: n('closed'),
    ackOnTimeRate: ratio(n('ackOnTime'), n('ackDue')),
    meanAckHours: row.meanAckHours === null ? null : Math.round(Number(row.meanAckHours) * 10) / 10,
    completionOnTimeRate: ratio(n('replyOnTime'), n('replyDue')),
    completionRate: ratio(n('closed'), n('received')),
    satisfactionRate: ratio(n('satisfied') + w * n('basicallySatisfied'), n('rated')),
    deputySatisfactionRate: ratio(n('deputySatisfied'), n('deputyRated')),
    solvedRate: ratio(n('solved'), n('rated')),
    reopenRate: ratio(n('reopened'), n('replied')),
    returnRate: ratio(n('returned'), n('assigned')),
    extensionRate: ratio(n('extended'), n('assigned')),
    counts: {
      ackDue: n('ackDue'),
      ackOnTime: n('ackOnTime'),
      replyDue: n('replyDue'),
      replyOnTime: n('replyOnTime'),
      rated: n('rated'),
      satisfied: n('satisfied'),
      basicallySatisfied: n('basicallySatisfied'),
      unsatisfied: n('unsatisfied'),
      solved: n('solved'),
      assigned: n('assigned'),
      returned: n('returned'),
      extended: n('extended'),
      reopened: n('reopened'),
    },
  };
}
