/** Migration 20: events are hashed with the audit key (AUDIT_SECRET); those written before it are sealed under the key once. */
export default `
  -- a case's events 1..seq, hashed without a key, and the keyed chain recomputed over their fields when the key
  -- came (domain/audit.ts sealUnkeyedChains); an unkeyed event no seal covers is reported by npm run audit:verify
  CREATE TABLE audit_seals (
    case_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    mac TEXT NOT NULL,
    sealed_at TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
  CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
  `;
