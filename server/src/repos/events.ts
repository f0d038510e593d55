import type { CaseStatus, Role } from '@minqing/shared';
import type { Db } from '../db/open.js';
import { eventHash } from './event-hash.js';

export interface EventRow {
  id: number;
  case_id: string;
  seq: number;
  action: string;
  actor_user_id: string | null;
  actor_role: Role | null;
  actor_name: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  note: string | null;
  data: string;
  attachments: string;
  created_at: string;
  prev_hash: string | null;
  hash: string | null;
}

export type NewEvent = Omit<EventRow, 'id' | 'seq' | 'data' | 'attachments' | 'prev_hash' | 'hash'> & {
  data?: Record<string, unknown>;
  attachments?: string[];
};

/** Stores one chained event, named parameters as in ChainedEvent (also the bulk seed's insert). */
export const INSERT_EVENT = `INSERT INTO case_events (case_id, seq, action, actor_user_id, actor_role, actor_name, from_status, to_status, note, data, attachments, created_at, prev_hash, hash)
  VALUES (@case_id, @seq, @action, @actor_user_id, @actor_role, @actor_name, @from_status, @to_status, @note, @data, @attachments, @created_at, @prev_hash, @hash)`;

/** The append-only timeline: rows are only ever inserted (triggers refuse the rest), hashed under the audit key. */
export function eventsRepo(db: Db, auditKey: string) {
  const last = db.prepare<[string], { seq: number; hash: string | null }>(
    'SELECT seq, hash FROM case_events WHERE case_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(INSERT_EVENT);
  const forCase = db.prepare<[string], EventRow>('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq');
  return {
    /** Appends the next event of a case, chained to the previous one (call inside a transaction); returns the stored row. */
    append: (e: NewEvent): EventRow => {
      const previous = last.get(e.case_id);
      const row = Object.assign({}, e, {
        seq: (previous?.seq ?? 0) + 1,
        data: JSON.stringify(e.data ?? {}),
        attachments: JSON.stringify(e.attachments ?? []),
      });
      const prevHash = previous?.hash ?? null;
      const stored = Object.assign(row, { prev_hash: prevHash, hash: eventHash(auditKey, row, prevHash) });
      const { lastInsertRowid } = insert.run(stored);
      return Object.assign(stored, { id: Number(lastInsertRowid) });
    },
    forCase: (caseId: string) => forCase.all(caseId),
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
