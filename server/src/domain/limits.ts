import { timeLimitsSchema, type CaseType, type TimeLimits } from '@minqing/shared';

/**
 * Time limits of PRODUCT.md; an admin may override them in the `settings` table (key `limits`).
 * The schema (with its ranges and Chinese messages) is the shared contract's `timeLimitsSchema`.
 */
export const limitsSchema = timeLimitsSchema;
export type { TimeLimits };

export const DEFAULT_LIMITS: TimeLimits = {
  ackWorkingDays: 1,
  signWorkingDays: 1,
  replyWorkingDays: { consult: 2, help: 10, suggestion: 10, complaint: 15, report: 15 },
  maxExtensionWorkingDays: 15,
  ratingWindowDays: 7,
  warnAtFraction: 0.75,
  basicallySatisfiedWeight: 1,
};

export function replyDays(limits: TimeLimits, type: CaseType): number {
  return limits.replyWorkingDays[type];
}
