import type { Performance } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { cstDate, cstMidnight } from './calendar.js';

/** 履职: what one deputy received and did over a period (default: this calendar year). */
export function deputyPerformance(deps: Deps, code: string, q: { from?: string | undefined; to?: string | undefined }): Performance {
  const now = deps.clock.now();
  const to = q.to ?? cstDate(now);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  const start = cstMidnight(from).toISOString();
  const end = new Date(cstMidnight(to).getTime() + 86_400_000).toISOString();
  const c = deps.db
    .prepare(
      `SELECT count(*) AS received,
        sum(acknowledged_at IS NOT NULL OR ack_due_at < @now) AS ackDue,
        sum(ack_on_time = 1) AS ackOnTime,
        sum(replied_at IS NOT NULL AND replied_by_unit = 0) AS repliedDirectly,
        sum(forwarded_at IS NOT NULL) AS forwarded,
        sum(status <> 'closed') AS open,
        sum(rating IS NOT NULL) AS rated,
        sum(rating IN ('satisfied','basically_satisfied')) AS satisfied
       FROM cases WHERE deputy_code = @code AND submitted_at >= @start AND submitted_at < @end`,
    )
    .get({ code, start, end, now: now.toISOString() }) as Record<string, number | null>;
  const v = deps.db
    .prepare(
      `SELECT sum(kind = 'visit') AS visits, sum(kind = 'reception') AS receptions FROM visits
       WHERE deputy_code = ? AND date >= ? AND date <= ?`,
    )
    .get(code, from, to) as { visits: number | null; receptions: number | null };
  const k = deps.db.prepare('SELECT count(*) AS n FROM checkins WHERE deputy_code = ? AND at >= ? AND at < ?').get(code, start, end) as { n: number };
  const n = (x: number | null | undefined) => Number(x ?? 0);
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10000) / 10000);
  return {
    deputyCode: code,
    from,
    to,
    received: n(c.received),
    ackDue: n(c.ackDue),
    ackOnTime: n(c.ackOnTime),
    ackOnTimeRate: ratio(n(c.ackOnTime), n(c.ackDue)),
    repliedDirectly: n(c.repliedDirectly),
    forwarded: n(c.forwarded),
    open: n(c.open),
    visits: n(v.visits),
    receptions: n(v.receptions),
    checkins: k.n,
    satisfactionRate: ratio(n(c.satisfied), n(c.rated)),
  };
}
