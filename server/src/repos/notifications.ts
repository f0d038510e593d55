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
}

export type NewNotification = Pick<
  NotificationRow,
  'channel' | 'recipient_user_id' | 'case_id' | 'kind' | 'title' | 'body' | 'dedupe_key'
>;

/** The outbox: written in the same transaction as the change it tells about, delivered later. */
export function notificationsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO notifications (channel, recipient_user_id, case_id, kind, title, body, dedupe_key, next_attempt_at, created_at)
     VALUES (@channel, @recipient_user_id, @case_id, @kind, @title, @body, @dedupe_key, @now, @now)
     ON CONFLICT (dedupe_key) DO NOTHING`,
  );
  const due = db.prepare<[string, number], NotificationRow>(
    "SELECT * FROM notifications WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
  );
  const markSent = db.prepare("UPDATE notifications SET status = 'sent', sent_at = ?, attempts = attempts + 1 WHERE id = ?");
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
    enqueue: (n: NewNotification, now: string) => insert.run({ ...n, now }),
    due: (now: string, limit = 50) => due.all(now, limit),
    markSent: (id: number, now: string) => markSent.run(now, id),
    markRetry: (id: number, nextAt: string, error: string, giveUp: boolean) =>
      markRetry.run(nextAt, error, giveUp ? 'failed' : 'pending', id),
    forUser: (userId: string, limit = 50) => forUser.all(userId, limit),
    unreadCount: (userId: string) => unread.get(userId)!.n,
    markAllRead: (userId: string, now: string) => markRead.run(now, userId),
  };
}
export type NotificationsRepo = ReturnType<typeof notificationsRepo>;
