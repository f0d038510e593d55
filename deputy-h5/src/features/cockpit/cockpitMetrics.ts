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

export const KPIS: Kpi[] = [
  {
    key: 'received',
    label: '收件',
    kind: 'count',
    tone: 'primary',
    value: (o) => o.received,
    detail: () => '件',
    lists: (o) => [['received', '收件', o.received]],
    hint: '期间提交的民情件',
  },
  {
    key: 'open',
    label: '在办',
    kind: 'count',
    value: (o) => o.open,
    detail: () => '件',
    lists: (o) => [['open', '未办结', o.open]],
    hint: '期间提交、目前尚未办结',
  },
  {
    key: 'overdue',
    label: '超期',
    kind: 'count',
    tone: 'danger',
    value: (o) => o.overdue,
    detail: () => '件',
    lists: (o) => [['overdue', '超期', o.overdue]],
    hint: '当前环节已过时限（应答、签收或办理）',
  },
  {
    key: 'ackOnTimeRate',
    label: '及时受理率',
    kind: 'rate',
    value: (o) => o.ackOnTimeRate,
    detail: (o) => `${n(o.counts.ackOnTime)} / ${n(o.counts.ackDue)}`,
    lists: (o) => [
      ['ackOnTime', '按时受理', o.counts.ackOnTime],
      ['ackLate', '超时或未受理', o.counts.ackDue - o.counts.ackOnTime],
      ['ackDue', '应受理', o.counts.ackDue],
    ],
    hint: '应答时限内受理 ÷ 已到期应受理',
  },
  {
    key: 'meanAckHours',
    label: '平均响应时长',
    kind: 'hours',
    value: (o) => o.meanAckHours,
    detail: (o) => `${n(o.more.acknowledged)} 件已受理`,
    lists: (o) => [['acknowledged', '已受理', o.more.acknowledged]],
    hint: '提交到代表受理的平均小时数',
  },
  {
    key: 'completionOnTimeRate',
    label: '按时办结率',
    kind: 'rate',
    value: (o) => o.completionOnTimeRate,
    detail: (o) => `${n(o.counts.replyOnTime)} / ${n(o.counts.replyDue)}`,
    lists: (o) => [
      ['replyOnTime', '按时办结', o.counts.replyOnTime],
      ['replyLate', '超时或逾期未办结', o.counts.replyDue - o.counts.replyOnTime],
      ['replyDue', '交办应办结', o.counts.replyDue],
    ],
    hint: '办理时限（含批准的延期）内答复 ÷ 已到期的交办件',
  },
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
  {
    key: 'solvedRate',
    label: '解决率',
    kind: 'rate',
    value: (o) => o.solvedRate,
    detail: (o) => `${n(o.counts.solved)} / ${n(o.counts.rated)}`,
    lists: (o) => [
      ['solved', '已解决', o.counts.solved],
      ['unsolved', '未解决', o.counts.rated - o.counts.solved],
      ['rated', '已评价', o.counts.rated],
    ],
    hint: '群众评价“已解决” ÷ 已评价',
  },
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
  {
    key: 'reopenRate',
    label: '重办率',
    kind: 'rate',
    value: (o) => o.reopenRate,
    detail: (o) => `${n(o.counts.reopened)} / ${n(o.more.replied)}`,
    lists: (o) => [
      ['reopened', '重办', o.counts.reopened],
      ['replied', '已答复', o.more.replied],
    ],
    hint: '重办过 ÷ 已答复',
  },
  {
    key: 'returnRate',
    label: '退单率',
    kind: 'rate',
    value: (o) => o.returnRate,
    detail: (o) => `${n(o.counts.returned)} / ${n(o.counts.assigned)}`,
    lists: (o) => [
      ['returned', '被退回', o.counts.returned],
      ['assigned', '已交办', o.counts.assigned],
    ],
    hint: '被承办单位退回过 ÷ 已交办',
  },
  {
    key: 'extensionRate',
    label: '延期率',
    kind: 'rate',
    value: (o) => o.extensionRate,
    detail: (o) => `${n(o.counts.extended)} / ${n(o.counts.assigned)}`,
    lists: (o) => [
      ['extended', '已延期', o.counts.extended],
      ['assigned', '已交办', o.counts.assigned],
    ],
    hint: '批准延期 ÷ 已交办',
  },
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
