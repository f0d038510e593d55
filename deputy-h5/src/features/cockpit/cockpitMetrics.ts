import type { StatsMetric, StatsOverview, UnitRanking } from '@minqing/shared';

/**
 * The figures of 码上评 as the cockpit shows them: how each is formatted, what it is made of,
 * and which lists of cases open behind it (drill-down; the lists' totals are the same numbers).
 */
export interface Kpi {
  key: string;
  label: string;
  kind: 'count' | 'rate' | 'hours';
  tone?: 'danger' | 'primary';
  value: (o: StatsOverview) => number | null;
  /** What the figure is made of, e.g. "8 / 10". */
  detail: (o: StatsOverview) => string;
  /** Lists behind the figure: [metric, label, count]. */
  lists: (o: StatsOverview) => [StatsMetric, string, number][];
  hint: string;
}

const n = (x: number) => x.toLocaleString('zh-CN');

/** A figure of the overview (a count or a rate). */
type Figure = { [K in keyof StatsOverview]: StatsOverview[K] extends number | null ? K : never }[keyof StatsOverview];
/** A list of cases behind a figure, with its label and how many it holds. */
type Part = [metric: StatsMetric, label: string, count: (o: StatsOverview) => number];

/** A count of cases (收件, 在办, 超期): the cases counted are its one list. */
const countKpi = (key: Figure & StatsMetric, label: string, listLabel: string, hint: string, tone?: Kpi['tone']): Kpi => ({
  key,
  label,
  kind: 'count',
  tone,
  value: (o) => o[key],
  detail: () => '件',
  lists: (o) => [[key, listLabel, o[key] ?? 0]],
  hint,
});

/**
 * A rate that is `part` of `whole` (按时受理 ÷ 应受理): the detail reads "part / whole"; the lists
 * are the part, what falls short of it (where `short` names it) and the whole.
 */
const rateKpi = (key: Figure, label: string, hint: string, part: Part, whole: Part, short?: [StatsMetric, string]): Kpi => ({
  key,
  label,
  kind: 'rate',
  value: (o) => o[key],
  detail: (o) => `${n(part[2](o))} / ${n(whole[2](o))}`,
  lists: (o) => [
    [part[0], part[1], part[2](o)],
    ...(short ? [[short[0], short[1], whole[2](o) - part[2](o)] satisfies [StatsMetric, string, number]] : []),
    [whole[0], whole[1], whole[2](o)],
  ],
  hint,
});

export const KPIS: Kpi[] = [
  countKpi('received', '收件', '收件', '期间提交的民情件', 'primary'),
  countKpi('open', '在办', '未办结', '期间提交、目前尚未办结'),
  countKpi('overdue', '超期', '超期', '当前环节已过时限（应答、签收或办理）', 'danger'),
  rateKpi(
    'ackOnTimeRate',
    '及时受理率',
    '应答时限内受理 ÷ 已到期应受理',
    ['ackOnTime', '按时受理', (o) => o.counts.ackOnTime],
    ['ackDue', '应受理', (o) => o.counts.ackDue],
    ['ackLate', '超时或未受理'],
  ),
  {
    key: 'meanAckHours',
    label: '平均响应时长',
    kind: 'hours',
    value: (o) => o.meanAckHours,
    detail: (o) => `${n(o.more.acknowledged)} 件已受理`,
    lists: (o) => [['acknowledged', '已受理', o.more.acknowledged]],
    hint: '提交到代表受理的平均小时数',
  },
  rateKpi(
    'completionOnTimeRate',
    '按时办结率',
    '办理时限（含批准的延期）内答复 ÷ 已到期的交办件',
    ['replyOnTime', '按时办结', (o) => o.counts.replyOnTime],
    ['replyDue', '交办应办结', (o) => o.counts.replyDue],
    ['replyLate', '超时或逾期未办结'],
  ),
  {
    key: 'completionRate',
    label: '办结率',
    kind: 'rate',
    value: (o) => o.completionRate,
    detail: (o) => `${n(o.closed)} / ${n(o.received)}`,
    lists: (o) => [
      ['closed', '已办结', o.closed],
      ['open', '未办结', o.open],
    ],
    hint: '已办结 ÷ 收件',
  },
  {
    key: 'satisfactionRate',
    label: '满意率',
    kind: 'rate',
    value: (o) => o.satisfactionRate,
    detail: (o) =>
      `${n(o.counts.satisfied)}+${o.basicallySatisfiedWeight === 1 ? '' : `${o.basicallySatisfiedWeight}×`}${n(o.counts.basicallySatisfied)} / ${n(o.counts.rated)}`,
    lists: (o) => [
      ['satisfied', '满意', o.counts.satisfied],
      ['basicallySatisfied', '基本满意', o.counts.basicallySatisfied],
      ['unsatisfied', '不满意', o.counts.unsatisfied],
      ['rated', '已评价', o.counts.rated],
    ],
    hint: '(满意 + 基本满意×权重) ÷ 已评价',
  },
  rateKpi(
    'solvedRate',
    '解决率',
    '群众评价“已解决” ÷ 已评价',
    ['solved', '已解决', (o) => o.counts.solved],
    ['rated', '已评价', (o) => o.counts.rated],
    ['unsolved', '未解决'],
  ),
  {
    key: 'deputySatisfactionRate',
    label: '代表满意度',
    kind: 'rate',
    value: (o) => o.deputySatisfactionRate,
    detail: (o) => `${n(o.more.deputySatisfied + o.more.deputyBasicallySatisfied)} / ${n(o.more.deputyRated)}`,
    lists: (o) => [
      ['deputySatisfied', '代表满意', o.more.deputySatisfied],
      ['deputyBasicallySatisfied', '代表基本满意', o.more.deputyBasicallySatisfied],
      ['deputyUnsatisfied', '代表不满意', o.more.deputyUnsatisfied],
      ['deputyRated', '代表已评价', o.more.deputyRated],
    ],
    hint: '代表对承办单位办理的评价',
  },
  rateKpi(
    'reopenRate',
    '重办率',
    '重办过 ÷ 已答复',
    ['reopened', '重办', (o) => o.counts.reopened],
    ['replied', '已答复', (o) => o.more.replied],
  ),
  rateKpi(
    'returnRate',
    '退单率',
    '被承办单位退回过 ÷ 已交办',
    ['returned', '被退回', (o) => o.counts.returned],
    ['assigned', '已交办', (o) => o.counts.assigned],
  ),
  rateKpi(
    'extensionRate',
    '延期率',
    '批准延期 ÷ 已交办',
    ['extended', '已延期', (o) => o.counts.extended],
    ['assigned', '已交办', (o) => o.counts.assigned],
  ),
];

/** A figure as shown: 1,234 · 90.6% · 9.3 小时 · — when there is nothing to divide by. */
export function formatKpi(kind: Kpi['kind'], v: number | null): string {
  if (v === null) return '—';
  if (kind === 'rate') return `${(v * 100).toFixed(1)}%`;
  if (kind === 'hours') return `${v.toFixed(1)}`;
  return n(v);
}

export const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
export const count = n;

/** The figures of a unit in the rankings, as both cockpit pages list them: 件数, 按时, 满意. */
export const UNIT_COLUMNS = ['件数', '按时', '满意'] as const;
export const unitFigures = (u: UnitRanking['items'][number]): string[] => [
  count(u.assigned),
  pct(u.completionOnTimeRate),
  pct(u.satisfactionRate),
];
