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
  const c = deps.stats.deputyCases(code, start, end, now.toISOString());
  const field = deps.stats.deputyField(code, from, to, start, end);
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
    visits: n(field.visits),
    receptions: n(field.receptions),
    checkins: field.checkins,
    satisfactionRate: ratio(n(c.satisfied), n(c.rated)),
  };
}
