import type { Db } from '../db/open.js';

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
