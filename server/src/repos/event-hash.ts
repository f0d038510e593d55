import { createHmac } from 'node:crypto';

/** The fields of an event that its hash covers, in a fixed order. */
export interface HashedEventFields {
  case_id: string;
  seq: number;
  action: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_name: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  data: string;
  attachments: string;
  created_at: string;
}
export type ChainedEvent = HashedEventFields & { prev_hash: string | null; hash: string | null };

/** Marks a hash made with the audit key; a bare hex hash is the unkeyed SHA-256 of events written before the key. */
export const KEYED = 'hmac:';

export const canonical = (e: HashedEventFields, prevHash: string | null) =>
  JSON.stringify([
    e.case_id,
    e.seq,
    e.action,
    e.actor_user_id,
    e.actor_role,
    e.actor_name,
    e.from_status,
    e.to_status,
    e.note,
    e.data,
    e.attachments,
    e.created_at,
    prevHash,
  ]);

/**
 * Each event's hash covers its fields and the hash of the case's previous event, so changing,
 * removing or reordering any event breaks the chain from that point on; it is an HMAC under the
 * audit key (AUDIT_SECRET, kept outside the database), so whoever can write the database file
 * but has not the key cannot make an edited chain whole again.
 */
export function eventHash(key: string, e: HashedEventFields, prevHash: string | null): string {
  return KEYED + createHmac('sha256', key).update(canonical(e, prevHash)).digest('hex');
}
