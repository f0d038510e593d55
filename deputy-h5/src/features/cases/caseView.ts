import { statusLabel as sharedStatusLabel, statusTagType as sharedTagType, type TagType } from '@minqing/h5-common/cases/status';
import { ACTION_LABELS, type CaseAction, type CaseStatus, type CaseSummary } from '@minqing/shared';

/** The status tag's words and colour as staff read them (the tag itself is h5-common's StatusTag). */
export const statusTagType = (status: CaseStatus): TagType => sharedTagType(status, 'staff');
export const statusLabel = (c: Pick<CaseSummary, 'status' | 'closeReason'>): string => sharedStatusLabel(c, 'staff');

/** The order actions are offered in: the step that moves the case on first, side actions last. */
export const ACTION_ORDER: CaseAction[] = [
  'acknowledge',
  'sign',
  'assign',
  'approve_reply',
  'reject_reply',
  'reply',
  'forward',
  'approve_extension',
  'deny_extension',
  'evaluate',
  'reopen',
  'request_extension',
  'return',
  'urge',
  'merge',
  'reject',
  'close',
  'supplement',
  'note',
  'rate',
];

/** Actions that never take a place in the bar: they live under 更多. */
const SIDE_ACTIONS: ReadonlySet<CaseAction> = new Set(['supplement', 'note']);

/**
 * The bar under a case: up to three main actions as buttons (four when that is all there
 * is), the rest under 更多. Only what the server listed in allowedActions is ever passed in.
 */
export function splitActions(actions: readonly CaseAction[]): { primary: CaseAction[]; more: CaseAction[] } {
  const sorted = sortActions(actions);
  const main = sorted.filter((a) => !SIDE_ACTIONS.has(a));
  const side = sorted.filter((a) => SIDE_ACTIONS.has(a));
  if (side.length === 0 && main.length <= 4) return { primary: main, more: [] };
  return { primary: main.slice(0, 3), more: [...main.slice(3), ...side] };
}

export function sortActions(actions: readonly CaseAction[]): CaseAction[] {
  return [...actions].sort((a, b) => ACTION_ORDER.indexOf(a) - ACTION_ORDER.indexOf(b));
}

export function actionLabel(a: CaseAction): string {
  return ACTION_LABELS[a];
}
