/** Migration 15: photos uploaded and never used are deleted after UNUSED_UPLOAD_DAYS (domain/scheduler.ts). */
export default `
  -- uploads.deleteUnused: DELETE … WHERE case_id IS NULL AND created_at < ? (the few not on a case, oldest first)
  CREATE INDEX uploads_unattached ON uploads(created_at) WHERE case_id IS NULL;
  `;
