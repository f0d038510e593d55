import { SWAP_IN_ADMIN_EVENTS } from '../admin-events-swap.js';

/** Migration 21: the actions admin_events knows become rows of a table, so a new one is an INSERT, not another rebuild. */
export default `
  -- one row per action 操作日志 records; a later migration adds an action with one INSERT here
  -- (migrations 12, 13, 14, 16 and 17 each rebuilt admin_events to widen a CHECK instead)
  CREATE TABLE admin_event_actions (
    action TEXT PRIMARY KEY,
    -- what 操作日志 calls it, as ADMIN_ACTION_LABELS in shared/src/admin-constants.ts
    label TEXT NOT NULL,
    -- 1: the system records it and no person is its actor (a sign-in lockout); 0: a person did it
    by_system INTEGER NOT NULL DEFAULT 0 CHECK (by_system IN (0, 1))
  ) STRICT;
  INSERT INTO admin_event_actions (action, label, by_system) VALUES
    ('user_create', '新建账号', 0),
    ('user_update', '修改账号', 0),
    ('settings_update', '修改系统设置', 0),
    ('deputy_create', '新增代表', 0),
    ('deputy_update', '修改代表', 0),
    ('unit_create', '新增单位', 0),
    ('unit_update', '修改单位', 0),
    ('category_update', '修改分类', 0),
    ('station_create', '新增联络站', 0),
    ('station_update', '修改联络站', 0),
    ('village_create', '新增村（社区）', 0),
    ('village_update', '修改村（社区）', 0),
    ('user_lockout', '登录锁定', 1);
  -- rebuilt one last time, as in migration 17 (rows and ids kept): the action now references the table above
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    -- NULL: the system (an action with by_system = 1)
    actor_user_id TEXT REFERENCES users(id),
    action TEXT NOT NULL REFERENCES admin_event_actions(action),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's, the station's or the village's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
${SWAP_IN_ADMIN_EVENTS}
  -- a person did it, except what the system records: migration 17's CHECK, read from the action's row (a CHECK
  -- cannot read another table; rows are never updated, so checking inserts is enough). An unknown action is
  -- left to the foreign key.
  CREATE TRIGGER admin_events_actor BEFORE INSERT ON admin_events
    WHEN EXISTS (SELECT 1 FROM admin_event_actions a WHERE a.action = new.action AND a.by_system <> (new.actor_user_id IS NULL))
    BEGIN SELECT RAISE(ABORT, 'admin_events: the actor must be NULL exactly when the system records the action'); END;
  `;
