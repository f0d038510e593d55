/** Shared types of the 马上分 classifier. Pure: no Node imports. */

export const LABELS = ['城乡建设', '环境保护', '交通运输', '教育文体', '劳动和社会保障', '商贸旅游', '卫生计生'] as const;

export type CategoryLabel = (typeof LABELS)[number];

export function isCategoryLabel(x: unknown): x is CategoryLabel {
  return typeof x === 'string' && (LABELS as readonly string[]).includes(x);
}

export interface Suggestion {
  /** all 7 categories, best first; calibrated probabilities summing to ≈ 1 */
  categories: { label: CategoryLabel; score: number }[];
  /** true = 待人工判断 (low confidence or non-actionable) */
  needsReview: boolean;
  reason?: 'low_confidence' | 'non_actionable';
  /** words that weighed most for the top category (≤ 8) */
  topTerms: { term: string; weight: number }[];
}

export interface Classifier {
  suggest(text: string): Suggestion;
  readonly version: string;
}

/** an office staff member's correction of a suggested category */
export interface Correction {
  text: string;
  label: CategoryLabel;
}

export interface LabelledText {
  text: string;
  label: CategoryLabel;
  /** sample weight (corrections count more); default 1 */
  weight?: number;
}
