import type { Db } from '../db/open.js';

export function idempotencyRepo(db: Db) {
  const find = db.prepare<[string, string], { case_id: string; body_hash: string | null }>(
    'SELECT case_id, body_hash FROM idempotency_keys WHERE user_id = ? AND key = ?',
  );
  const insert = db.prepare('INSERT INTO idempotency_keys (user_id, key, case_id, body_hash, created_at) VALUES (?, ?, ?, ?, ?)');
  return {
    /** The case a key named, and the hash of the body it came with (null: stored before bodies were hashed). */
    find: (userId: string, key: string) => find.get(userId, key),
    insert: (userId: string, key: string, caseId: string, bodyHash: string, now: string) => insert.run(userId, key, caseId, bodyHash, now),
  };
}
