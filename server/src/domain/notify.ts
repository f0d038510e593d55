import { STATUS_LABELS, holderOf } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { CaseRow } from '../repos/cases.js';
import { maskedText } from './present.js';

/** The people who hold a case now (lifecycle.ts' holder): whom a reminder or 督办 goes to. */
export function holderUserIds(deps: Deps, c: CaseRow): string[] {
  switch (holderOf({ status: c.status, replyPending: c.pending_reply_at !== null })) {
    case 'deputy':
      return deps.users.deputyUserIds(c.deputy_code);
    case 'office':
      return officeUserIds(deps, c);
    case 'unit':
      return c.unit_id ? deps.users.unitUserIds(c.unit_id) : [];
    case 'citizen': // the rating window has its own end (auto_close), no reminder
    case 'nobody':
      return [];
  }
}

export function officeUserIds(deps: Deps, c: CaseRow): string[] {
  return deps.users
    .officeUsers()
    .filter((u) => u.region_id !== null && deps.reference.isWithin(c.region_id, u.region_id))
    .map((u) => u.id);
}

/** Notices of one kind about one case to one person within this window make one message. */
export const NOTICE_COALESCE_MS = 10 * 60_000;

/**
 * Queue a message in the outbox, inside the caller's transaction. Staff get a work notice
 * in the workplace app (ding), citizens a message in the super-app (zlb). Its text leaves for
 * another provider's servers and a phone's lock screen, so it is masked for everyone
 * (a title or note may hold a citizen's numbers); the case in the app has the whole text.
 *
 * Repeats are coalesced (60 supplements in a row must not be 60 work notices): a notice of the
 * same kind about the same case to the same person within NOTICE_COALESCE_MS is folded into the
 * earlier one while that is still queued (its text becomes the newest, with the count), and is
 * held until the window is over when the earlier one has already gone out, so that further
 * repeats fold into it. At most one message per kind, case and person per window is sent, and
 * none is lost; the in-app inbox shows the folded notice as unread at once.
 */
export function notify(deps: Deps, c: CaseRow, recipients: string[], kind: string, text: string, eventKey: string): void {
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const since = new Date(now.getTime() - NOTICE_COALESCE_MS).toISOString();
  const title = `民情件 ${c.tracking_no}：${STATUS_LABELS[c.status]}`;
  const body = maskedText(text, c);
  for (const userId of new Set(recipients)) {
    const role = deps.users.roleOf(userId);
    if (!role) continue;
    const dedupeKey = `${c.id}:${eventKey}:${userId}`;
    // the same event told twice (a retried reminder) is no repeat
    if (deps.notifications.known(dedupeKey)) continue;
    const earlier = deps.notifications.latestAbout(userId, c.id, kind, since);
    if (earlier?.status === 'pending' && deps.notifications.merge(earlier.id, title, `${body}（共${earlier.repeats + 1}次）`)) continue;
    const held =
      earlier?.status === 'sent' && earlier.sent_at ? new Date(Date.parse(earlier.sent_at) + NOTICE_COALESCE_MS).toISOString() : nowIso;
    deps.notifications.enqueue(
      {
        channel: role === 'citizen' ? 'zlb' : 'ding',
        recipient_user_id: userId,
        case_id: c.id,
        kind,
        title,
        body,
        dedupe_key: dedupeKey,
      },
      nowIso,
      held > nowIso ? held : nowIso,
    );
  }
}
