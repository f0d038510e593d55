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

/** What 操作日志 records; a new one also needs a migration inserting it into admin_event_actions (the database refuses others). */
export const ADMIN_ACTIONS = [
  'user_create',
  'user_update',
  'settings_update',
  'deputy_create',
  'deputy_update',
  'unit_create',
  'unit_update',
  'category_update',
  'station_create',
  'station_update',
  'village_create',
  'village_update',
  'user_lockout',
  'screen_credential_issue',
  'screen_credential_revoke',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];
export const ADMIN_ACTION_LABELS: Record<AdminAction, string> = {
  user_create: '新建账号',
  user_update: '修改账号',
  settings_update: '修改系统设置',
  deputy_create: '新增代表',
  deputy_update: '修改代表',
  unit_create: '新增单位',
  unit_update: '修改单位',
  category_update: '修改分类',
  station_create: '新增联络站',
  station_update: '修改联络站',
  village_create: '新增村（社区）',
  village_update: '修改村（社区）',
  user_lockout: '登录锁定',
  screen_credential_issue: '发放大屏凭证',
  screen_credential_revoke: '撤销大屏凭证',
};

/** 代表名册: a deputy's code (printed in their QR code), e.g. D035; the server assigns the next free D### when none is given. */
export const DEPUTY_CODE_PATTERN = /^[A-Z][A-Z0-9]{2,15}$/;
/** The lengths the contract holds a deputy's details to (the staff app's form uses the same). */
export const DEPUTY_LIMITS = { name: 32, constituency: 64, bio: 500 } as const;
/** What citizens are told when a deputy no longer serves (QR landing page, a submission refused). */
export const DEPUTY_NOT_IN_OFFICE_MESSAGE = '该代表已不再履职，请选择本镇街的其他代表';

/** 承办单位: a unit's id (kept in cases and accounts), e.g. zjj or u-001; the server assigns the next free u-### when none is given. */
export const UNIT_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
export const UNIT_NAME_MAX = 32;
export const UNIT_KINDS = ['department', 'town', 'organ'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = { department: '部门', town: '镇街', organ: '其他机关' };
/** What the office is told when it assigns to a unit that has stopped taking new cases (停用). */
export const UNIT_INACTIVE_MESSAGE = '该承办单位已停用，不再接收新交办，请选择其他单位';

/** 联络站: a station's id (printed in its check-in QR code), e.g. st-danghu or st-001; the server assigns the next free st-### when none is given. */
export const STATION_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
export const STATION_LIMITS = { name: 32, address: 100, receptionDays: 50 } as const;
/** What a deputy is told when they scan the QR code of a station that has closed (停用). */
export const STATION_INACTIVE_MESSAGE = '该联络站已停用，不能进站签到';
/** What the office is told when it places a deputy at a station that has closed. */
export const STATION_INACTIVE_PLACE_MESSAGE = '该联络站已停用，请选择其他联络站';

/** A deputy's generated portrait (their name on a colour): their photo until the office uploads one. */
export const deputyAvatarUrl = (code: string) => `/api/deputies/${encodeURIComponent(code)}/avatar.svg`;

/** 村（社区）: a village's or community's name, as on the town's own list (e.g. 东湖社区, 通界村). */
export const VILLAGE_NAME_MAX = 32;
/** 村（社区）'s 排序 within its town (the same range as a unit's). */
export const VILLAGE_SORT_RANGE = { min: 0, max: 9999 } as const;
