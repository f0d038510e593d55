import {
  STATS_METRIC_LABELS,
  STATUS_LABELS,
  type Breakdown,
  type DeputyDuty,
  type DrillList,
  type LatestCases,
  type OverdueList,
  type StatsMetric,
  type StatsOverview,
  type StatsQuery,
  type StatsRow,
  type Stages,
  type Trend,
  type TrendGranularity,
  type UnitRanking,
} from '@minqing/shared';
import { STATUS_RULES, maskName, maskPhone, statusesWhere } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { GroupBy } from '../repos/stats.js';
import { cstDate, cstMidnight } from './calendar.js';
import { maskedText, toSummary } from './present.js';
import { caseScope } from './scope.js';
import type { SessionUser } from './session.js';
import { MEASURES, zeroSums, type Sums } from '../repos/stats-aggregates.js';

/*
 * 码上评 — how every figure is defined (PRODUCT.md "Indicators"), over the cases submitted in
 * the period (China time, both dates included) that the caller may see:
 *
 * - received 收件: every case; open 未办结: not closed now; closed 已办结: closed now (rated,
 *   unrated after the rating window, rejected, merged, withdrawn, or closed with a note).
 * - overdue 超期: open, and the current holder's limit has passed (应答 while submitted, 签收
 *   while assigned, 办理 while acknowledged or handling) — the same rule as the case lists.
 * - 及时受理率 = acknowledged within the limit / cases due: due = acknowledged, or the response
 *   limit passed before the case was closed (or, if open, before now) without a response.
 * - 平均响应时长 = mean of (acknowledged_at − submitted_at) over acknowledged cases, in hours.
 * - 按时办结率 = replied by the unit within its limit (an approved extension moves the limit)
 *   / assigned cases due: replied by the unit, or the unit's limit passed while it held the case.
 *   Measured on the unit's first reply after the last assignment (a reopen does not reset it).
 * - 办结率 = closed / received.
 * - 满意率 = (满意 + w × 基本满意) / rated, with w = settings.limits.basicallySatisfiedWeight;
 *   the rating is the citizen's rating of the current reply (a reopen starts a new round).
 * - 解决率 = rated "solved" / rated; 代表满意度 = (满意 + w × 基本满意) / evaluated by the deputy.
 * - 重办率 = reopened / replied; 退单率 = returned by a unit at least once / assigned;
 *   延期率 = with an approved extension (current assignment) / assigned.
 *
 * The SQL of each definition is repos/indicators.ts. The part of each figure that does not
 * depend on the clock is summed per case and kept in `stats_day`/`stats_month`/`stats_day_region`
 * by triggers (migration 4); the part that does (overdue, due but unanswered) is counted live
 * over the open cases, which a partial index keeps small (repos/stats.ts).
 */

const ratio = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10000) / 10000);
const hours = (secs: number, n: number) => (n === 0 ? null : Math.round((secs / n / 3600) * 10) / 10);
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- the request: period, scope, filters

export interface StatsFilter {
  from: string;
  to: string;
  /** Instants: [start, end) of the period. */
  start: string;
  end: string;
  now: string;
  /** Regions the figures may come from (scope ∩ filter); null = everywhere. */
  regions: readonly string[] | null;
  categoryId: string | null;
  unitId: string | null;
  deputyCode: string | null;
  /** The scope's display name (平湖市, 当湖街道, …). */
  scopeName: string;
  regionId: string | null;
}

/** The period, the caller's scope and the filters of a stats request; 403 for a region outside the scope. */
export function statsFilter(deps: Deps, user: SessionUser, q: StatsQuery): StatsFilter {
  const now = deps.clock.now();
  // both are real calendar dates already (calendarDate in the contract)
  const to = q.to ?? cstDate(now);
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to) throw new ApiError('invalid_input', '开始日期不能晚于结束日期', 'from');
  if (Date.parse(to) - Date.parse(from) > 11 * 366 * DAY_MS) throw new ApiError('invalid_input', '统计区间最长十年', 'from');

  // scope: admin everything; office/leader their region and below (scope.ts); others may not
  if (!['leader', 'office', 'admin'].includes(user.role)) throw new ApiError('forbidden', '只有领导、人大工作人员和管理员可以查看统计');
  const scope = caseScope(user, deps.reference);
  let regions: readonly string[] | null = scope.kind === 'all' ? null : scope.kind === 'regions' ? scope.ids : [];
  let scopeName = user.regionId ? (deps.reference.region(user.regionId)?.name ?? '') : '';
  if (user.role === 'admin' || !scopeName) scopeName = scopeName || '全部';
  if (q.regionId) {
    const region = deps.reference.region(q.regionId);
    if (!region) throw new ApiError('invalid_input', '地区不存在', 'regionId');
    const allowed = regions === null || (user.regionId !== null && deps.reference.isWithin(q.regionId, user.regionId));
    if (!allowed) throw new ApiError('forbidden', '您无权查看该地区的数据');
    regions = deps.reference.subtree(q.regionId);
    scopeName = region.name;
  }
  if (q.categoryId && !deps.reference.category(q.categoryId)) throw new ApiError('invalid_input', '问题分类不存在', 'categoryId');
  if (q.unitId && !deps.reference.unit(q.unitId)) throw new ApiError('invalid_input', '承办单位不存在', 'unitId');
  if (q.deputyCode && !deps.reference.deputy(q.deputyCode)) throw new ApiError('invalid_input', '代表不存在', 'deputyCode');
  return {
    from,
    to,
    start: cstMidnight(from).toISOString(),
    end: new Date(cstMidnight(to).getTime() + DAY_MS).toISOString(),
    now: now.toISOString(),
    regions,
    categoryId: q.categoryId ?? null,
    unitId: q.unitId ?? null,
    deputyCode: q.deputyCode ?? null,
    scopeName,
    regionId: q.regionId ?? user.regionId,
  };
}

// ---------------------------------------------------------------- sums from the aggregate tables

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};
const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};

/** Splits [from, to] into whole months (read from stats_month) and the days at either end. */
function splitPeriod(from: string, to: string): { months: [string, string] | null; days: [string, string][] } {
  const first = from.slice(8) === '01' ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  let last = monthEnd(to.slice(0, 7)) === to ? to.slice(0, 7) : null;
  if (last === null) {
    const [y, m] = to.slice(0, 7).split('-').map(Number) as [number, number];
    last = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
  }
  if (first > last) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < `${first}-01`) days.push([from, addDays(`${first}-01`, -1)]);
  if (to > monthEnd(last)) days.push([addDays(monthEnd(last), 1), to]);
  return { months: [first, last], days };
}

type SumMap = Map<string, Sums>;

function addInto(map: SumMap, rows: Record<string, number | string>[]) {
  for (const r of rows) {
    const k = String(r.g);
    let s = map.get(k);
    if (!s) map.set(k, (s = zeroSums()));
    for (const m of MEASURES) s[m] += Number(r[m] ?? 0);
  }
}

/** The clock-independent sums of the period, grouped, from the aggregate tables. */
export function aggregateSums(deps: Deps, f: StatsFilter, group: GroupBy): SumMap {
  const out: SumMap = new Map();
  // the tables by town only are far smaller: read the fine ones only when a filter or the grouping needs them
  const fine = f.categoryId !== null || f.unitId !== null || f.deputyCode !== null || ['category', 'unit', 'deputy'].includes(group);
  if (group === 'day') {
    addInto(out, deps.stats.aggregate('day', fine, group, f, f.from, f.to));
    return out;
  }
  const { months, days } = splitPeriod(f.from, f.to);
  if (months) addInto(out, deps.stats.aggregate('month', fine, group, f, months[0], months[1]));
  for (const [lo, hi] of days) addInto(out, deps.stats.aggregate('day', fine, group, f, lo, hi));
  return out;
}

interface LiveSums {
  overdue: number;
  ackDueOpen: number;
  replyDueOpen: number;
}

/** The clock-dependent parts, counted over the open cases of the period (partial index cases_open_stats). */
export function liveSums(deps: Deps, f: StatsFilter, group: GroupBy): Map<string, LiveSums> {
  const rows = deps.stats.live(f, group);
  return new Map(
    rows.map((r) => [String(r.g), { overdue: r.overdue ?? 0, ackDueOpen: r.ackDueOpen ?? 0, replyDueOpen: r.replyDueOpen ?? 0 }]),
  );
}

const NO_LIVE: LiveSums = { overdue: 0, ackDueOpen: 0, replyDueOpen: 0 };

function row(deps: Deps, s: Sums, live: LiveSums): StatsRow {
  const w = deps.limits.basicallySatisfiedWeight;
  const ackDue = s.ack_due + live.ackDueOpen;
  const replyDue = s.reply_due + live.replyDueOpen;
  return {
    received: s.received,
    open: s.open,
    closed: s.closed,
    overdue: live.overdue,
    ackDue,
    ackOnTime: s.ack_ok,
    replyDue,
    replyOnTime: s.reply_ok,
    rated: s.rated,
    solved: s.solved,
    ackOnTimeRate: ratio(s.ack_ok, ackDue),
    completionOnTimeRate: ratio(s.reply_ok, replyDue),
    completionRate: ratio(s.closed, s.received),
    satisfactionRate: ratio(s.sat + w * s.basic, s.rated),
    solvedRate: ratio(s.solved, s.rated),
    meanAckHours: hours(s.ack_s, s.acked),
  };
}

// ---------------------------------------------------------------- overview

/** 码上评: the indicators of PRODUCT.md over a period. */
export function overview(deps: Deps, user: SessionUser, q: StatsQuery): StatsOverview {
  const f = statsFilter(deps, user, q);
  const s = aggregateSums(deps, f, 'none').get('') ?? zeroSums();
  const live = liveSums(deps, f, 'none').get('') ?? NO_LIVE;
  const r = row(deps, s, live);
  const w = deps.limits.basicallySatisfiedWeight;
  return {
    from: f.from,
    to: f.to,
    regionId: f.regionId,
    scopeName: f.scopeName,
    basicallySatisfiedWeight: w,
    generatedAt: f.now,
    received: r.received,
    open: r.open,
    overdue: r.overdue,
    closed: r.closed,
    ackOnTimeRate: r.ackOnTimeRate,
    meanAckHours: r.meanAckHours,
    completionOnTimeRate: r.completionOnTimeRate,
    completionRate: r.completionRate,
    satisfactionRate: r.satisfactionRate,
    deputySatisfactionRate: ratio(s.d_sat + w * s.d_basic, s.d_rated),
    solvedRate: r.solvedRate,
    reopenRate: ratio(s.reopened, s.replied),
    returnRate: ratio(s.returned, s.assigned),
    extensionRate: ratio(s.extended, s.assigned),
    counts: {
      ackDue: r.ackDue,
      ackOnTime: s.ack_ok,
      replyDue: r.replyDue,
      replyOnTime: s.reply_ok,
      rated: s.rated,
      satisfied: s.sat,
      basicallySatisfied: s.basic,
      unsatisfied: s.unsat,
      solved: s.solved,
      assigned: s.assigned,
      returned: s.returned,
      extended: s.extended,
      reopened: s.reopened,
    },
    more: {
      acknowledged: s.acked,
      replied: s.replied,
      forwarded: s.forwarded,
      directReplied: s.direct,
      deputyRated: s.d_rated,
      deputySatisfied: s.d_sat,
      deputyBasicallySatisfied: s.d_basic,
      deputyUnsatisfied: s.d_rated - s.d_sat - s.d_basic,
    },
  };
}

// ---------------------------------------------------------------- breakdowns

/** Monday of the ISO week of a date. */
function weekStart(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

export function trend(deps: Deps, user: SessionUser, q: StatsQuery & { granularity: TrendGranularity }): Trend {
  const f = statsFilter(deps, user, q);
  const g = q.granularity;
  const maxBuckets = g === 'day' ? 800 : g === 'week' ? 600 : 240;
  const keyOf = (day: string) => (g === 'day' ? day : g === 'week' ? weekStart(day) : day.slice(0, 7));
  // every bucket of the period, empty ones included; the first and last may be partial
  const buckets = new Map<string, { from: string; to: string }>();
  for (let d = f.from; d <= f.to;) {
    const k = keyOf(d);
    let end = g === 'day' ? d : g === 'week' ? addDays(k, 6) : monthEnd(d.slice(0, 7));
    if (end > f.to) end = f.to;
    buckets.set(k, { from: d, to: end });
    if (buckets.size > maxBuckets) throw new ApiError('invalid_input', '区间太长：请选择更粗的粒度（周或月）', 'granularity');
    d = addDays(end, 1);
  }
  const sums = aggregateSums(deps, f, g === 'month' ? 'month' : 'day');
  const live = liveSums(deps, f, g === 'month' ? 'month' : 'day');
  const folded = new Map<string, { s: Sums; l: LiveSums }>();
  for (const [k, s] of sums) {
    const key = g === 'month' ? k : keyOf(k);
    const t = folded.get(key) ?? { s: zeroSums(), l: { ...NO_LIVE } };
    for (const m of MEASURES) t.s[m] += s[m];
    folded.set(key, t);
  }
  for (const [k, l] of live) {
    const key = g === 'month' ? k : keyOf(k);
    const t = folded.get(key) ?? { s: zeroSums(), l: { ...NO_LIVE } };
    t.l.overdue += l.overdue;
    t.l.ackDueOpen += l.ackDueOpen;
    t.l.replyDueOpen += l.replyDueOpen;
    folded.set(key, t);
  }
  const label = (k: string, b: { from: string; to: string }) =>
    g === 'day' ? k.slice(5) : g === 'week' ? `${b.from.slice(5)}~${b.to.slice(5)}` : `${k.slice(0, 4)}年${Number(k.slice(5))}月`;
  return {
    from: f.from,
    to: f.to,
    granularity: g,
    buckets: [...buckets].map(([key, b]) => {
      const t = folded.get(key);
      return { key, label: label(key, b), from: b.from, to: b.to, ...row(deps, t?.s ?? zeroSums(), t?.l ?? NO_LIVE) };
    }),
  };
}

export function breakdown(deps: Deps, user: SessionUser, q: StatsQuery, by: 'category' | 'town'): Breakdown {
  const f = statsFilter(deps, user, q);
  const group: GroupBy = by === 'category' ? 'category' : 'region';
  const sums = aggregateSums(deps, f, group);
  const live = liveSums(deps, f, group);
  const names =
    by === 'category'
      ? [...deps.reference.categories().map((c) => [c.id, c.name] as const), ['', '未分类'] as const]
      : deps.reference
          .regions()
          .filter((r) => r.kind !== 'village' && (f.regions === null || f.regions.includes(r.id)))
          .filter((r) => r.kind === 'town' || sums.has(r.id))
          .map((r) => [r.id, r.kind === 'city' ? `${r.name}（市级）` : r.name] as const);
  const items = names
    .map(([id, name]) => ({ id, name, ...row(deps, sums.get(id) ?? zeroSums(), live.get(id) ?? NO_LIVE) }))
    .filter((x) => x.id !== '' || x.received > 0);
  items.sort((a, b) => b.received - a.received);
  return { from: f.from, to: f.to, by, items };
}

/** 95% Wilson score lower bound of a proportion. */
export function wilsonLower(successes: number, n: number, z = 1.96): number | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

export const MIN_RANKED_VOLUME = 20;

export function unitRanking(deps: Deps, user: SessionUser, q: StatsQuery): UnitRanking {
  const f = statsFilter(deps, user, q);
  const sums = aggregateSums(deps, f, 'unit');
  const live = liveSums(deps, f, 'unit');
  const returns = returnsByUnit(deps, f);
  const w = deps.limits.basicallySatisfiedWeight;
  const items = deps.reference
    .units()
    .map((u) => {
      const s = sums.get(u.id) ?? zeroSums();
      const l = live.get(u.id) ?? NO_LIVE;
      const replyDue = s.reply_due + l.replyDueOpen;
      const onTime = wilsonLower(s.reply_ok, replyDue);
      const satisfied = wilsonLower(s.sat + w * s.basic, s.rated);
      const parts = [onTime, satisfied].filter((x): x is number => x !== null);
      return {
        unitId: u.id,
        name: u.name,
        kind: u.kind,
        rank: null as number | null,
        score: parts.length ? Math.round((parts.reduce((a, b) => a + b, 0) / parts.length) * 10000) / 10000 : null,
        assigned: s.assigned,
        open: s.open,
        overdue: l.overdue,
        replyDue,
        replyOnTime: s.reply_ok,
        completionOnTimeRate: ratio(s.reply_ok, replyDue),
        rated: s.rated,
        satisfactionRate: ratio(s.sat + w * s.basic, s.rated),
        solvedRate: ratio(s.solved, s.rated),
        deputyRated: s.d_rated,
        deputySatisfactionRate: ratio(s.d_sat + w * s.d_basic, s.d_rated),
        returned: returns.get(u.id) ?? 0,
        returnRate: ratio(returns.get(u.id) ?? 0, s.assigned + (returns.get(u.id) ?? 0)),
        extended: s.extended,
        extensionRate: ratio(s.extended, s.assigned),
        meanHandlingHours: hours(s.unit_s, s.unit_n),
      };
    })
    .filter((x) => x.assigned > 0 || x.returned > 0);
  const ranked = items.filter((x) => x.replyDue >= MIN_RANKED_VOLUME && x.score !== null).sort((a, b) => b.score! - a.score!);
  ranked.forEach((x, i) => (x.rank = i + 1));
  const unranked = items.filter((x) => x.rank === null).sort((a, b) => b.assigned - a.assigned);
  return {
    from: f.from,
    to: f.to,
    minVolume: MIN_RANKED_VOLUME,
    method: `按时办结率与满意率各取95%置信下限（Wilson）的平均值排名；应办结不足${MIN_RANKED_VOLUME}件的单位只列数据、不参与排名`,
    items: [...ranked, ...unranked],
  };
}

/**
 * 退单 per unit: a return is the returning unit's, though the case has moved on since — summed
 * per returning unit by the case's submission day, town, deputy and category (migrations 5–6).
 * With a unit filter, counted from the timeline of that unit's cases instead.
 */
function returnsByUnit(deps: Deps, f: StatsFilter): Map<string, number> {
  const rows = f.unitId ? deps.stats.returnsFromTimeline(f) : deps.stats.returnsFromSums(f);
  return new Map(rows.filter((r) => r.unit).map((r) => [r.unit!, r.n]));
}

export function deputyDuty(deps: Deps, user: SessionUser, q: StatsQuery): DeputyDuty {
  const f = statsFilter(deps, user, q);
  const sums = aggregateSums(deps, f, 'deputy');
  const live = liveSums(deps, f, 'deputy');
  const deputies = deps.reference
    .deputies()
    .filter((d) => (f.regions === null || f.regions.includes(d.region_id)) && (!f.deputyCode || d.code === f.deputyCode));
  // 走: visits, reception days and check-ins are the deputy's own, counted by their date
  const field = new Map<string, { visits: number; receptions: number; checkins: number }>();
  const counted = deps.stats.fieldByDeputy(f);
  for (const r of counted.visits) field.set(r.code, { visits: r.visits, receptions: r.receptions, checkins: 0 });
  for (const r of counted.checkins) {
    const x = field.get(r.code) ?? { visits: 0, receptions: 0, checkins: 0 };
    x.checkins = r.n;
    field.set(r.code, x);
  }
  const items = deputies.map((d) => {
    const s = sums.get(d.code) ?? zeroSums();
    const l = live.get(d.code) ?? NO_LIVE;
    const fx = field.get(d.code) ?? { visits: 0, receptions: 0, checkins: 0 };
    // the indicators a deputy shares with every other row, computed as there
    const { received, ackDue, ackOnTime, ackOnTimeRate, meanAckHours, open, overdue, satisfactionRate } = row(deps, s, l);
    return {
      deputyCode: d.code,
      name: d.name,
      level: d.level,
      regionId: d.region_id,
      regionName: deps.reference.region(d.region_id)?.name ?? '',
      received,
      ackDue,
      ackOnTime,
      ackOnTimeRate,
      meanAckHours,
      directReplied: s.direct,
      forwarded: s.forwarded,
      open,
      overdue,
      visits: fx.visits,
      receptions: fx.receptions,
      checkins: fx.checkins,
      satisfactionRate,
    };
  });
  items.sort((a, b) => b.received - a.received || a.deputyCode.localeCompare(b.deputyCode));
  return { from: f.from, to: f.to, items };
}

export function overdueList(deps: Deps, user: SessionUser, q: StatsQuery & { page: number; pageSize: number }): OverdueList {
  const f = statsFilter(deps, user, q);
  const { rows, total } = deps.stats.overduePage(f, q.pageSize, (q.page - 1) * q.pageSize);
  const now = deps.clock.now();
  const items = rows.map((r) => {
    // only statuses whose deadline counts as 超期 come here: a deputy's or a unit's, not the rating window
    const stage = STATUS_RULES[r.status].deadline as 'ack' | 'sign' | 'reply';
    const holderKind = STATUS_RULES[r.status].holder as 'deputy' | 'unit';
    const holderName =
      holderKind === 'deputy'
        ? `${deps.reference.deputy(r.deputy_code)?.name ?? r.deputy_code}代表`
        : (deps.reference.unit(r.unit_id ?? '')?.name ?? '承办单位');
    const late = now.getTime() - Date.parse(r.due);
    // Object.assign rather than a spread and more properties: V8 builds that literal slowly (see toDetail)
    return Object.assign(toSummary(r, deps.reference, now), {
      stage,
      holderKind,
      holderName,
      overdueHours: Math.round((late / 3_600_000) * 10) / 10,
      overdueDays: Math.round((late / DAY_MS) * 10) / 10,
    });
  });
  return { items, total };
}

/** The open statuses, with who holds a case there as the cockpit names it (the citizen's rating window has none). */
const WAITING = statusesWhere((r) => r.holder !== 'nobody').map((status) => {
  const holder = STATUS_RULES[status].holder;
  return { status, holder: holder === 'deputy' || holder === 'office' || holder === 'unit' ? holder : null };
});

/** Where cases spend their time: finished stages of the period's cases, and where the open ones wait now. */
export function stages(deps: Deps, user: SessionUser, q: StatsQuery): Stages {
  const f = statsFilter(deps, user, q);
  const s = aggregateSums(deps, f, 'none').get('') ?? zeroSums();
  const rows = deps.stats.openByStatus(f);
  const byStatus = new Map(rows.map((r) => [r.status, r]));
  return {
    from: f.from,
    to: f.to,
    completed: [
      { stage: 'deputy', label: '代表受理与转交', cases: s.dep_n, meanHours: hours(s.dep_s, s.dep_n) },
      { stage: 'office', label: '人大办分办', cases: s.off_n, meanHours: hours(s.off_s, s.off_n) },
      { stage: 'unit', label: '承办单位办理', cases: s.unit_n, meanHours: hours(s.unit_s, s.unit_n) },
    ],
    waiting: WAITING.map((w) => {
      const r = byStatus.get(w.status);
      return {
        status: w.status,
        label: STATUS_LABELS[w.status],
        holderKind: w.holder,
        cases: r?.n ?? 0,
        overdue: r?.overdue ?? 0,
        meanWaitingHours: r?.wait == null ? null : Math.round((r.wait / 3600) * 10) / 10,
      };
    }),
  };
}

// ---------------------------------------------------------------- drill-down and latest cases

export function drill(deps: Deps, user: SessionUser, q: StatsQuery & { metric: StatsMetric; page: number; pageSize: number }): DrillList {
  const f = statsFilter(deps, user, q);
  const { rows, total } = deps.stats.metricPage(f, q.metric, q.pageSize, (q.page - 1) * q.pageSize);
  const now = deps.clock.now();
  return { metric: q.metric, label: STATS_METRIC_LABELS[q.metric], total, items: rows.map((r) => toSummary(r, deps.reference, now)) };
}

export function latestCases(deps: Deps, user: SessionUser, q: StatsQuery & { limit?: number }): LatestCases {
  const f = statsFilter(deps, user, { ...q, from: undefined, to: undefined });
  const limit = Math.min(Math.max(q.limit ?? 10, 1), 50);
  const rows = deps.stats.latest(f, limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      trackingNo: r.tracking_no,
      // the big screen is on a wall: titles as its citizen column, masked for everyone
      title: maskedText(r.title, r),
      status: r.status,
      regionName: deps.reference.region(r.region_id)?.name ?? '',
      categoryName: r.category_id ? (deps.reference.category(r.category_id)?.name ?? null) : null,
      deputyName: deps.reference.deputy(r.deputy_code)?.name ?? '',
      submittedAt: r.submitted_at,
      citizen: r.anonymous
        ? '匿名'
        : [r.contact_name ? maskName(r.contact_name) : null, r.contact_phone ? maskPhone(r.contact_phone) : null]
            .filter(Boolean)
            .join(' ') || '—',
    })),
  };
}
