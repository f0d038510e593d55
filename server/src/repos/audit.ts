import type { Db } from '../db/open.js';
import { KEYED, type ChainedEvent } from './event-hash.js';

/** A case's seal: events 1..seq written before the audit key, and the keyed chain over their fields. */
export interface SealRow {
  case_id: string;
  seq: number;
  mac: string;
}

/**
 * What the audit reads and writes: every case's event chain in order, the head each case row
 * records, and the seals of chains written before the key. Built on demand (`npm run
 * audit:verify` opens a database read-only, perhaps one without the table of seals yet).
 */
export type AuditRepo = ReturnType<typeof auditRepo>;

export function auditRepo(db: Db) {
  const events = db.prepare('SELECT * FROM case_events ORDER BY case_id, seq');
  const heads = db.prepare<[], { id: string; last_event_hash: string | null }>('SELECT id, last_event_hash FROM cases');
  const anyEvent = db.prepare('SELECT 1 FROM case_events LIMIT 1');
  const anyKeyed = db.prepare(`SELECT 1 FROM case_events WHERE hash LIKE '${KEYED}%' LIMIT 1`);
  const sealTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_seals'");
  return {
    /** Every event, ordered by case and seq (read one at a time: a database may hold millions). */
    events: () => events.iterate() as IterableIterator<ChainedEvent>,
    /** Case id → the hash the case row says its newest event has. */
    heads: () => new Map(heads.all().map((c) => [c.id, c.last_event_hash])),
    /** The seals (none when no server with the key has opened the database yet: no table). */
    seals: (): SealRow[] => (sealTable.get() ? (db.prepare('SELECT case_id, seq, mac FROM audit_seals').all() as SealRow[]) : []),
    hasEvents: () => anyEvent.get() !== undefined,
    hasKeyedEvent: () => anyKeyed.get() !== undefined,
    hasSeal: () => db.prepare('SELECT 1 FROM audit_seals LIMIT 1').get() !== undefined,
    insertSeals(seals: readonly { caseId: string; seq: number; mac: string }[], nowIso: string) {
      const insert = db.prepare('INSERT INTO audit_seals (case_id, seq, mac, sealed_at) VALUES (?, ?, ?, ?)');
      for (const seal of seals) insert.run(seal.caseId, seal.seq, seal.mac, nowIso);
    },
    /** `fn` in one IMMEDIATE transaction: one writer decides and seals. */
    immediate: <T>(fn: () => T): T => db.transaction(fn).immediate(),
  };
}
