import type { Db } from '../db/open.js';
import { statementCache } from './statements.js';

export interface ScreenCredentialRow {
  id: string;
  name: string;
  region_id: string;
  secret_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}
/** A row as 大屏凭证's list shows it: with the issuer's name. */
export type ListedScreenCredentialRow = ScreenCredentialRow & { created_by_name: string };

/** 大屏凭证: wall screens' read-only credentials, found by the hash of their secret (migration 22). */
export function screenCredentialsRepo(db: Db) {
  const sql = statementCache(db);
  const insert = db.prepare(
    `INSERT INTO screen_credentials (id, name, region_id, secret_hash, created_by, created_at, expires_at)
     VALUES (@id, @name, @region_id, @secret_hash, @created_by, @created_at, @expires_at)`,
  );
  const byHash = db.prepare<[string], ScreenCredentialRow>('SELECT * FROM screen_credentials WHERE secret_hash = ?');
  const withIssuer = `SELECT s.*, coalesce(u.name, '') AS created_by_name FROM screen_credentials s LEFT JOIN users u ON u.id = s.created_by`;
  const byId = db.prepare<[string], ListedScreenCredentialRow>(`${withIssuer} WHERE s.id = ?`);
  const all = db.prepare<[], ListedScreenCredentialRow>(`${withIssuer} ORDER BY s.created_at DESC, s.id DESC`);
  const revoke = db.prepare('UPDATE screen_credentials SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
  const used = db.prepare('UPDATE screen_credentials SET last_used_at = ? WHERE id = ?');
  return {
    insert: (row: Omit<ScreenCredentialRow, 'last_used_at' | 'revoked_at' | 'revoked_by'>) => void insert.run(row),
    byHash: (hash: string) => byHash.get(hash),
    get: (id: string) => byId.get(id),
    /** Within `regions` (null: every region), newest first. */
    list(regions: readonly string[] | null): ListedScreenCredentialRow[] {
      if (regions === null) return all.all();
      if (!regions.length) return [];
      return sql(`${withIssuer} WHERE s.region_id IN (${regions.map(() => '?').join(',')}) ORDER BY s.created_at DESC, s.id DESC`).all(
        ...regions,
      ) as ListedScreenCredentialRow[];
    },
    /** True when this call revoked it (a second revocation changes nothing). */
    revoke: (id: string, by: string, at: string) => revoke.run(at, by, id).changes === 1,
    markUsed: (id: string, at: string) => void used.run(at, id),
  };
}
export type ScreenCredentialsRepo = ReturnType<typeof screenCredentialsRepo>;
