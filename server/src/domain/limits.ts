import { DEFAULT_LIMITS, timeLimitsSchema, type CaseType, type TimeLimits } from '@minqing/shared';

/**
 * Time limits of PRODUCT.md; an admin may override them in the `settings` table (key `limits`).
 * The schema (with its ranges and Chinese messages) is the shared contract's `timeLimitsSchema`.
 */
export const limitsSchema = timeLimitsSchema;
export type { TimeLimits };

export { DEFAULT_LIMITS };

/** The limits in force: the stored `settings.limits` over the defaults (a key added since is filled in). */
export function limitsFrom(stored: string | undefined): TimeLimits {
  return stored ? limitsSchema.parse({ ...DEFAULT_LIMITS, ...(JSON.parse(stored) as object) }) : DEFAULT_LIMITS;
}

export function replyDays(limits: TimeLimits, type: CaseType): number {
  return limits.replyWorkingDays[type];
}
