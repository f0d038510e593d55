import type { CaseStatus, Role } from '@minqing/shared';
import type { Db } from '../db/open.js';

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
}

export type NewEvent = Omit<EventRow, 'id' | 'seq' | 'data' | 'attachments'> & {
  data?: Record<string, unknown>;
  attachments?: string[];
};

/** The append-only timeline: rows are only ever inserted (triggers refuse the rest). */
export function eventsRepo(db: Db) {
  const nextSeq = db.prepare<[string], { seq: number }>(
    'SELECT coalesce(max(seq), 0) + 1 AS seq FROM case_events WHERE case_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO case_events (case_id, seq, action, actor_user_id, actor_role, actor_name, from_status, to_status, note, data, attachments, created_at)
     VALUES (@case_id, @seq, @action, @actor_user_id, @actor_role, @actor_name, @from_status, @to_status, @note, @data, @attachments, @created_at)`,
  );
  const forCase = db.prepare<[string], EventRow>('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq');
  return {
    append: (e: NewEvent) => {
      const seq = nextSeq.get(e.case_id)!.seq;
      insert.run({
        ...e,
        seq,
        data: JSON.stringify(e.data ?? {}),
        attachments: JSON.stringify(e.attachments ?? []),
      });
      return seq;
    },
    forCase: (caseId: string) => forCase.all(caseId),
  };
}
export type EventsRepo = ReturnType<typeof eventsRepo>;
