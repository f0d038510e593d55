import type { Role } from '@minqing/shared';

/**
 * The signed-in user as the server sees it on every request. It lives at the root of server/src
 * because both the auth middleware (http/) and the domain speak of it.
 */
export interface SessionUser {
  id: string;
  role: Role;
  name: string;
  phone: string | null;
  regionId: string | null;
  unitId: string | null;
  deputyCode: string | null;
}

/**
 * A wall screen's read-only credential (大屏凭证) as the cockpit's routes see it: which one, and the
 * region whose figures it reads. It is never a user: no route that asks for a user accepts it.
 */
export interface ScreenViewer {
  credentialId: string;
  name: string;
  regionId: string;
}
