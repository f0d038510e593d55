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
  'reply',
  'forward',
  'approve_extension',
  'deny_extension',
  'evaluate',
  'reopen',
  'close',
  'request_extension',
  'return',
  'merge',
  'urge',
  'reject',
  'supplement',
  'note',
  'rate',
];

export function sortActions(actions: readonly CaseAction[]): CaseAction[] {
  return [...actions].sort((a, b) => ACTION_ORDER.indexOf(a) - ACTION_ORDER.indexOf(b));
}

export function actionLabel(a: CaseAction): string {
  return ACTION_LABELS[a];
}
