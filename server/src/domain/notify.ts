import { STATUS_LABELS } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { CaseRow } from '../repos/cases.js';
import { maskedText } from './present.js';

/** Who holds a case in its current status: the people a reminder or 督办 goes to. */
export function holderUserIds(deps: Deps, c: CaseRow): string[] {
  switch (c.status) {
    case 'submitted':
    case 'acknowledged':
      return deps.users.deputyUserIds(c.deputy_code);
    case 'triage':
      return officeUserIds(deps, c);
    case 'handling':
      // a reply under review (答复审核) waits on the office, not on the unit
      if (c.pending_reply_at) return officeUserIds(deps, c);
      return c.unit_id ? deps.users.unitUserIds(c.unit_id) : [];
    case 'assigned':
      return c.unit_id ? deps.users.unitUserIds(c.unit_id) : [];
    default:
      return [];
  }
}

export function officeUserIds(deps: Deps, c: CaseRow): string[] {
  return deps.users
    .officeUsers()
    .filter((u) => u.region_id !== null && deps.reference.isWithin(c.region_id, u.region_id))
    .map((u) => u.id);
}

/**
 * Queue a message in the outbox, inside the caller's transaction. Staff get a work notice
 * in the workplace app (ding), citizens a message in the super-app (zlb). Its text leaves for
 * another provider's servers and a phone's lock screen, so it is masked for everyone
 * (a title or note may hold a citizen's numbers); the case in the app has the whole text.
 */
export function notify(
  deps: Deps,
  c: CaseRow,
  recipients: string[],
  kind: string,
  text: string,
  eventKey: string,
): void {
  const now = deps.clock.now().toISOString();
  for (const userId of new Set(recipients)) {
    const role = deps.users.roleOf(userId);
    if (!role) continue;
    deps.notifications.enqueue(
      {
        channel: role === 'citizen' ? 'zlb' : 'ding',
        recipient_user_id: userId,
        case_id: c.id,
        kind,
        title: `民情件 ${c.tracking_no}：${STATUS_LABELS[c.status]}`,
        body: maskedText(text, c),
        dedupe_key: `${c.id}:${eventKey}:${userId}`,
      },
      now,
    );
  }
}
