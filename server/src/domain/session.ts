import type { Role, User } from '@minqing/shared';
import type { ReferenceRepo } from '../repos/reference.js';
import type { UserRow } from '../repos/users.js';

/** The signed-in user as the server sees it on every request. */
export interface SessionUser {
  id: string;
  role: Role;
  name: string;
  phone: string | null;
  regionId: string | null;
  unitId: string | null;
  deputyCode: string | null;
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
