import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATUSES, CASE_TYPES, CLOSE_REASONS, DEPUTY_LEVELS, RATINGS, REGION_KINDS, ROLES } from './enums.js';
import { TIME_LIMIT_RANGES as R } from './limits.js';
import {
  DATE_PATTERN,
  HOLIDAY_KINDS,
  HOLIDAY_KIND_LABELS,
  HOLIDAY_RULES as H,
  UNPRINTABLE_CHARS,
  isCalendarDate,
  isWeekend,
} from './holiday-calendar.js';
import { oneLine } from './one-line.js';
import { MOBILE_PATTERN } from './phone.js';

/**
 * The API contract, once: the server validates requests with these schemas and the tests
 * validate responses with them. Every type the apps use is inferred from here.
 */

// Text that people type: trimmed, and free of control characters other than newlines/tabs.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// Zero-width and bidirectional-override characters hide or reorder what staff read
// (e.g. a phone number or an address shown backwards); they are removed, not stored.
const INVISIBLE_CHARS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const typedText = (base: z.ZodString, min: number, max: number, label: string) =>
  base
    .transform((s) => s.replace(INVISIBLE_CHARS, '').trim())
    .pipe(
      z
        .string()
        .min(min, { error: min <= 1 ? `请填写${label}` : `${label}至少${min}个字` })
        .max(max, { error: `${label}最多${max}个字` })
        .refine((s) => !CONTROL_CHARS.test(s), { error: `${label}含有不可见的控制字符` }),
    );
/** Text of several lines (a body, a reply, a note): line breaks kept. */
const text = (min: number, max: number, label: string) => typedText(z.string({ error: `${label}必须是文字` }), min, max, label);
/** Text of one line (a title, a name, an address, a place): pasted line breaks become one space. */
const line = (min: number, max: number, label: string) => typedText(oneLine(z.string({ error: `${label}必须是文字` })), min, max, label);

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { error: '编号格式不正确' });

/**
 * A whole number in a query string, with its own message for each way it can be wrong (a message given
 * to z.number() alone would also answer a number out of range as "必须是数字").
 */
const queryInt = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}必须是数字` })
    .int({ error: `${label}必须是整数` })
    .min(min, { error: `${label}须在${min}–${max}之间` })
    .max(max, { error: `${label}须在${min}–${max}之间` });
/** page and pageSize of every paged list. */
export const pageFields = {
  page: queryInt('页码', 1, 100_000).default(1),
  pageSize: queryInt('每页条数', 1, 100).default(20),
};

/**
 * Every date of the contract (visits, holidays, statistics periods, …): exactly YYYY-MM-DD, and a
 * day the calendar has (2026-02-30 and 0000-00-00 are not). `label` names it in the message.
 */
export const calendarDate = (label = '日期') =>
  z
    .string({ error: `${label}必须是文字` })
    .regex(DATE_PATTERN, { error: `${label}格式应为 YYYY-MM-DD` })
    .refine(isCalendarDate, { error: (issue) => `${label}不存在：${String(issue.input)}` });
/** Every instant of the contract: ISO 8601 in UTC, as the server writes them (2026-03-02T02:00:00.000Z). */
export const isoDateTime = () => z.iso.datetime({ error: '时间格式应为 ISO 8601（UTC）' });
const isoTime = isoDateTime();

// ---------- reference data ----------
export const regionSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(REGION_KINDS),
  parentId: z.string().nullable(),
});
export type Region = z.infer<typeof regionSchema>;

export const stationSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  address: z.string(),
  receptionDays: z.string(),
  /** false once the office has stopped it (停用, it closed): left out of GET /api/regions; only 联络站 (the admin list) shows it. */
  active: z.boolean(),
});
export type Station = z.infer<typeof stationSchema>;

export const categorySchema = z.object({
  id: z.string(),
  name: z.string(),
  defaultUnitId: z.string().nullable(),
});
export type Category = z.infer<typeof categorySchema>;

export const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['department', 'town', 'organ']),
  regionId: z.string().nullable(),
  /** false once the office has stopped assigning to it (停用): kept for its existing cases and figures, not offered for new assignments. */
  active: z.boolean(),
});
export type Unit = z.infer<typeof unitSchema>;

export const regionListSchema = z.object({ items: z.array(regionSchema), stations: z.array(stationSchema) });
export const categoryListSchema = z.object({ items: z.array(categorySchema) });
export const unitListSchema = z.object({ items: z.array(unitSchema) });

export const deputySchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(DEPUTY_LEVELS),
  levelLabel: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  constituency: z.string(),
  photoUrl: z.string(),
  bio: z.string(),
  receptionDays: z.string(),
  /** false once the deputy has left office (届满/调离/辞职): left out of lists, no new submissions; the profile still answers. */
  inOffice: z.boolean(),
});
export type Deputy = z.infer<typeof deputySchema>;
export const deputyListSchema = z.object({ items: z.array(deputySchema) });
export const deputyQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  regionId: id.optional(),
  stationId: id.optional(),
});
export type DeputyQuery = z.infer<typeof deputyQuerySchema>;

// ---------- identity ----------
export const userSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  name: z.string(),
  phone: z.string().nullable(),
  regionId: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  deputyCode: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

export const authResultSchema = z.object({ token: z.string(), expiresAt: isoTime, user: userSchema });
export type AuthResult = z.infer<typeof authResultSchema>;
export const citizenAuthSchema = z.object({ ticket: z.string().min(1).max(512) });
export const staffAuthSchema = z.object({ authCode: z.string().min(1).max(512) });
export const passwordAuthSchema = z.object({
  username: z.string().trim().min(1, { error: '请输入用户名' }).max(64),
  password: z.string().min(1, { error: '请输入密码' }).max(256),
});

export const mockAccountSchema = z.object({ account: z.string(), role: z.enum(ROLES), name: z.string() });
export type MockAccount = z.infer<typeof mockAccountSchema>;
export const mockTicketRequestSchema = z.object({ account: z.string().min(1).max(64) });
export const mockTicketSchema = z.object({ ticket: z.string().optional(), authCode: z.string().optional() });
/** A session with the stand-in provider itself (like being signed in to the super-app on a phone): reads that account's messages. */
export const mockSessionSchema = z.object({ session: z.string(), account: z.string(), expiresAt: isoTime });
export const mockMessageSchema = z.object({
  channel: z.enum(['zlb', 'ding']),
  recipient: z.string(),
  msgKey: z.string(),
  title: z.string(),
  body: z.string(),
  receivedAt: isoTime,
});
export type MockMessage = z.infer<typeof mockMessageSchema>;
export const mockMessageListSchema = z.object({ account: z.string(), items: mockMessageSchema.array() });
export type MockMessageList = z.infer<typeof mockMessageListSchema>;

export const healthSchema = z.object({ ok: z.literal(true), version: z.string() });

// ---------- uploads ----------
export const uploadSchema = z.object({
  id: z.string(),
  url: z.string(),
  mime: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type Upload = z.infer<typeof uploadSchema>;

// ---------- cases ----------
/** A position from the phone, a typed address, or both (an address alone when there is no GPS fix). */
export const locationSchema = z
  .object({
    lat: z
      .number({ error: '纬度必须是数字' })
      .min(-90, { error: '纬度须在 -90 到 90 之间' })
      .max(90, { error: '纬度须在 -90 到 90 之间' })
      .optional(),
    lng: z
      .number({ error: '经度必须是数字' })
      .min(-180, { error: '经度须在 -180 到 180 之间' })
      .max(180, { error: '经度须在 -180 到 180 之间' })
      .optional(),
    address: line(0, 200, '地址').optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), { error: '经纬度须同时提供', path: ['lng'] })
  .refine((l) => l.lat !== undefined || (l.address?.length ?? 0) > 0, { error: '请提供位置或填写地址', path: ['address'] });
export type CaseLocation = z.infer<typeof locationSchema>;

export const phoneSchema = z.string({ error: '手机号必须是文字' }).trim().regex(MOBILE_PATTERN, { error: '请输入正确的11位手机号码' });

const photoIds = z.array(id).max(9, { error: '最多上传9张照片' });

export const createCaseSchema = z.object({
  deputyCode: z.string({ error: '请选择代表' }).min(1, { error: '请选择代表' }).max(32),
  type: z.enum(CASE_TYPES, { error: '诉求类型不正确' }).default('help'),
  title: line(0, 60, '标题').optional(),
  body: text(10, 2000, '反映内容'),
  contactPhone: phoneSchema.optional(),
  contactName: line(1, 30, '联系人').optional(),
  anonymous: z.boolean({ error: '匿名选项必须是是或否' }).default(false),
  location: locationSchema.optional(),
  photoIds: photoIds.optional(),
  categoryId: id.optional(),
});
export type CreateCaseInput = z.input<typeof createCaseSchema>;

export const caseEventSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  actorRole: z.enum(ROLES).nullable(),
  actorName: z.string(),
  fromStatus: z.enum(CASE_STATUSES).nullable(),
  toStatus: z.enum(CASE_STATUSES),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  attachments: z.array(z.object({ id: z.string(), url: z.string() })),
  createdAt: isoTime,
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseSummarySchema = z.object({
  id: z.string(),
  trackingNo: z.string(),
  type: z.enum(CASE_TYPES),
  title: z.string(),
  excerpt: z.string(),
  status: z.enum(CASE_STATUSES),
  deputyCode: z.string(),
  deputyName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  anonymous: z.boolean(),
  submittedAt: isoTime,
  ackDueAt: isoTime,
  signDueAt: isoTime.nullable(),
  replyDueAt: isoTime.nullable(),
  rateDueAt: isoTime.nullable(),
  /** The deadline that matters now for the case's current holder, if any. */
  dueAt: isoTime.nullable(),
  overdue: z.boolean(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  rating: z.enum(RATINGS).nullable(),
  urgeCount: z.number().int(),
  /**
   * A unit's reply awaits the office's review (答复待审核). Staff only: never sent to citizens
   * (nor in the cockpit's own lists).
   */
  replyPending: z.boolean().optional(),
  /** Working days a unit asked to extend by, while the office has not decided (延期申请待审批). Staff only, like replyPending. */
  extensionPendingDays: z.number().int().nullable().optional(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  body: z.string(),
  contactName: z.string().nullable(),
  /** Full only for the submitter, the case's deputy and office staff; masked otherwise; null if anonymous. */
  contactPhone: z.string().nullable(),
  contactPhoneMasked: z.boolean(),
  location: locationSchema.nullable(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  acknowledgedAt: isoTime.nullable(),
  assignedAt: isoTime.nullable(),
  signedAt: isoTime.nullable(),
  repliedAt: isoTime.nullable(),
  closedAt: isoTime.nullable(),
  replyText: z.string().nullable(),
  solved: z.boolean().nullable(),
  ratingComment: z.string().nullable(),
  deputyRating: z.enum(RATINGS).nullable(),
  reopenCount: z.number().int(),
  extensionPendingDays: z.number().int().nullable(),
  extensionApprovedDays: z.number().int().nullable(),
  mergedIntoCaseId: z.string().nullable(),
  /**
   * The unit's reply held for the office's review (答复审核), for staff who may see the case;
   * always null for citizens, who get the reply only once it is approved.
   */
  pendingReply: z
    .object({
      text: z.string(),
      photos: z.array(z.object({ id: z.string(), url: z.string() })),
      submittedAt: isoTime,
      unitName: z.string().nullable(),
    })
    .nullable(),
  events: z.array(caseEventSchema),
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const createdCaseSchema = caseDetailSchema;

export const caseListQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (!s) return undefined;
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      for (const p of parts) {
        if (!(CASE_STATUSES as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `未知的状态：${p}` });
          return z.NEVER;
        }
      }
      return parts as (typeof CASE_STATUSES)[number][];
    }),
  q: z.string().trim().max(100).optional(),
  ...pageFields,
  overdue: z.enum(['true', 'false']).optional(),
  type: z.enum(CASE_TYPES).optional(),
  categoryId: id.optional(),
  unitId: id.optional(),
  regionId: id.optional(),
  deputyCode: z.string().max(32).optional(),
  /** `true`: only cases whose unit reply awaits the office's review (答复待审核); ignored for citizens. */
  replyPending: z.enum(['true', 'false']).optional(),
  /** `true`: only cases whose extension request awaits the office (延期申请待审批); ignored for citizens. */
  extensionPending: z.enum(['true', 'false']).optional(),
});
export type CaseListQuery = z.input<typeof caseListQuerySchema>;
export const caseListSchema = z.object({ items: z.array(caseSummarySchema), total: z.number().int() });
export type CaseList = z.infer<typeof caseListSchema>;

// ---------- transitions ----------
const note = (label: string, min = 1, max = 2000) => text(min, max, label);
const ratingFields = {
  rating: z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' }),
  comment: note('评价意见', 0, 500).optional(),
};

export const transitionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), note: note('受理意见', 0, 500).optional() }),
  z.object({ action: z.literal('reply'), note: note('答复内容', 2, 5000), photoIds: photoIds.optional() }),
  z.object({ action: z.literal('forward'), note: note('转交说明', 0, 500).optional() }),
  z.object({ action: z.literal('reject'), note: note('不予受理的理由', 2, 500) }),
  z.object({
    action: z.literal('assign'),
    unitId: id,
    categoryId: id.optional(),
    type: z.enum(CASE_TYPES).optional(),
    note: note('交办意见', 0, 500).optional(),
  }),
  z.object({ action: z.literal('sign'), note: note('签收意见', 0, 500).optional() }),
  z.object({ action: z.literal('return'), note: note('退回理由', 2, 500) }),
  z.object({
    action: z.literal('request_extension'),
    // the most an admin may ever allow; the configured limit (settings.limits.maxExtensionWorkingDays) is checked by the server
    days: z
      .number({ error: '延期天数必须是数字' })
      .int({ error: '延期天数必须是整数' })
      .min(1, { error: '延期至少1个工作日' })
      .max(R.maxExtensionWorkingDays.max, { error: `最多延期${R.maxExtensionWorkingDays.max}个工作日` }),
    note: note('延期理由', 2, 500),
  }),
  z.object({ action: z.literal('approve_extension'), note: note('审批意见', 0, 500).optional() }),
  z.object({ action: z.literal('deny_extension'), note: note('驳回理由', 0, 500).optional() }),
  z.object({ action: z.literal('approve_reply'), note: note('审核意见', 0, 500).optional() }),
  z.object({ action: z.literal('reject_reply'), note: note('退回修改意见', 2, 500) }),
  z.object({ action: z.literal('rate'), ...ratingFields, solved: z.boolean({ error: '请选择问题是否解决' }) }),
  z.object({ action: z.literal('evaluate'), ...ratingFields }),
  z.object({ action: z.literal('reopen'), note: note('重办理由', 2, 500) }),
  z.object({ action: z.literal('close'), note: note('办结说明', 2, 500) }),
  z.object({ action: z.literal('urge'), note: note('督办意见', 0, 500).optional() }),
  z.object({ action: z.literal('merge'), targetCaseId: id, note: note('合并说明', 0, 500).optional() }),
  z
    .object({ action: z.literal('supplement'), note: note('补充内容', 0, 2000).optional(), photoIds: photoIds.optional() })
    .refine((v) => (v.note?.length ?? 0) > 0 || (v.photoIds?.length ?? 0) > 0, {
      error: '请填写补充内容或上传照片',
      path: ['note'],
    }),
  z.object({ action: z.literal('note'), note: note('备注', 1, 2000) }),
]);
export type TransitionInput = z.input<typeof transitionSchema>;
export type Transition = z.infer<typeof transitionSchema>;

// ---------- settings ----------
/**
 * 答复审核: the regions (towns, villages, or the whole city) whose cases' unit replies go to the
 * office for review before they reach the citizen; a case is covered when its region or any
 * region above it is listed. Empty (the default): every unit reply reaches the citizen at once.
 */
export const replyReviewSettingsSchema = z.object({
  regionIds: z.array(id, { error: '请提供地区编号列表' }).max(500, { error: '地区最多500个' }),
});
export type ReplyReviewSettings = z.infer<typeof replyReviewSettingsSchema>;

/**
 * 办理时限 (GET/PUT /api/settings/limits; staff read, an admin writes): working-day limits of
 * PRODUCT.md, per case type for the reply. New deadlines use them; deadlines already set stay.
 */
const wholeDays = (label: string, unit: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${label}必须是数字` })
    .int({ error: `${label}必须是整数` })
    .min(min, { error: `${label}至少${min}${unit}` })
    .max(max, { error: `${label}最多${max}${unit}` });
const share = (label: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${label}必须是数字` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` });
export const timeLimitsSchema = z.object({
  ackWorkingDays: wholeDays('受理时限', '个工作日', R.ackWorkingDays),
  signWorkingDays: wholeDays('签收时限', '个工作日', R.signWorkingDays),
  replyWorkingDays: z.record(z.enum(CASE_TYPES), wholeDays('办理时限', '个工作日', R.replyWorkingDays), {
    error: '请为每种类型填写办理时限',
  }),
  maxExtensionWorkingDays: wholeDays('延期', '个工作日', R.maxExtensionWorkingDays),
  ratingWindowDays: wholeDays('评价期限', '天', R.ratingWindowDays),
  /** Warn (临期预警) when this share of a limit has passed. */
  warnAtFraction: share('临期预警比例', R.warnAtFraction),
  /** Weight of 基本满意 in 满意率 (1 = counts fully). */
  basicallySatisfiedWeight: share('基本满意权重', R.basicallySatisfiedWeight),
});
export type TimeLimits = z.infer<typeof timeLimitsSchema>;

/**
 * 节假日安排 (GET /api/settings/holidays?year=; PUT /api/settings/holidays/:year, admin only):
 * one year's official holidays (放假) and make-up working weekend days (调休上班) from the
 * State Council's notice. Time limits count working days over them; a PUT replaces the year.
 */
const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `不支持的字段：${issue.keys!.join('、')}` : undefined,
};
export const holidayYearSchema = z.coerce
  .number({ error: '年份必须是数字' })
  .int({ error: '年份必须是整数' })
  .min(H.minYear, { error: `年份须在${H.minYear}–${H.maxYear}之间` })
  .max(H.maxYear, { error: `年份须在${H.minYear}–${H.maxYear}之间` });
export const holidayYearQuerySchema = z.object({ year: holidayYearSchema.optional() });
export const holidayYearParamSchema = z.object({ year: holidayYearSchema });

export const holidayDaySchema = z.object({
  date: calendarDate(),
  kind: z.enum(HOLIDAY_KINDS),
  name: z.string(),
});
export type HolidayDay = z.infer<typeof holidayDaySchema>;
export const holidayCalendarSchema = z.object({
  year: z.number().int(),
  /** Sorted by date. */
  days: z.array(holidayDaySchema),
});
export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>;

const holidayDayInputSchema = z
  .strictObject(
    {
      date: calendarDate(),
      kind: z.enum(HOLIDAY_KINDS, { error: `类型只能是${HOLIDAY_KIND_LABELS.holiday}或${HOLIDAY_KIND_LABELS.workday}` }),
      name: oneLine(z.string({ error: '名称必须是文字' }))
        .trim()
        .min(1, { error: '请填写名称（如春节）' })
        .max(H.nameMaxLength, { error: `名称最多${H.nameMaxLength}个字` })
        .refine((s) => !UNPRINTABLE_CHARS.test(s), { error: '名称含有不可见字符' }),
    },
    unknownKeys,
  )
  .superRefine((d, ctx) => {
    if (d.kind === 'workday' && !isWeekend(d.date)) {
      ctx.addIssue({ code: 'custom', message: `调休上班日须是周六或周日：${d.date}`, path: ['date'] });
    }
  });
export const holidayCalendarInputSchema = z.strictObject(
  {
    days: z
      .array(holidayDayInputSchema, { error: '请提供日期列表' })
      .max(H.maxDays, { error: `一年最多录入${H.maxDays}天` })
      .superRefine((days, ctx) => {
        const seen = new Set<string>();
        days.forEach((d, i) => {
          if (seen.has(d.date)) ctx.addIssue({ code: 'custom', message: `日期重复：${d.date}`, path: [i, 'date'] });
          seen.add(d.date);
        });
      }),
  },
  unknownKeys,
);
export type HolidayCalendarInput = z.input<typeof holidayCalendarInputSchema>;

/** The PUT's body for `year`: also every date inside that year. */
export const holidayCalendarInputFor = (year: number) =>
  holidayCalendarInputSchema.superRefine((input, ctx) => {
    input.days.forEach((d, i) => {
      if (!d.date.startsWith(`${year}-`))
        ctx.addIssue({ code: 'custom', message: `日期须在${year}年内：${d.date}`, path: ['days', i, 'date'] });
    });
  });

// ---------- suggestions (马上分) ----------
export const suggestionsSchema = z.object({
  categories: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })),
  units: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })),
  similar: z.array(
    z.object({
      id: z.string(),
      trackingNo: z.string(),
      score: z.number(),
      title: z.string().optional(),
      status: z.enum(CASE_STATUSES).optional(),
    }),
  ),
  needsReview: z.boolean(),
  reason: z.string().optional(),
  topTerms: z.array(z.object({ term: z.string(), weight: z.number() })).optional(),
  modelVersion: z.string().optional(),
});
export type Suggestions = z.infer<typeof suggestionsSchema>;

export const similarQuerySchema = z.object({
  deputyCode: z.string().min(1).max(32),
  text: z.string().max(2100),
});
export const similarListSchema = z.object({
  items: z.array(z.object({ title: z.string(), status: z.enum(CASE_STATUSES), submittedAt: isoTime, score: z.number() })),
});
export type SimilarList = z.infer<typeof similarListSchema>;

export const hotspotsSchema = z.object({
  items: z.array(z.object({ term: z.string(), recent: z.number(), baseline: z.number(), score: z.number() })),
  recentCases: z.number().int(),
  baselineCases: z.number().int(),
});
export type Hotspots = z.infer<typeof hotspotsSchema>;

// ---------- stats (码上评) ----------
export const statsQuerySchema = z.object({
  from: calendarDate('开始日期').optional(),
  to: calendarDate('结束日期').optional(),
  regionId: id.optional(),
  categoryId: id.optional(),
  unitId: id.optional(),
  deputyCode: z.string().max(32).optional(),
});
export type StatsQuery = z.infer<typeof statsQuerySchema>;

const rate = z.number().nullable(); // null when nothing is due (no denominator)
export const overviewSchema = z.object({
  from: calendarDate(),
  to: calendarDate(),
  regionId: z.string().nullable(),
  received: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  closed: z.number().int(),
  ackOnTimeRate: rate,
  meanAckHours: z.number().nullable(),
  completionOnTimeRate: rate,
  completionRate: rate,
  satisfactionRate: rate,
  deputySatisfactionRate: rate,
  solvedRate: rate,
  reopenRate: rate,
  returnRate: rate,
  extensionRate: rate,
  counts: z.object({
    ackDue: z.number().int(),
    ackOnTime: z.number().int(),
    replyDue: z.number().int(),
    replyOnTime: z.number().int(),
    rated: z.number().int(),
    satisfied: z.number().int(),
    basicallySatisfied: z.number().int(),
    unsatisfied: z.number().int(),
    solved: z.number().int(),
    assigned: z.number().int(),
    returned: z.number().int(),
    extended: z.number().int(),
    reopened: z.number().int(),
  }),
});
export type Overview = z.infer<typeof overviewSchema>;

// ---------- errors ----------
export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

// ---------- 走: visits, reception days, station check-ins ----------
export const visitInputSchema = z.object({
  kind: z.enum(['visit', 'reception'], { error: '请选择走访或接待日' }),
  date: calendarDate(),
  place: line(1, 100, '地点'),
  people: line(0, 200, '走访对象').optional(),
  summary: text(2, 2000, '情况记录'),
  photoIds: photoIds.optional(),
});
export type VisitInput = z.input<typeof visitInputSchema>;
export const visitSchema = z.object({
  id: z.string(),
  deputyCode: z.string(),
  deputyName: z.string(),
  kind: z.enum(['visit', 'reception']),
  date: calendarDate(),
  place: z.string(),
  people: z.string(),
  summary: z.string(),
  photos: z.array(z.object({ id: z.string(), url: z.string() })),
  createdAt: isoTime,
});
export type Visit = z.infer<typeof visitSchema>;
export const visitListSchema = z.object({ items: z.array(visitSchema), total: z.number().int() });

export const checkinInputSchema = z.object({
  stationId: id,
  /** The key printed in the station's QR code: proves the deputy scanned it on site. */
  key: z.string().min(8).max(64),
});
export const checkinSchema = z.object({
  id: z.string(),
  deputyCode: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  at: isoTime,
  repeated: z.boolean(),
});
export type Checkin = z.infer<typeof checkinSchema>;
export const checkinListSchema = z.object({ items: z.array(checkinSchema) });

export const performanceSchema = z.object({
  deputyCode: z.string(),
  from: calendarDate(),
  to: calendarDate(),
  received: z.number().int(),
  ackDue: z.number().int(),
  ackOnTime: z.number().int(),
  ackOnTimeRate: z.number().nullable(),
  repliedDirectly: z.number().int(),
  forwarded: z.number().int(),
  open: z.number().int(),
  visits: z.number().int(),
  receptions: z.number().int(),
  checkins: z.number().int(),
  satisfactionRate: z.number().nullable(),
});
export type Performance = z.infer<typeof performanceSchema>;

export const notificationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      caseId: z.string().nullable(),
      kind: z.string(),
      title: z.string(),
      body: z.string(),
      read: z.boolean(),
      createdAt: isoTime,
    }),
  ),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;
