/** Migration 7: 答复审核 — a unit's reply held for the office's review before it reaches the citizen. */
export default `
  -- set together when a unit replies to a case whose region requires review; cleared when the
  -- office approves (the reply becomes reply_text) or rejects it, or the case is closed.
  -- None of them feeds the stats sums (the triggers of migration 4 do not watch them).
  ALTER TABLE cases ADD COLUMN pending_reply_text TEXT;
  ALTER TABLE cases ADD COLUMN pending_reply_photo_ids TEXT;
  ALTER TABLE cases ADD COLUMN pending_reply_at TEXT;
  -- the office's 答复待审核 list (GET /api/cases?replyPending=true): few rows, so a partial index
  CREATE INDEX cases_reply_pending ON cases(region_id, submitted_at) WHERE pending_reply_at IS NOT NULL;
  `;
