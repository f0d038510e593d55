import { SWAP_IN_ADMIN_EVENTS } from '../admin-events-swap.js';

/** Migration 14: 联络站 — the office adds, corrects and stops liaison stations; logged in admin_events. */
export default `
  -- 0: stopped (停用, it closed): out of the public lists and pickers, check-in refused; its deputies' profiles and past check-ins stay
  ALTER TABLE stations ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  -- the log's CHECK learns the station actions: rebuilt as in migrations 12 and 13 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update','station_create','station_update')),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's or the station's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
${SWAP_IN_ADMIN_EVENTS}
  -- a region's stations: 联络站's same-name check (in the writing transaction)
  CREATE INDEX stations_region ON stations(region_id);
  `;
