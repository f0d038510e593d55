import type { Role, STAFF_ROLES } from './enums.js';

/*
 * 账号管理's plain constants, apart from the zod schemas in admin.ts so that the staff app's
 * admin pages can use them without pulling zod into their chunks.
 */

/** Which roles sign in with a password as well (PRODUCT.md: office and admin). */
export const PASSWORD_ROLES = ['office', 'admin'] as const satisfies readonly Role[];

/** What each staff role is bound to: a deputy to their code, a unit account to its unit, office and leaders to a region. */
export const ROLE_SCOPE: Record<(typeof STAFF_ROLES)[number], 'deputy' | 'unit' | 'region' | null> = {
  deputy: 'deputy',
  unit: 'unit',
  office: 'region',
  leader: 'region',
  admin: null,
};

export const ADMIN_ACTIONS = ['user_create', 'user_update', 'settings_update'] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];
export const ADMIN_ACTION_LABELS: Record<AdminAction, string> = {
  user_create: '新建账号',
  user_update: '修改账号',
  settings_update: '修改系统设置',
};

