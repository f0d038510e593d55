import { replyReviewSettingsSchema, type ReplyReviewSettings } from '@minqing/shared';
import type { CaseRow } from '../repos/cases.js';
import type { ReferenceRepo } from '../repos/reference.js';

/**
 * 答复审核 ("where configured"): the regions whose cases' unit replies the office reviews before
 * they reach the citizen, kept in the `settings` table (key `replyReview`). Default: none, so a
 * unit's reply reaches the citizen at once, as PRODUCT.md describes.
 */
export const REPLY_REVIEW_KEY = 'replyReview';
export const DEFAULT_REPLY_REVIEW: ReplyReviewSettings = { regionIds: [] };

export function loadReplyReview(stored: string | undefined): ReplyReviewSettings {
  if (!stored) return DEFAULT_REPLY_REVIEW;
  const parsed = replyReviewSettingsSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : DEFAULT_REPLY_REVIEW;
}

/** Whether a unit's reply to this case waits for the office: its region or a region above it is listed. */
export function needsReplyReview(settings: ReplyReviewSettings, reference: ReferenceRepo, c: Pick<CaseRow, 'region_id'>): boolean {
  return settings.regionIds.some((id) => reference.isWithin(c.region_id, id));
}
