import type { CaseStatus, CaseType, CloseReason, Rating } from '@minqing/shared';
import { maskPersonalInfo } from '@minqing/shared';
import type { Db } from '../db/open.js';
import { listFilterSql, type CaseListFilter, type CaseScope } from './case-filter.js';
import { statementCache } from './statements.js';

export interface CaseRow {
  id: string;
  tracking_no: string;
  type: CaseType;
  title: string;
  body: string;
  status: CaseStatus;
  deputy_code: string;
  region_id: string;
  citizen_user_id: string | null;
  entered_by_user_id: string;
  contact_name: string | null;
  contact_phone: string | null;
  anonymous: number;
  location_lat: number | null;
  location_lng: number | null;
  location_address: string | null;
  photo_ids: string;
  category_id: string | null;
  unit_id: string | null;
  merged_into_case_id: string | null;
  reopen_count: number;
  return_count: number;
  urge_count: number;
  extension_pending_days: number | null;
  extension_approved_days: number | null;
  submitted_at: string;
  ack_due_at: string;
  sign_due_at: string | null;
  reply_due_at: string | null;
  rate_due_at: string | null;
  acknowledged_at: string | null;
  forwarded_at: string | null;
  assigned_at: string | null;
  first_assigned_at: string | null;
  signed_at: string | null;
  replied_at: string | null;
  replied_by_unit: number;
  reply_text: string | null;
  closed_at: string | null;
  close_reason: CloseReason | null;
  rating: Rating | null;
  solved: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  deputy_rating: Rating | null;
  deputy_rating_comment: string | null;
  ack_on_time: number | null;
  reply_on_time: number | null;
  reminded_flags: string;
  updated_at: string;
  /** 答复审核 (migration 7): a unit's reply waiting for the office, as text, JSON photo ids and when it came. */
  pending_reply_text: string | null;
  pending_reply_photo_ids: string | null;
  pending_reply_at: string | null;
  /** The hash of the case's newest event (kept by a trigger; checked by npm run audit:verify). */
  last_event_hash: string | null;
}

/** The columns a submission sets; the table fills in the rest (NEW_CASE_DEFAULTS). */
export const NEW_CASE_COLUMNS = [
  'id',
  'tracking_no',
  'type',
  'title',
  'body',
  'status',
  'deputy_code',
  'region_id',
  'citizen_user_id',
  'entered_by_user_id',
  'contact_name',
  'contact_phone',
  'anonymous',
  'location_lat',
  'location_lng',
  'location_address',
  'photo_ids',
  'category_id',
  'submitted_at',
  'ack_due_at',
  'updated_at',
] as const satisfies readonly (keyof CaseRow)[];
export type NewCaseRow = Pick<CaseRow, (typeof NEW_CASE_COLUMNS)[number]>;

/**
 * No rating on the case: a new one, and each new reply round (the ratings of the previous
 * reply stay in the timeline, not on the case).
 */
export const NO_RATINGS = Object.freeze({
  rating: null,
  solved: null,
  rating_comment: null,
  rated_at: null,
  deputy_rating: null,
  deputy_rating_comment: null,
} as const satisfies Partial<CaseRow>);

/**
 * What the table fills in for a new case: the insert answers the whole row from these and what
 * it was given, instead of reading back 58 columns (15-20 µs a submission). A test compares
 * the two after every migration, so a new column's default cannot drift from this.
 */
export const NEW_CASE_DEFAULTS: Readonly<Omit<CaseRow, keyof NewCaseRow>> = Object.freeze({
  unit_id: null,
  merged_into_case_id: null,
  reopen_count: 0,
  return_count: 0,
  urge_count: 0,
  extension_pending_days: null,
  extension_approved_days: null,
  sign_due_at: null,
  reply_due_at: null,
  rate_due_at: null,
  acknowledged_at: null,
  forwarded_at: null,
  assigned_at: null,
  first_assigned_at: null,
  signed_at: null,
  replied_at: null,
  replied_by_unit: 0,
  reply_text: null,
  closed_at: null,
  close_reason: null,
  ...NO_RATINGS,
  ack_on_time: null,
  reply_on_time: null,
  reminded_flags: '',
  pending_reply_text: null,
  pending_reply_photo_ids: null,
  pending_reply_at: null,
  last_event_hash: null,
});

/**
 * What a list shows of a case: no full body (an excerpt), no contact details. The submitter
 * and the contact's name are read to decide, and to mask, what of the citizen's words the
 * viewer gets (present.ts); they are not shown.
 */
const SUMMARY_COLUMNS = [
  'id',
  'tracking_no',
  'type',
  'title',
  'status',
  'deputy_code',
  'region_id',
  'category_id',
  'unit_id',
  'anonymous',
  'submitted_at',
  'ack_due_at',
  'sign_due_at',
  'reply_due_at',
  'rate_due_at',
  'close_reason',
  'rating',
  'urge_count',
  'citizen_user_id',
  'contact_name',
  'pending_reply_at',
  'extension_pending_days',
] as const satisfies readonly (keyof CaseRow)[];
export type CaseSummaryRow = Pick<
  CaseRow,
  Exclude<(typeof SUMMARY_COLUMNS)[number], 'pending_reply_at' | 'extension_pending_days'> | 'body'
> & {
  /** Absent where a caller selects its own columns (the cockpit's lists): no 答复待审核 or 延期 mark there. */
  pending_reply_at?: string | null;
  extension_pending_days?: number | null;
};
/**
 * The start of the body a list's excerpt (60 characters) is cut from: 20 more, so that a phone
 * or card number running across the cut is read, and masked, whole.
 */
export const EXCERPT_SOURCE_CHARS = 80;
export const EXCERPT_SOURCE_SQL = `substr(body, 1, ${EXCERPT_SOURCE_CHARS}) AS body`;
const SUMMARY_SELECT = `${SUMMARY_COLUMNS.join(', ')}, ${EXCERPT_SOURCE_SQL}`;

export type CasePatch = Partial<Omit<CaseRow, 'id' | 'tracking_no'>>;

export function casesRepo(db: Db) {
  const prepared = statementCache(db);
  // a citizen's words as those who may not know who wrote them read them (maskedText in
  // domain/present.ts), for a search over what such a viewer reads
  db.function('masked_text', { deterministic: true }, (text: unknown, contactName: unknown) =>
    typeof text === 'string' ? maskPersonalInfo(text, [typeof contactName === 'string' ? contactName : null]) : text,
  );
  const byId = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE id = ?');
  const byTrackingNo = db.prepare<[string], CaseRow>('SELECT * FROM cases WHERE tracking_no = ?');
  const nextCounter = db.prepare<[string], { last: number }>(
    `INSERT INTO tracking_counters (day, last) VALUES (?, 1)
     ON CONFLICT (day) DO UPDATE SET last = last + 1 RETURNING last`,
  );
  const insertStmt = db.prepare(
    `INSERT INTO cases (${NEW_CASE_COLUMNS.join(', ')}) VALUES (${NEW_CASE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );

  return {
    get: (id: string) => byId.get(id),
    /** A case named by its id or by its tracking number (a receipt's QR code carries the number). */
    find: (ref: string) => byId.get(ref) ?? byTrackingNo.get(ref),
    /** The next number of the day, e.g. 7 → PH20261128-0007 (call inside the insert's transaction). */
    nextTrackingNo: (cstDay: string) => {
      const n = nextCounter.get(cstDay)!.last;
      return `PH${cstDay.replaceAll('-', '')}-${String(n).padStart(4, '0')}`;
    },
    /** Inserts a new case and answers its whole row as stored (before any event updates it). */
    insert: (row: NewCaseRow): CaseRow => {
      insertStmt.run(row);
      return { ...NEW_CASE_DEFAULTS, ...row };
    },
    update: (id: string, patch: CasePatch) => {
      const keys = Object.keys(patch).sort();
      if (keys.length === 0) return;
      const sql = `UPDATE cases SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE id = @id`;
      prepared(sql).run({ ...patch, id });
    },
    /** One page of the cases in the scope that pass the filters, newest first, and how many there are. */
    list: (scope: CaseScope, q: CaseListFilter, limit: number, offset: number) => {
      const filter = listFilterSql(scope, q);
      const where = filter.where.length ? `WHERE ${filter.where.join(' AND ')}` : '';
      const rows = prepared(`SELECT ${SUMMARY_SELECT} FROM cases ${where} ORDER BY submitted_at DESC LIMIT ? OFFSET ?`).all(
        ...filter.params,
        limit,
        offset,
      ) as CaseSummaryRow[];
      const total = (prepared(`SELECT count(*) AS n FROM cases ${where}`).get(...filter.params) as { n: number }).n;
      return { rows, total };
    },
    /** Open cases whose current deadline has passed or nears (for the scheduler). */
    openCases: () => prepared("SELECT * FROM cases WHERE status <> 'closed'").all() as CaseRow[],
  };
}
export type CasesRepo = ReturnType<typeof casesRepo>;
