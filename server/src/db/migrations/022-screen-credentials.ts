/** Migration 22: 大屏凭证 — a wall screen reads the cockpit of one region with a credential of its own, never a person's login. */
export default `
  CREATE TABLE screen_credentials (
    id TEXT PRIMARY KEY,
    -- what the issuer called it (e.g. 三楼会议室大屏)
    name TEXT NOT NULL,
    -- the figures it may read: this region and below (a town, or the city)
    region_id TEXT NOT NULL REFERENCES regions(id),
    -- SHA-256 (hex) of the secret, which is shown once to the issuer and never stored.
    -- UNIQUE, and its index serves every request a screen makes: WHERE secret_hash = ?
    secret_hash TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    -- when a screen last read with it (written at most every few minutes)
    last_used_at TEXT,
    revoked_at TEXT,
    revoked_by TEXT REFERENCES users(id),
    CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
    CHECK (expires_at > created_at)
  ) STRICT;
  -- 大屏凭证's list, newest first, of the caller's region and below: WHERE region_id IN (…) ORDER BY created_at DESC
  CREATE INDEX screen_credentials_region ON screen_credentials (region_id, created_at);
  -- a credential is revoked, never deleted or re-aimed; only its last use and its revocation (once) are written
  CREATE TRIGGER screen_credentials_no_delete BEFORE DELETE ON screen_credentials
    BEGIN SELECT RAISE(ABORT, 'screen_credentials are revoked, not deleted'); END;
  CREATE TRIGGER screen_credentials_fixed BEFORE UPDATE OF id, name, region_id, secret_hash, created_by, created_at, expires_at
    ON screen_credentials BEGIN SELECT RAISE(ABORT, 'a screen credential is issued once and never changed'); END;
  CREATE TRIGGER screen_credentials_revoked_once BEFORE UPDATE OF revoked_at, revoked_by ON screen_credentials
    WHEN old.revoked_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a screen credential is revoked once'); END;
  INSERT INTO admin_event_actions (action, label, by_system) VALUES
    ('screen_credential_issue', '发放大屏凭证', 0),
    ('screen_credential_revoke', '撤销大屏凭证', 0);
  `;
