import type { Db } from '../db/open.js';

export interface NotificationRow {
  id: number;
  channel: 'ding' | 'zlb';
  recipient_user_id: string;
  case_id: string | null;
  kind: string;
  title: string;
  body: string;
  dedupe_key: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  read_at: string | null;
  created_at: string;
  /** Notices coalesced into this one (1: just itself). */
  repeats: number;
}

export type NewNotification = Pick<NotificationRow, 'channel' | 'recipient_user_id' | 'case_id' | 'kind' | 'title' | 'body' | 'dedupe_key'>;

/** The outbox: written in the same transaction as the change it tells about, delivered later. */
export function notificationsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO notifications (channel, recipient_user_id, case_id, kind, title, body, dedupe_key, next_attempt_at, created_at)
     VALUES (@channel, @recipient_user_id, @case_id, @kind, @title, @body, @dedupe_key, @notBefore, @now)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const known = db.prepare<[string], 1>('SELECT 1 FROM notifications WHERE dedupe_key = ?').pluck();
  // (recipient_user_id, created_at) is notifications_recipient's prefix: a few rows at most
  const latestAbout = db.prepare<[string, string, string, string], Pick<NotificationRow, 'id' | 'status' | 'sent_at' | 'repeats'>>(
    `SELECT id, status, sent_at, repeats FROM notifications
     WHERE recipient_user_id = ? AND created_at >= ? AND case_id = ? AND kind = ? ORDER BY id DESC LIMIT 1`,
  );
  const merge = db.prepare(
    "UPDATE notifications SET title = ?, body = ?, repeats = repeats + 1, read_at = NULL WHERE id = ? AND status = 'pending'",
  );
  const due = db.prepare<[string, number], NotificationRow>(
    "SELECT * FROM notifications WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
  );
  // only the text that was sent: a notice merged into while it was on its way stays queued (its key differs)
  const markSent = db.prepare(
    "UPDATE notifications SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ? AND repeats = ?",
  );
  const markRetry = db.prepare(
    'UPDATE notifications SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, status = ? WHERE id = ?',
  );
  const forUser = db.prepare<[string, number], NotificationRow>(
    'SELECT * FROM notifications WHERE recipient_user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?',
  );
  const unread = db.prepare<[string], { n: number }>(
    'SELECT count(*) AS n FROM notifications WHERE recipient_user_id = ? AND read_at IS NULL',
  );
  const markRead = db.prepare('UPDATE notifications SET read_at = ? WHERE recipient_user_id = ? AND read_at IS NULL');
  return {
    /** Queued now, or held until `notBefore`; nothing if a notice with its dedupe key exists. */
    enqueue: (n: NewNotification, now: string, notBefore = now) => insert.run({ ...n, now, notBefore }),
    known: (dedupeKey: string) => known.get(dedupeKey) !== undefined,
    /** The newest notice of this kind about this case to this user since `since`. */
    latestAbout: (userId: string, caseId: string, kind: string, since: string) => latestAbout.get(userId, since, caseId, kind),
    /** Folds one more notice into a queued one (its text becomes the newest); false if it went out meanwhile. */
    merge: (id: number, title: string, body: string) => merge.run(title, body, id).changes === 1,
    due: (now: string, limit = 50) => due.all(now, limit),
    markSent: (id: number, now: string, repeats: number) => markSent.run(now, id, repeats),
    markRetry: (id: number, nextAt: string, error: string, giveUp: boolean) =>
      markRetry.run(nextAt, error, giveUp ? 'failed' : 'pending', id),
    forUser: (userId: string, limit = 50) => forUser.all(userId, limit),
    unreadCount: (userId: string) => unread.get(userId)!.n,
    markAllRead: (userId: string, now: string) => markRead.run(now, userId),
  };
}
export type NotificationsRepo = ReturnType<typeof notificationsRepo>;
