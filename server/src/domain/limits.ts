import { z } from 'zod';
import { CASE_TYPES, type CaseType } from '@minqing/shared';

/** Time limits of PRODUCT.md; an office may override them in the `settings` table (key `limits`). */
export const limitsSchema = z.object({
  ackWorkingDays: z.number().int().min(1).max(30),
  signWorkingDays: z.number().int().min(1).max(30),
  replyWorkingDays: z.record(z.enum(CASE_TYPES), z.number().int().min(1).max(90)),
  maxExtensionWorkingDays: z.number().int().min(1).max(60),
  ratingWindowDays: z.number().int().min(1).max(60),
  /** Warn (临期预警) when this share of a limit has passed. */
  warnAtFraction: z.number().min(0.1).max(0.99),
  /** Weight of 基本满意 in 满意率 (1 = counts fully). */
  basicallySatisfiedWeight: z.number().min(0).max(1),
});
export type TimeLimits = z.infer<typeof limitsSchema>;

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
