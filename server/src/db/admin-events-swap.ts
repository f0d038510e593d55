/**
 * The end of every rebuild of admin_events (migrations 12, 13, 14, 16, 17 and 21 widened its CHECK this way until
 * migration 21 made the actions a table): copy the rows into admin_events_new, swap the tables and put
 * back the append-only triggers. Shared text, so the shipped migrations' SQL stays byte for byte what it was.
 */
export const SWAP_IN_ADMIN_EVENTS = `  INSERT INTO admin_events_new (id, actor_user_id, action, target, changes, created_at)
    SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events;
  DROP TABLE admin_events;
  ALTER TABLE admin_events_new RENAME TO admin_events;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;`;
