import type { AxiosInstance, AxiosProgressEvent } from 'axios';
import type { z } from 'zod';
import type {
  Hotspots,
  SimilarList,
  Checkin,
  NotificationList,
  Performance,
  Visit,
  VisitInput,
  AuthResult,
  CaseDetail,
  Category,
  CaseList,
  CaseListQuery,
  CreateCaseInput,
  Deputy,
  DeputyQuery,
  HolidayCalendar,
  HolidayCalendarInput,
  MockAccount,
  MockMessageList,
  ReplyReviewSettings,
  StatsQuery,
  Suggestions,
  TimeLimits,
  TransitionInput,
  Upload,
  User,
} from './schemas.js';

import type {
  AdminDeputyQuery,
  AdminEventList,
  AdminStation,
  AdminStationList,
  AdminVillage,
  AdminVillageList,
  AdminUnit,
  AdminUnitList,
  AdminUser,
  AdminUserList,
  AdminUserQuery,
  CreateDeputyInput,
  CreateStaffUserInput,
  CreateStationInput,
  CreateVillageInput,
  CreateUnitInput,
  UpdateCategoryInput,
  UpdateDeputyInput,
  UpdateStationInput,
  UpdateVillageInput,
  UpdateUnitInput,
  UpdateUserInput,
} from './admin.js';
import type { IssueScreenCredentialInput, IssuedScreenCredential, ScreenCredential, ScreenCredentialList } from './screen.js';

type Schemas = typeof import('./schemas.js');

export interface ApiClientOptions {
  /** Parse every response with the contract's schema (tests turn this on so drift fails). */
  validate?: boolean;
}

// shared/ sees no DOM or Node typings; both runtimes have a global FormData of this shape.
interface FormDataLike {
  append(name: string, value: UploadFile, fileName?: string): void;
}
declare const FormData: { new (): FormDataLike };

/** What `uploads.create` accepts: a Blob or File (browser, or Node's global Blob). */
export type UploadFile = { readonly size: number; readonly type: string };

/**
 * The typed client of the API core. Each app passes its own axios instance (base URL,
 * token interceptor, toasts); tests pass one pointed at a real server.
 */
export function createApiClient(http: AxiosInstance, options: ApiClientOptions = {}) {
  // The schemas (and zod with them) load only to validate (tests): an app that does not
  // validate leaves ~30 kB gzip of zod out of its bundle. `pick` names the response's schema.
  const schemas: Promise<Schemas> | null = options.validate ? import('./schemas.js') : null;
  const parse = async <S extends z.ZodType>(pick: (s: Schemas) => S, data: unknown): Promise<z.infer<S>> =>
    schemas ? pick(await schemas).parse(data) : (data as z.infer<S>);
  const get = async <S extends z.ZodType>(pick: (s: Schemas) => S, url: string, params?: object) =>
    parse(pick, (await http.get(url, { params })).data);
  const post = async <S extends z.ZodType>(pick: (s: Schemas) => S, url: string, body?: unknown, headers?: Record<string, string>) =>
    parse(pick, (await http.post(url, body, { headers })).data);
  /** The same for the schemas of one part (admin, screens): their module loads only to validate. */
  const lazyCheck = <M>(load: () => Promise<M>) => {
    const mod: Promise<M> | null = options.validate ? load() : null;
    return async <T>(pick: (m: M) => z.ZodType<T>, data: unknown): Promise<T> => (mod ? pick(await mod).parse(data) : (data as T));
  };

  return {
    health: () => get((s) => s.healthSchema, '/api/health'),
    me: (): Promise<User> => get((s) => s.userSchema, '/api/me'),
    notifications: {
      list: (): Promise<NotificationList> => get((s) => s.notificationListSchema, '/api/me/notifications'),
      markAllRead: () => http.post('/api/me/notifications/read').then(() => undefined),
    },

    mockIdp: {
      accounts: (): Promise<MockAccount[]> => get((s) => s.mockAccountSchema.array(), '/mock-idp/accounts'),
      ticket: (account: string) => post((s) => s.mockTicketSchema, '/mock-idp/tickets', { account }),
      /** Signs in to the stand-in provider itself as a demo account (not to our API). */
      session: (account: string) => post((s) => s.mockSessionSchema, '/mock-idp/sessions', { account }),
      /** The work notices and messages the stand-in delivered to the session's account, newest first. */
      messages: async (session: string): Promise<MockMessageList> =>
        parse(
          (s) => s.mockMessageListSchema,
          (await http.get('/mock-idp/messages', { headers: { Authorization: `Bearer ${session}` } })).data,
        ),
    },

    auth: {
      citizen: (ticket: string): Promise<AuthResult> => post((s) => s.authResultSchema, '/api/auth/citizen', { ticket }),
      staff: (authCode: string): Promise<AuthResult> => post((s) => s.authResultSchema, '/api/auth/staff', { authCode }),
      password: (username: string, password: string): Promise<AuthResult> =>
        post((s) => s.authResultSchema, '/api/auth/password', { username, password }),
    },

    deputies: {
      list: (query: DeputyQuery = {}) => get((s) => s.deputyListSchema, '/api/deputies', query),
      get: (code: string): Promise<Deputy> => get((s) => s.deputySchema, `/api/deputies/${encodeURIComponent(code)}`),
      qrcodeUrl: (code: string) => `/api/deputies/${encodeURIComponent(code)}/qrcode.svg`,
      performance: (code: string, query: { from?: string; to?: string } = {}): Promise<Performance> =>
        get((s) => s.performanceSchema, `/api/deputies/${encodeURIComponent(code)}/performance`, query),
    },

    reference: {
      regions: () => get((s) => s.regionListSchema, '/api/regions'),
      categories: () => get((s) => s.categoryListSchema, '/api/categories'),
      units: () => get((s) => s.unitListSchema, '/api/units'),
    },

    uploads: {
      create: async (file: UploadFile, onProgress?: (e: AxiosProgressEvent) => void, fileName = 'photo.jpg'): Promise<Upload> => {
        const form = new FormData();
        form.append('file', file, fileName);
        return parse((s) => s.uploadSchema, (await http.post('/api/uploads', form, { onUploadProgress: onProgress })).data);
      },
    },

    cases: {
      create: (input: CreateCaseInput, idempotencyKey: string): Promise<CaseDetail> =>
        post((s) => s.caseDetailSchema, '/api/cases', input, { 'Idempotency-Key': idempotencyKey }),
      list: (query: CaseListQuery = {}): Promise<CaseList> => get((s) => s.caseListSchema, '/api/cases', query),
      get: (id: string): Promise<CaseDetail> => get((s) => s.caseDetailSchema, `/api/cases/${encodeURIComponent(id)}`),
      transition: (id: string, input: TransitionInput): Promise<CaseDetail> =>
        post((s) => s.caseDetailSchema, `/api/cases/${encodeURIComponent(id)}/transitions`, input),
      /** "附近已有类似诉求": open, named cases of the deputy's town like this text, masked titles (signed-in citizens). */
      similar: (deputyCode: string, text: string): Promise<SimilarList> =>
        post((s) => s.similarListSchema, '/api/cases/similar', { deputyCode, text }),
      suggestions: (id: string): Promise<Suggestions> =>
        get((s) => s.suggestionsSchema, `/api/cases/${encodeURIComponent(id)}/suggestions`),
    },

    visits: {
      create: (input: VisitInput): Promise<Visit> => post((s) => s.visitSchema, '/api/visits', input),
      list: (query: { deputyCode?: string; page?: number; pageSize?: number } = {}) => get((s) => s.visitListSchema, '/api/visits', query),
    },

    checkins: {
      create: (stationId: string, key: string): Promise<Checkin> => post((s) => s.checkinSchema, '/api/checkins', { stationId, key }),
      list: () => get((s) => s.checkinListSchema, '/api/checkins'),
      stationQrcodeUrl: (stationId: string) => `/api/stations/${encodeURIComponent(stationId)}/qrcode.svg`,
    },

    hotspots: (query: { regionId?: string } = {}): Promise<Hotspots> => get((s) => s.hotspotsSchema, '/api/hotspots', query),

    settings: {
      /** 办理时限 in force (staff read; deputies and units too, for the deadlines they are given). */
      limits: (): Promise<TimeLimits> => get((s) => s.timeLimitsSchema, '/api/settings/limits'),
      /** Admin only: the whole set; new deadlines use it, deadlines already set are kept. */
      setLimits: async (input: TimeLimits): Promise<TimeLimits> =>
        parse((s) => s.timeLimitsSchema, (await http.put('/api/settings/limits', input)).data),
      /** 答复审核: the regions whose unit replies the office reviews first (office, leader, admin read; admin writes). */
      replyReview: (): Promise<ReplyReviewSettings> => get((s) => s.replyReviewSettingsSchema, '/api/settings/reply-review'),
      setReplyReview: async (input: ReplyReviewSettings): Promise<ReplyReviewSettings> =>
        parse((s) => s.replyReviewSettingsSchema, (await http.put('/api/settings/reply-review', input)).data),
      /** 节假日安排 of one year (放假 and 调休上班 days, by date); staff read, as for the limits. */
      holidays: (year: number): Promise<HolidayCalendar> => get((s) => s.holidayCalendarSchema, '/api/settings/holidays', { year }),
      /** Admin only: replaces the year's days; new deadlines count over them, deadlines already set are kept. */
      putHolidays: async (year: number, input: HolidayCalendarInput): Promise<HolidayCalendar> =>
        parse((s) => s.holidayCalendarSchema, (await http.put(`/api/settings/holidays/${encodeURIComponent(year)}`, input)).data),
    },

    /** 账号管理 and the 操作日志 (admin only); the schemas (shared/src/admin.ts) load only to validate. */
    admin: (() => {
      const check = lazyCheck(() => import('./admin.js'));
      return {
        users: async (query: AdminUserQuery = {}): Promise<AdminUserList> =>
          check((a) => a.adminUserListSchema, (await http.get('/api/admin/users', { params: query })).data),
        createUser: async (input: CreateStaffUserInput): Promise<AdminUser> =>
          check((a) => a.adminUserSchema, (await http.post('/api/admin/users', input)).data),
        updateUser: async (id: string, input: UpdateUserInput): Promise<AdminUser> =>
          check((a) => a.adminUserSchema, (await http.patch(`/api/admin/users/${encodeURIComponent(id)}`, input)).data),
        events: async (query: { page?: number; pageSize?: number } = {}): Promise<AdminEventList> =>
          check((a) => a.adminEventListSchema, (await http.get('/api/admin/events', { params: query })).data),
        /** 代表名册 (office and admin): every deputy of the caller's region, in office or not. */
        deputies: async (query: AdminDeputyQuery = {}): Promise<{ items: Deputy[] }> =>
          check((a) => a.adminDeputyListSchema, (await http.get('/api/admin/deputies', { params: query })).data),
        createDeputy: async (input: CreateDeputyInput): Promise<Deputy> =>
          check((a) => a.adminDeputySchema, (await http.post('/api/admin/deputies', input)).data),
        updateDeputy: async (code: string, input: UpdateDeputyInput): Promise<Deputy> =>
          check((a) => a.adminDeputySchema, (await http.patch(`/api/admin/deputies/${encodeURIComponent(code)}`, input)).data),
        /** 承办单位 (office of the city and admin): every unit, in service or stopped. */
        units: async (): Promise<AdminUnitList> => check((a) => a.adminUnitListSchema, (await http.get('/api/admin/units')).data),
        createUnit: async (input: CreateUnitInput): Promise<AdminUnit> =>
          check((a) => a.adminUnitSchema, (await http.post('/api/admin/units', input)).data),
        updateUnit: async (id: string, input: UpdateUnitInput): Promise<AdminUnit> =>
          check((a) => a.adminUnitSchema, (await http.patch(`/api/admin/units/${encodeURIComponent(id)}`, input)).data),
        /** A category's default unit (分类与默认承办单位). */
        updateCategory: async (id: string, input: UpdateCategoryInput): Promise<Category> =>
          check((a) => a.adminCategorySchema, (await http.patch(`/api/admin/categories/${encodeURIComponent(id)}`, input)).data),
        /** 联络站 (office of its region, admin): every station, open or stopped. */
        stations: async (): Promise<AdminStationList> =>
          check((a) => a.adminStationListSchema, (await http.get('/api/admin/stations')).data),
        createStation: async (input: CreateStationInput): Promise<AdminStation> =>
          check((a) => a.adminStationSchema, (await http.post('/api/admin/stations', input)).data),
        updateStation: async (id: string, input: UpdateStationInput): Promise<AdminStation> =>
          check((a) => a.adminStationSchema, (await http.patch(`/api/admin/stations/${encodeURIComponent(id)}`, input)).data),
        villages: async (): Promise<AdminVillageList> =>
          check((a) => a.adminVillageListSchema, (await http.get('/api/admin/villages')).data),
        createVillage: async (input: CreateVillageInput): Promise<AdminVillage> =>
          check((a) => a.adminVillageSchema, (await http.post('/api/admin/villages', input)).data),
        updateVillage: async (id: string, input: UpdateVillageInput): Promise<AdminVillage> =>
          check((a) => a.adminVillageSchema, (await http.patch(`/api/admin/villages/${encodeURIComponent(id)}`, input)).data),
      };
    })(),

    /** 大屏凭证 (leader, office, admin): wall screens' read-only credentials of the caller's region; the schemas (screen.ts) load only to validate. */
    screenCredentials: (() => {
      const check = lazyCheck(() => import('./screen.js'));
      return {
        list: async (): Promise<ScreenCredentialList> =>
          check((m) => m.screenCredentialListSchema, (await http.get('/api/screen-credentials')).data),
        /** The secret and the screen's address come back this once. */
        issue: async (input: IssueScreenCredentialInput): Promise<IssuedScreenCredential> =>
          check((m) => m.issuedScreenCredentialSchema, (await http.post('/api/screen-credentials', input)).data),
        revoke: async (id: string): Promise<ScreenCredential> =>
          check((m) => m.screenCredentialSchema, (await http.post(`/api/screen-credentials/${encodeURIComponent(id)}/revoke`)).data),
      };
    })(),

    /** 码上评 and the data cockpit; the response schemas (shared/src/stats.ts) load only to validate. */
    stats: (() => {
      type S = typeof import('./stats.js');
      type T<K extends keyof S> = S[K] extends z.ZodType ? z.infer<S[K]> : never;
      type Q = Partial<StatsQuery>;
      const mod: Promise<S> | null = options.validate ? import('./stats.js') : null;
      const sget = async <K extends keyof S>(key: K, url: string, params?: object): Promise<T<K>> => {
        const data: unknown = (await http.get(url, { params })).data;
        return (mod ? ((await mod)[key] as z.ZodType).parse(data) : data) as T<K>;
      };
      return {
        overview: (query: Q = {}) => sget('statsOverviewSchema', '/api/stats/overview', query),
        trend: (query: Q & { granularity?: 'day' | 'week' | 'month' } = {}) => sget('trendSchema', '/api/stats/trend', query),
        categories: (query: Q = {}) => sget('breakdownSchema', '/api/stats/categories', query),
        towns: (query: Q = {}) => sget('breakdownSchema', '/api/stats/towns', query),
        units: (query: Q = {}) => sget('unitRankingSchema', '/api/stats/units', query),
        deputies: (query: Q = {}) => sget('deputyDutySchema', '/api/stats/deputies', query),
        overdue: (query: Q & { page?: number; pageSize?: number } = {}) => sget('overdueListSchema', '/api/stats/overdue', query),
        stages: (query: Q = {}) => sget('stagesSchema', '/api/stats/stages', query),
        /** The cases behind one figure (drill-down): the same filters give the same numbers. */
        cases: (query: import('./stats.js').DrillQuery) => sget('drillListSchema', '/api/stats/cases', query),
        latest: (query: Q & { limit?: number } = {}) => sget('latestCasesSchema', '/api/stats/latest', query),
        /** 台账 as .xlsx (`blob` in a browser, `arraybuffer` in Node), with its row count and file name. */
        exportLedger: async (query: Q = {}, responseType: 'blob' | 'arraybuffer' = 'blob') => {
          const res = await http.get('/api/stats/export.xlsx', { params: query, responseType });
          const m = /filename\*=UTF-8''([^;]+)/.exec(String(res.headers['content-disposition'] ?? ''));
          return {
            data: res.data as unknown,
            rows: Number(res.headers['x-export-rows'] ?? 0),
            filename: m ? decodeURIComponent(m[1]!) : 'ledger.xlsx',
          };
        },
      };
    })(),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
