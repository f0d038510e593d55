import { z } from 'zod';
import { calendarDate, caseSummarySchema, isoDateTime, overviewSchema, pageFields, statsQuerySchema } from './schemas.js';
import { CASE_STATUSES } from './enums.js';

/**
 * 码上评 and the data cockpit (马上用). Every figure is over the cases *submitted* in the period
 * (China time, both dates included), in the caller's scope, optionally narrowed to a region,
 * category, unit or deputy; every figure can be opened as the list of cases behind it
 * (`GET /api/stats/cases?metric=…` with the same filters).
 */

const rate = z.number().nullable();
const int = z.number().int();

/** The figures a list of cases can be opened for (drill-down). */
export const STATS_METRICS = [
  'received',
  'open',
  'closed',
  'overdue',
  'ackDue',
  'ackOnTime',
  'ackLate',
  'acknowledged',
  'replyDue',
  'replyOnTime',
  'replyLate',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'unsatisfied',
  'solved',
  'unsolved',
  'deputyRated',
  'deputySatisfied',
  'deputyBasicallySatisfied',
  'deputyUnsatisfied',
  'assigned',
  'returned',
  'extended',
  'replied',
  'reopened',
  'directReplied',
  'forwarded',
] as const;
export type StatsMetric = (typeof STATS_METRICS)[number];

export const STATS_METRIC_LABELS: Record<StatsMetric, string> = {
  received: '收件',
  open: '未办结',
  closed: '已办结',
  overdue: '超期',
  ackDue: '应受理',
  ackOnTime: '按时受理',
  ackLate: '超时受理或未受理',
  acknowledged: '已受理',
  replyDue: '交办应办结',
  replyOnTime: '按时办结',
  replyLate: '超时办结或逾期未办结',
  rated: '已评价',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  unsatisfied: '不满意',
  solved: '已解决',
  unsolved: '未解决',
  deputyRated: '代表已评价',
  deputySatisfied: '代表满意',
  deputyBasicallySatisfied: '代表基本满意',
  deputyUnsatisfied: '代表不满意',
  assigned: '已交办',
  returned: '被退回',
  extended: '已延期',
  replied: '已答复',
  reopened: '重办',
  directReplied: '代表直接答复',
  forwarded: '已转交',
};

/** The overview: the brief's `overviewSchema` plus the counts behind every rate and the time per stage. */
export const statsOverviewSchema = overviewSchema.extend({
  scopeName: z.string(),
  /** Weight of 基本满意 in 满意率 and 代表满意度 (settings.limits.basicallySatisfiedWeight). */
  basicallySatisfiedWeight: z.number(),
  generatedAt: isoDateTime(),
  more: z.object({
    acknowledged: int,
    replied: int,
    forwarded: int,
    directReplied: int,
    deputyRated: int,
    deputySatisfied: int,
    deputyBasicallySatisfied: int,
    deputyUnsatisfied: int,
  }),
});
export type StatsOverview = z.infer<typeof statsOverviewSchema>;

/** A row of indicators (one bucket of a trend, one category, one town). */
export const statsRowSchema = z.object({
  received: int,
  open: int,
  closed: int,
  overdue: int,
  ackDue: int,
  ackOnTime: int,
  replyDue: int,
  replyOnTime: int,
  rated: int,
  solved: int,
  ackOnTimeRate: rate,
  completionOnTimeRate: rate,
  completionRate: rate,
  satisfactionRate: rate,
  solvedRate: rate,
  meanAckHours: z.number().nullable(),
});
export type StatsRow = z.infer<typeof statsRowSchema>;

export const TREND_GRANULARITIES = ['day', 'week', 'month'] as const;
export type TrendGranularity = (typeof TREND_GRANULARITIES)[number];

export const trendQuerySchema = statsQuerySchema.extend({
  granularity: z.enum(TREND_GRANULARITIES, { error: '粒度应为 day、week 或 month' }).default('day'),
});
export type TrendQuery = z.input<typeof trendQuerySchema>;

export const trendSchema = z.object({
  from: calendarDate(),
  to: calendarDate(),
  granularity: z.enum(TREND_GRANULARITIES),
  /** Buckets in order; `from`/`to` are the dates a bucket covers inside the period (use them to drill down). */
  buckets: z.array(statsRowSchema.extend({ key: z.string(), label: z.string(), from: calendarDate(), to: calendarDate() })),
});
export type Trend = z.infer<typeof trendSchema>;

export const breakdownSchema = z.object({
  from: calendarDate(),
  to: calendarDate(),
  by: z.enum(['category', 'town']),
  /** `id` is the category or town (region) id; '' = 未分类 (not yet classified). */
  items: z.array(statsRowSchema.extend({ id: z.string(), name: z.string() })),
});
export type Breakdown = z.infer<typeof breakdownSchema>;

export const unitRankingSchema = z.object({
  from: calendarDate(),
  to: calendarDate(),
  /** Units with fewer assigned cases due than this are shown but not ranked. */
  minVolume: int,
  method: z.string(),
  items: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      kind: z.string(),
      /** Rank among units with enough volume (1 = best), null if not ranked. */
      rank: int.nullable(),
      /** Ranking score: mean of the 95% Wilson lower bounds of 按时办结率 and 满意率. */
      score: z.number().nullable(),
      assigned: int,
      open: int,
      overdue: int,
      replyDue: int,
      replyOnTime: int,
      completionOnTimeRate: rate,
      rated: int,
      satisfactionRate: rate,
      solvedRate: rate,
      deputyRated: int,
      deputySatisfactionRate: rate,
      /** Times this unit returned a case of the period (退单, from the timeline: the case may be elsewhere now). */
      returned: int,
      /** returned / (cases held now + returned). */
      returnRate: rate,
      extended: int,
      extensionRate: rate,
      meanHandlingHours: z.number().nullable(),
    }),
  ),
});
export type UnitRanking = z.infer<typeof unitRankingSchema>;

export const deputyDutySchema = z.object({
  from: calendarDate(),
  to: calendarDate(),
  items: z.array(
    z.object({
      deputyCode: z.string(),
      name: z.string(),
      level: z.string(),
      regionId: z.string(),
      regionName: z.string(),
      received: int,
      ackDue: int,
      ackOnTime: int,
      ackOnTimeRate: rate,
      meanAckHours: z.number().nullable(),
      directReplied: int,
      forwarded: int,
      open: int,
      overdue: int,
      visits: int,
      receptions: int,
      checkins: int,
      satisfactionRate: rate,
    }),
  ),
});
export type DeputyDuty = z.infer<typeof deputyDutySchema>;

export const HOLDER_KINDS = ['deputy', 'office', 'unit'] as const;

export const overdueItemSchema = caseSummarySchema.extend({
  /** Which limit has passed: 应答 (deputy), 签收 or 办理 (unit). */
  stage: z.enum(['ack', 'sign', 'reply']),
  holderKind: z.enum(HOLDER_KINDS),
  holderName: z.string(),
  overdueHours: z.number(),
  overdueDays: z.number(),
});
export const overdueListSchema = z.object({ items: z.array(overdueItemSchema), total: int });
export type OverdueList = z.infer<typeof overdueListSchema>;

export const stagesSchema = z.object({
  from: calendarDate(),
  to: calendarDate(),
  /** Stages finished by cases of the period: how long they took on average. */
  completed: z.array(z.object({ stage: z.enum(HOLDER_KINDS), label: z.string(), cases: int, meanHours: z.number().nullable() })),
  /** Open cases of the period now: where they wait and for how long so far. */
  waiting: z.array(
    z.object({
      status: z.enum(CASE_STATUSES),
      label: z.string(),
      holderKind: z.enum(HOLDER_KINDS).nullable(),
      cases: int,
      overdue: int,
      meanWaitingHours: z.number().nullable(),
    }),
  ),
});
export type Stages = z.infer<typeof stagesSchema>;

export const latestCasesSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      trackingNo: z.string(),
      title: z.string(),
      status: z.enum(CASE_STATUSES),
      regionName: z.string(),
      categoryName: z.string().nullable(),
      deputyName: z.string(),
      submittedAt: isoDateTime(),
      /** The citizen masked (张** 138****1234), or 匿名. */
      citizen: z.string(),
    }),
  ),
});
export type LatestCases = z.infer<typeof latestCasesSchema>;

export const drillQuerySchema = statsQuerySchema.extend({
  metric: z.enum(STATS_METRICS, { error: '不支持的指标' }),
  ...pageFields,
});
export type DrillQuery = z.input<typeof drillQuerySchema>;

export const drillListSchema = z.object({
  metric: z.enum(STATS_METRICS),
  label: z.string(),
  total: int,
  items: z.array(caseSummarySchema),
});
export type DrillList = z.infer<typeof drillListSchema>;

export const pageQuerySchema = statsQuerySchema.extend({
  ...pageFields,
});
export type StatsPageQuery = z.input<typeof pageQuerySchema>;

/** Rows one export may hold (an .xlsx sheet holds 1,048,576). */
export const EXPORT_MAX_ROWS = 300_000;
