import { SWAP_IN_ADMIN_EVENTS } from '../admin-events-swap.js';

/** Migration 17: sign-in lockouts in admin_events — an account locked after too many wrong passwords, logged by the system (no actor). */
export default `
  -- the log's CHECK learns user_lockout and the actor may be the system (NULL): rebuilt as in migrations 12, 13, 14 and 16 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update','station_create','station_update','village_create','village_update','user_lockout')),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's, the station's or the village's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL,
    -- a person did it, except a lockout, which the system records
    CHECK ((actor_user_id IS NULL) = (action = 'user_lockout'))
  ) STRICT;
${SWAP_IN_ADMIN_EVENTS}
  `;
