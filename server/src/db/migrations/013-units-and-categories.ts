import { SWAP_IN_ADMIN_EVENTS } from '../admin-events-swap.js';

/** Migration 13: 承办单位与分类 — the office adds, renames and stops units and changes a category's default unit; logged in admin_events. */
export default `
  -- 0: stopped (停用): not offered or accepted for new assignments, nor suggested; its cases and figures stay its own
  ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  -- the log's CHECK learns the unit and category actions: rebuilt as in migration 12 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update')),
    -- the account's id, the setting's key, the deputy's code, the unit's or the category's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
${SWAP_IN_ADMIN_EVENTS}
  `;
