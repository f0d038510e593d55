import { SWAP_IN_ADMIN_EVENTS } from '../admin-events-swap.js';

/** Migration 12: 代表名册 — the office adds and corrects deputies and marks those who have left office; logged in admin_events. */
export default `
  -- 0: left office (届满/调离/辞职): out of GET /api/deputies and the staff pickers, new submissions refused; the profile still answers
  ALTER TABLE deputies ADD COLUMN in_office INTEGER NOT NULL DEFAULT 1 CHECK (in_office IN (0, 1));
  -- the log's CHECK learns the deputy actions: SQLite cannot alter a CHECK, so the table is rebuilt (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update')),
    -- the account's id, the setting's key, or the deputy's code
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
${SWAP_IN_ADMIN_EVENTS}
  `;
