import type { User } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { SessionUser } from '../session-user.js';
import type { ReferenceRepo } from '../repos/reference.js';
import type { UserRow } from '../repos/users.js';

export type { SessionUser };

/** The session of an enabled account; null if it does not exist or is disabled. */
export function activeSessionUser(deps: Pick<Deps, 'users'>, id: string): SessionUser | null {
  const row = deps.users.get(id);
  return row && !row.disabled ? sessionFromRow(row) : null;
}

export function sessionFromRow(row: UserRow): SessionUser {
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    phone: row.phone,
    regionId: row.region_id,
    unitId: row.unit_id,
    deputyCode: row.deputy_code,
  };
}

export function toUserDto(user: SessionUser, reference: ReferenceRepo): User {
  return {
    id: user.id,
    role: user.role,
    name: user.name,
    phone: user.phone,
    regionId: user.regionId,
    unitId: user.unitId,
    unitName: user.unitId ? (reference.unit(user.unitId)?.name ?? null) : null,
    deputyCode: user.deputyCode,
  };
}
