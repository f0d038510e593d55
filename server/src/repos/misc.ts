import type { Db } from '../db/open.js';

/** A date that departs from the Monday–Friday week: a public holiday, or a weekend day made a workday (调休). */
export type DayKind = 'holiday' | 'workday';

export interface UploadRow {
  id: string;
  owner_user_id: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  original_name: string | null;
  case_id: string | null;
  bytes: Buffer;
  created_at: string;
}

export function uploadsRepo(db: Db) {
  const insert = db.prepare(
    `INSERT INTO uploads (id, owner_user_id, mime, size, width, height, original_name, bytes, created_at)
     VALUES (@id, @owner_user_id, @mime, @size, @width, @height, @original_name, @bytes, @created_at)`,
  );
  const byId = db.prepare<[string], UploadRow>('SELECT * FROM uploads WHERE id = ?');
  const meta = db.prepare<[string], Omit<UploadRow, 'bytes'>>(
    'SELECT id, owner_user_id, mime, size, width, height, original_name, case_id, created_at FROM uploads WHERE id = ?',
  );
  const attach = db.prepare('UPDATE uploads SET case_id = ? WHERE id = ? AND case_id IS NULL');
  // not on a case, not in a visit record, not a deputy's current photo (its address ends in the id)
  const deleteUnused = db.prepare<[string]>(
    `DELETE FROM uploads
     WHERE case_id IS NULL AND created_at < ?
       AND id NOT IN (SELECT photo.value FROM visits, json_each(visits.photo_ids) AS photo)
       AND NOT EXISTS (SELECT 1 FROM deputies WHERE deputies.photo_url LIKE '%/photo/' || uploads.id)`,
  );
  return {
    insert: (row: Omit<UploadRow, 'case_id'>) => insert.run(row),
    attach: (id: string, caseId: string) => attach.run(caseId, id),
    get: (id: string) => byId.get(id),
    meta: (id: string) => meta.get(id),
    /** Deletes the uploads made before `beforeIso` that nothing uses; returns how many. */
    deleteUnused: (beforeIso: string) => deleteUnused.run(beforeIso).changes,
  };
}
export type UploadsRepo = ReturnType<typeof uploadsRepo>;

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

export interface HolidayRow {
  date: string;
  kind: DayKind;
  name: string;
}

/** The working-day calendar's exceptions: official holidays and make-up working days (节假日安排). */
export function holidaysRepo(db: Db) {
  const all = db.prepare<[], { date: string; kind: DayKind }>('SELECT date, kind FROM holidays');
  // dates are YYYY-MM-DD text: one year is a range of the primary key
  const ofYear = db.prepare<[string, string], HolidayRow>(
    'SELECT date, kind, name FROM holidays WHERE date >= ? AND date < ? ORDER BY date',
  );
  const deleteYear = db.prepare<[string, string]>('DELETE FROM holidays WHERE date >= ? AND date < ?');
  const insert = db.prepare<[string, DayKind, string]>('INSERT INTO holidays (date, kind, name) VALUES (?, ?, ?)');
  const range = (year: number): [string, string] => [`${year}-01-01`, `${year + 1}-01-01`];
  return {
    all: () => new Map(all.all().map((r) => [r.date, r.kind])),
    year: (year: number) => ofYear.all(...range(year)),
    /** Replaces the year's rows (the caller holds the transaction). */
    replaceYear(year: number, days: readonly HolidayRow[]) {
      deleteYear.run(...range(year));
      for (const d of days) insert.run(d.date, d.kind, d.name);
    },
  };
}

export function settingsRepo(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get: (key: string) => get.get(key)?.value,
    put: (key: string, value: string) => put.run(key, value),
  };
}
