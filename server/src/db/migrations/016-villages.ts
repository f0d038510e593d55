import { SWAP_IN_ADMIN_EVENTS } from '../admin-events-swap.js';

/** Migration 16: 村（社区） — the office adds, renames, re-orders and stops villages and communities; logged in admin_events. */
export default `
  -- 0: stopped (停用: merged away or dissolved): out of GET /api/regions (the citizen's picker) and the station form
  ALTER TABLE regions ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  -- the log's CHECK learns the village actions: rebuilt as in migrations 12, 13 and 14 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update','station_create','station_update','village_create','village_update')),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's, the station's or the village's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
${SWAP_IN_ADMIN_EVENTS}
  `;
