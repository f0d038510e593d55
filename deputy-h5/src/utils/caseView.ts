import { ACTION_LABELS, CLOSE_REASON_LABELS, STATUS_LABELS, type CaseAction, type CaseStatus, type CaseSummary } from '@minqing/shared';

export function statusLabel(c: Pick<CaseSummary, 'status' | 'closeReason'>): string {
  if (c.status === 'closed' && c.closeReason && c.closeReason !== 'rated') return CLOSE_REASON_LABELS[c.closeReason];
  return STATUS_LABELS[c.status];
}

export function statusTagType(status: CaseStatus): 'primary' | 'success' | 'warning' | 'danger' | 'default' {
  switch (status) {
    case 'submitted':
      return 'danger';
    case 'acknowledged':
    case 'triage':
    case 'assigned':
      return 'warning';
    case 'handling':
      return 'primary';
    case 'replied':
      return 'success';
    default:
      return 'default';
  }
}

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
