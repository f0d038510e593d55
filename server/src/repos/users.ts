import type { Role } from '@minqing/shared';
import type { Db } from '../db/open.js';

export interface UserRow {
  id: string;
  role: Role;
  name: string;
  phone: string | null;
  idp_kind: 'zlb' | 'ding' | null;
  idp_user_id: string | null;
  username: string | null;
  password_hash: string | null;
  region_id: string | null;
  unit_id: string | null;
  deputy_code: string | null;
  disabled: number;
  created_at: string;
}

export function usersRepo(db: Db) {
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const roleById = db.prepare<[string], UserRow['role']>('SELECT role FROM users WHERE id = ?').pluck();
  const byIdp = db.prepare<[string, string], UserRow>('SELECT * FROM users WHERE idp_kind = ? AND idp_user_id = ?');
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  // ids only: these name who is notified, on every submission and step (a whole users row costs several times more)
  const byDeputy = db.prepare<[string], string>('SELECT id FROM users WHERE deputy_code = ? AND disabled = 0').pluck();
  const byUnit = db.prepare<[string], string>("SELECT id FROM users WHERE unit_id = ? AND role = 'unit' AND disabled = 0").pluck();
  const officeOf = db.prepare<[], UserRow>("SELECT * FROM users WHERE role = 'office' AND disabled = 0");
  const insertStmt = db.prepare(
    `INSERT INTO users (id, role, name, phone, idp_kind, idp_user_id, username, password_hash, region_id, unit_id, deputy_code, created_at)
     VALUES (@id, @role, @name, @phone, @idp_kind, @idp_user_id, @username, @password_hash, @region_id, @unit_id, @deputy_code, @created_at)
     ON CONFLICT (id) DO NOTHING`,
  );
  const updateContact = db.prepare('UPDATE users SET name = ?, phone = ? WHERE id = ?');
  return {
    get: (id: string) => byId.get(id),
    /** Only the role (which channel a notice goes by): a third of the cost of the whole row. */
    roleOf: (id: string) => roleById.get(id),
    byIdp: (kind: 'zlb' | 'ding', idpUserId: string) => byIdp.get(kind, idpUserId),
    byUsername: (username: string) => byUsername.get(username),
    /** The enabled accounts of a deputy. */
    deputyUserIds: (code: string) => byDeputy.all(code),
    /** The enabled accounts of a unit. */
    unitUserIds: (unitId: string) => byUnit.all(unitId),
    officeUsers: () => officeOf.all(),
    insert: (row: Omit<UserRow, 'disabled'>) => insertStmt.run(row),
    updateContact: (id: string, name: string, phone: string | null) => updateContact.run(name, phone, id),
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
