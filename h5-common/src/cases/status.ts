import { CLOSE_REASON_LABELS, STATUS_LABELS, type CaseStatus, type CaseSummary } from '@minqing/shared';

/** Who reads a status tag: a citizen follows their own message; staff see what waits for them. */
export type Audience = 'citizen' | 'staff';

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/**
 * The tag's colour. Citizens: waiting (amber), in hand (blue), waiting for them (green), done (grey).
 * Staff: unread is red because someone must act now, the office's steps amber, the unit's work blue.
 */
export function statusTagType(status: CaseStatus, audience: Audience): TagType {
  if (status === 'closed') return 'default';
  if (status === 'replied') return 'success';
  if (status === 'submitted') return audience === 'staff' ? 'danger' : 'warning';
  if (audience === 'staff' && status !== 'handling') return 'warning';
  return 'primary';
}

/** The status in words; a closed case says why it closed, in the reader's terms (a citizen 已撤回 what staff call 群众撤回). */
export function statusLabel(c: Pick<CaseSummary, 'status' | 'closeReason'>, audience: Audience): string {
  if (c.status !== 'closed' || !c.closeReason || c.closeReason === 'rated') return STATUS_LABELS[c.status];
  if (audience === 'staff') return CLOSE_REASON_LABELS[c.closeReason];
  if (c.closeReason === 'withdrawn') return '已撤回';
  return c.closeReason === 'rejected' || c.closeReason === 'merged' ? CLOSE_REASON_LABELS[c.closeReason] : STATUS_LABELS.closed;
}
