import type { TimeLimits } from './schemas.js';

/** Limits the apps and the server share; no zod here, so the apps can import them without the schemas. */
export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 9;

/**
 * What an admin may set in `settings.limits` (系统设置): the bounds `timeLimitsSchema` enforces,
 * here without zod so the staff app's form can use them as its steppers' ranges.
 */
export const TIME_LIMIT_RANGES = {
  /** 受理 (the deputy acknowledges), working days. */
  ackWorkingDays: { min: 1, max: 30 },
  /** 签收 (the unit signs for it), working days. */
  signWorkingDays: { min: 1, max: 30 },
  /** 办理 (the unit replies), working days, per case type. */
  replyWorkingDays: { min: 1, max: 90 },
  /** 延期 at most, working days. */
  maxExtensionWorkingDays: { min: 1, max: 60 },
  /** 评价 window, calendar days. */
  ratingWindowDays: { min: 1, max: 60 },
  /** 临期预警 once this share of a limit has passed. */
  warnAtFraction: { min: 0.1, max: 0.99 },
  /** Weight of 基本满意 in 满意率 (1 = counts fully). */
  basicallySatisfiedWeight: { min: 0, max: 1 },
} as const;

/** The time limits of PRODUCT.md, in force until an admin changes them in 系统设置 (`settings.limits`). */
export const DEFAULT_LIMITS: TimeLimits = {
  ackWorkingDays: 1,
  signWorkingDays: 1,
  replyWorkingDays: { consult: 2, help: 10, suggestion: 10, complaint: 15, report: 15 },
  maxExtensionWorkingDays: 15,
  ratingWindowDays: 7,
  warnAtFraction: 0.75,
  basicallySatisfiedWeight: 1,
};
