import { z } from 'zod';
import { DEPUTY_LEVELS, ROLES, STAFF_ROLES } from './enums.js';
import { ADMIN_ACTIONS, PASSWORD_ROLES, ROLE_SCOPE, UNIT_KINDS, VILLAGE_SORT_RANGE } from './admin-constants.js';
import { categorySchema, isoDateTime, pageFields, stationSchema, unitSchema, userSchema } from './schemas.js';
import { oneLine } from './one-line.js';
import {
  deputyRules,
  dingUserIdRule,
  nameRule,
  passwordRule,
  phoneRule,
  stationRules,
  unitRules,
  usernameRule,
  villageRules,
  type Check,
} from './field-rules.js';

/**
 * 账号管理 (admin only): the accounts of every role, staff accounts created and changed by an
 * admin, and the append-only log of what admins changed (账号 and 系统设置).
 */

/**
 * A text field's schema from its rule in field-rules.ts (the staff app's form runs the same rule):
 * trimmed unless `raw`, one line when `line`, and the rule's message as the error.
 */
const ruled = (label: string, check: Check, how: { line?: boolean; raw?: boolean } = {}) => {
  const text = z.string({ error: `${label}必须是文字` });
  const shaped = how.raw ? text : (how.line ? oneLine(text) : text).trim();
  return shaped.superRefine((v, ctx) => {
    const result = check(v);
    if (result !== true) ctx.addIssue({ code: 'custom', message: result });
  });
};
const strictError = {
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不支持的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

const ref = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { error: '编号格式不正确' });
const name = ruled('姓名', nameRule, { line: true });
const phone = ruled('手机号', phoneRule);
/** The workplace app's (浙政钉) user id the account signs in with. */
const dingUserId = ruled('浙政钉账号', dingUserIdRule);
const username = ruled('用户名', usernameRule);
/** At least 8 characters with a letter and a digit (password login is for office and admin, on desktops). */
export const passwordSchema = ruled('密码', passwordRule, { raw: true });

/** One page of a paged admin list (账号, 操作日志). */
const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/**
 * An account as 账号管理 shows it: the user as they see themselves (`phone`: staff numbers in
 * full, citizens' masked as 138****1234), and what only an admin sees.
 */
export const adminUserSchema = userSchema.extend({
  dingUserId: z.string().nullable(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  regionName: z.string().nullable(),
  deputyName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: isoDateTime(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const adminUserListSchema = pageOf(adminUserSchema);
export type AdminUserList = z.infer<typeof adminUserListSchema>;

export const adminUserQuerySchema = z.object({
  role: z.enum(ROLES, { error: '角色不正确' }).optional(),
  /** Part of a name, username, 浙政钉账号 or phone number. */
  q: z.string().trim().max(64, { error: '搜索词最多64个字' }).optional(),
  disabled: z.enum(['true', 'false'], { error: 'disabled 只能是 true 或 false' }).optional(),
  ...pageFields,
});
export type AdminUserQuery = z.input<typeof adminUserQuerySchema>;

export const createStaffUserSchema = z
  .strictObject(
    {
      role: z.enum(STAFF_ROLES, { error: '请选择角色（代表、人大工作人员、承办人、领导或管理员）' }),
      name,
      phone: phone.optional(),
      dingUserId: dingUserId.optional(),
      username: username.optional(),
      password: passwordSchema.optional(),
      regionId: ref.optional(),
      unitId: ref.optional(),
      deputyCode: ref.optional(),
    },
    strictError,
  )
  .superRefine((u, ctx) => {
    const scope = ROLE_SCOPE[u.role];
    if (scope === 'deputy' && !u.deputyCode) ctx.addIssue({ code: 'custom', message: '请选择对应的代表', path: ['deputyCode'] });
    if (scope === 'unit' && !u.unitId) ctx.addIssue({ code: 'custom', message: '请选择承办单位', path: ['unitId'] });
    if (scope === 'region' && !u.regionId) ctx.addIssue({ code: 'custom', message: '请选择所属地区', path: ['regionId'] });
    const passwordRole = (PASSWORD_ROLES as readonly string[]).includes(u.role);
    if ((u.username || u.password) && !passwordRole) {
      ctx.addIssue({ code: 'custom', message: '只有人大工作人员和管理员可以用密码登录', path: [u.username ? 'username' : 'password'] });
    }
    if (u.username && !u.password) ctx.addIssue({ code: 'custom', message: '请设置初始密码', path: ['password'] });
    if (u.password && !u.username) ctx.addIssue({ code: 'custom', message: '请填写用户名', path: ['username'] });
    if (!u.dingUserId && !u.username) {
      ctx.addIssue({
        code: 'custom',
        message: passwordRole ? '请填写浙政钉账号或用户名（至少一种登录方式）' : '请填写浙政钉账号',
        path: ['dingUserId'],
      });
    }
  });
export type CreateStaffUserInput = z.input<typeof createStaffUserSchema>;

/** Changes to an account; the role stays what it was created as (make a new account instead). */
export const updateUserSchema = z.strictObject(
  {
    name: name.optional(),
    phone: phone.nullable().optional(),
    dingUserId: dingUserId.nullable().optional(),
    regionId: ref.optional(),
    unitId: ref.optional(),
    deputyCode: ref.optional(),
    /** A new password (office and admin accounts with a username). */
    password: passwordSchema.optional(),
    disabled: z.boolean({ error: 'disabled 必须是 true 或 false' }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys.join('、')}` : undefined) },
);
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const adminEventSchema = z.object({
  id: z.number().int(),
  action: z.enum(ADMIN_ACTIONS),
  actorName: z.string(),
  /** The account's id, or the setting's key. */
  target: z.string(),
  targetName: z.string().nullable(),
  /** What changed, field by field (a password is recorded as changed, never stored). */
  changes: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime(),
});
export type AdminEvent = z.infer<typeof adminEventSchema>;
export const adminEventListSchema = pageOf(adminEventSchema);
export type AdminEventList = z.infer<typeof adminEventListSchema>;
export const adminEventQuerySchema = z.object({
  ...pageFields,
});

/*
 * 代表名册 (office of the whole city, a town's office for its town, admin): deputies are added,
 * corrected and marked as no longer in office (届满/调离/辞职); every change is in the 操作日志.
 */

const deputyCode = ruled('代表编号', deputyRules.code);
const deputyFields = {
  name,
  level: z.enum(DEPUTY_LEVELS, { error: '请选择代表层级（省、嘉兴市、平湖市或镇人大代表）' }),
  regionId: z
    .string({ error: '请选择所属地区' })
    .min(1, { error: '请选择所属地区' })
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: '所属地区不存在' }),
  /** The liaison station: of the deputy's region (or of a town below a city region); null for none. */
  stationId: z
    .string({ error: '联络站必须是文字' })
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, { error: '联络站不存在' })
    .nullable(),
  constituency: ruled('选区', deputyRules.constituency, { line: true }),
  bio: ruled('简介', deputyRules.bio),
  /** Order in lists (smaller first); a new deputy goes last. */
  sort: z
    .number({ error: '排序必须是数字' })
    .int({ error: '排序必须是整数' })
    .min(0, { error: '排序不能小于0' })
    .max(1_000_000, { error: '排序过大' }),
};

/** A deputy's photo: an image the caller uploaded (POST /api/uploads). */
const photoId = z.string({ error: '照片不存在，请重新上传' }).regex(/^[0-9a-f]{32}$/, { error: '照片不存在，请重新上传' });

export const createDeputySchema = z.strictObject(
  {
    /** Omitted: the server assigns the next free D### code. */
    code: deputyCode.optional(),
    ...deputyFields,
    stationId: deputyFields.stationId.optional(),
    bio: deputyFields.bio.optional(),
    sort: deputyFields.sort.optional(),
    /** Omitted: the generated portrait. */
    photoId: photoId.optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys.join('、')}` : undefined) },
);
export type CreateDeputyInput = z.input<typeof createDeputySchema>;

/** Changes to a deputy; the code stays (it is printed in their QR code). */
export const updateDeputySchema = z.strictObject(
  {
    name: name.optional(),
    level: deputyFields.level.optional(),
    regionId: deputyFields.regionId.optional(),
    stationId: deputyFields.stationId.optional(),
    constituency: deputyFields.constituency.optional(),
    bio: deputyFields.bio.optional(),
    sort: deputyFields.sort.optional(),
    /** false: left office (届满/调离/辞职); true: back in office. */
    inOffice: z.boolean({ error: 'inOffice 必须是 true 或 false' }).optional(),
    /** The deputy's new photo; null puts the generated portrait back. */
    photoId: photoId.nullable().optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys.join('、')}` : undefined) },
);
export type UpdateDeputyInput = z.input<typeof updateDeputySchema>;

/** 代表名册's list: in-office and not, of the caller's region. */
export const adminDeputyQuerySchema = z.object({
  /** Part of a name, code, constituency or station. */
  q: z.string().trim().max(50, { error: '搜索词最多50个字' }).optional(),
  regionId: z.string().max(64).optional(),
  inOffice: z.enum(['true', 'false'], { error: 'inOffice 只能是 true 或 false' }).optional(),
});
export type AdminDeputyQuery = z.input<typeof adminDeputyQuerySchema>;
/** The response of the 代表名册 routes: the public profile (deputySchema), in office or not. */
export { deputySchema as adminDeputySchema, deputyListSchema as adminDeputyListSchema } from './schemas.js';

/*
 * 承办单位与分类 (office of the city, admin): units are added (a department after an institutional
 * reform), renamed and stopped (停用: no new assignments, its cases stay its own); each category's
 * default unit is changed. Every change is in the 操作日志.
 */

const unitName = ruled('单位名称', unitRules.name, { line: true });
const unitSort = z
  .number({ error: '排序必须是数字' })
  .int({ error: '排序必须是整数' })
  .min(0, { error: '排序不能小于0' })
  .max(1_000_000, { error: '排序过大' });

export const createUnitSchema = z.strictObject(
  {
    /** Omitted: the server assigns the next free u-### id. */
    id: ruled('单位编号', unitRules.id).optional(),
    name: unitName,
    kind: z.enum(UNIT_KINDS, { error: '请选择单位类别（部门、镇街或其他机关）' }),
    /** A town government's town (or the city's region for a city-wide organ); none for a department. */
    regionId: z
      .string({ error: '所属地区必须是文字' })
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, { error: '所属地区不存在' })
      .nullable()
      .optional(),
    sort: unitSort.optional(),
  },
  strictError,
);
export type CreateUnitInput = z.input<typeof createUnitSchema>;

/** Changes to a unit; its id and kind stay (cases and accounts refer to it). */
export const updateUnitSchema = z.strictObject(
  {
    name: unitName.optional(),
    sort: unitSort.optional(),
    /** false: 停用 (no new assignments; its cases stay its own); true: back in service. */
    active: z.boolean({ error: 'active 必须是 true 或 false' }).optional(),
  },
  strictError,
);
export type UpdateUnitInput = z.input<typeof updateUnitSchema>;

/** A category's default unit (where the routing sends its cases before history counts): a unit in service. */
export const updateCategorySchema = z.strictObject(
  {
    defaultUnitId: z
      .string({ error: '请选择默认承办单位' })
      .trim()
      .min(1, { error: '请选择默认承办单位' })
      .max(64, { error: '承办单位不存在' }),
  },
  strictError,
);
export type UpdateCategoryInput = z.input<typeof updateCategorySchema>;

/** 承办单位's list: every unit, in service or not, with the categories it is the default unit of. */
export const adminUnitSchema = unitSchema.extend({
  sort: z.number().int(),
  regionName: z.string().nullable(),
  /** Categories routed to it by default (a unit that is one cannot be stopped). */
  defaultFor: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type AdminUnit = z.infer<typeof adminUnitSchema>;
export const adminUnitListSchema = z.object({ items: z.array(adminUnitSchema) });
export type AdminUnitList = z.infer<typeof adminUnitListSchema>;
export { categorySchema as adminCategorySchema };

/*
 * 联络站 (office, admin): liaison stations (人大代表联络站, 代表之家) are added when one opens,
 * corrected (name, address, 接待日) and stopped (停用: it closed). A town's office manages its
 * own town's; the city's office and admins every one. Every change is in the 操作日志.
 */

const stationFields = {
  name: ruled('联络站名称', stationRules.name, { line: true }),
  /** The town (or village, or the city) the station serves. */
  regionId: z
    .string({ error: '请选择所属地区' })
    .min(1, { error: '请选择所属地区' })
    .max(64, { error: '所属地区不存在' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: '所属地区不存在' }),
  address: ruled('地址', stationRules.address, { line: true }),
  /** 接待日, as read by citizens: e.g. 每月15日上午. */
  receptionDays: ruled('接待日', stationRules.receptionDays, { line: true }),
};

export const createStationSchema = z.strictObject(
  {
    /** Omitted: the server assigns the next free st-### id. */
    id: ruled('联络站编号', stationRules.id).optional(),
    ...stationFields,
  },
  strictError,
);
export type CreateStationInput = z.input<typeof createStationSchema>;

/** Changes to a station; its id stays (check-ins, deputies and its printed QR code refer to it). */
export const updateStationSchema = z.strictObject(
  {
    name: stationFields.name.optional(),
    regionId: stationFields.regionId.optional(),
    address: stationFields.address.optional(),
    receptionDays: stationFields.receptionDays.optional(),
    /** false: 停用 (closed: out of the public lists and pickers, check-in refused); true: open again. */
    active: z.boolean({ error: 'active 必须是 true 或 false' }).optional(),
  },
  strictError,
);
export type UpdateStationInput = z.input<typeof updateStationSchema>;

/** 联络站's list: every station of the caller's region, open or stopped, with its town and its deputies in office. */
export const adminStationSchema = stationSchema.extend({
  regionName: z.string(),
  /** Deputies in office placed here (a station with any cannot be stopped). */
  deputies: z.number().int(),
});
export type AdminStation = z.infer<typeof adminStationSchema>;
export const adminStationListSchema = z.object({ items: z.array(adminStationSchema) });
export type AdminStationList = z.infer<typeof adminStationListSchema>;

/*
 * 村（社区） (office, admin): the villages and communities of a town, which citizens pick in
 * 群众能找 and stations may serve, change when villages merge or a community is founded. A town's
 * office keeps its own town's; the city's office and admins every town's. Towns themselves are
 * not changed here. Every change is in the 操作日志.
 */

const villageName = ruled('村（社区）名称', villageRules.name, { line: true });

export const createVillageSchema = z.strictObject(
  {
    name: villageName,
    /** The town (镇、街道) it belongs to. */
    townId: z
      .string({ error: '请选择所属镇街' })
      .min(1, { error: '请选择所属镇街' })
      .max(64, { error: '所属镇街不存在' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: '所属镇街不存在' }),
  },
  strictError,
);
export type CreateVillageInput = z.input<typeof createVillageSchema>;

/** Changes to a village; its id and town stay (stations and past picks refer to them). */
export const updateVillageSchema = z.strictObject(
  {
    name: villageName.optional(),
    sort: z
      .number({ error: '排序必须是数字' })
      .int({ error: '排序必须是整数' })
      .min(VILLAGE_SORT_RANGE.min, { error: `排序不能小于${VILLAGE_SORT_RANGE.min}` })
      .max(VILLAGE_SORT_RANGE.max, { error: `排序不能大于${VILLAGE_SORT_RANGE.max}` })
      .optional(),
    /** false: 停用 (merged away or dissolved: out of 群众能找's picker and the station form); true: in use again. */
    active: z.boolean({ error: 'active 必须是 true 或 false' }).optional(),
  },
  strictError,
);
export type UpdateVillageInput = z.input<typeof updateVillageSchema>;

/** 村（社区）'s list: the villages of the caller's towns, in use or stopped, with the stations serving each. */
export const adminVillageSchema = z.object({
  id: z.string(),
  name: z.string(),
  townId: z.string(),
  townName: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  /** Open stations serving the village (a village with any cannot be stopped). */
  stations: z.number().int(),
});
export type AdminVillage = z.infer<typeof adminVillageSchema>;
export const adminVillageListSchema = z.object({ items: z.array(adminVillageSchema) });
export type AdminVillageList = z.infer<typeof adminVillageListSchema>;
