/** Migration 11: 账号管理 and what admins change, kept like the case timeline: append-only. */
export default `
  CREATE TABLE admin_events (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update')),
    -- the account's id, or the setting's key
    target TEXT NOT NULL,
    -- what changed, field by field; a password only as "changed"
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  -- GET /api/admin/users?role=…: one role's accounts, newest first
  CREATE INDEX users_role_created ON users(role, created_at);
  -- GET /api/admin/users (全部): every account, newest first
  CREATE INDEX users_created ON users(created_at);
  `;
