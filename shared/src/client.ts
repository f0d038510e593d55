import type { AxiosInstance, AxiosProgressEvent } from 'axios';
import type { z } from 'zod';
import {
  authResultSchema,
  hotspotsSchema,
  similarListSchema,
  type Hotspots,
  type SimilarList,
  checkinListSchema,
  checkinSchema,
  notificationListSchema,
  performanceSchema,
  visitListSchema,
  visitSchema,
  type Checkin,
  type NotificationList,
  type Performance,
  type Visit,
  type VisitInput,
  caseDetailSchema,
  caseListSchema,
  categoryListSchema,
  deputyListSchema,
  deputySchema,
  healthSchema,
  mockAccountSchema,
  mockTicketSchema,
  overviewSchema,
  regionListSchema,
  suggestionsSchema,
  unitListSchema,
  uploadSchema,
  userSchema,
  type AuthResult,
  type CaseDetail,
  type CaseList,
  type CaseListQuery,
  type CreateCaseInput,
  type Deputy,
  type DeputyQuery,
  type MockAccount,
  type Overview,
  type StatsQuery,
  type Suggestions,
  type TransitionInput,
  type Upload,
  type User,
} from './schemas.js';

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
  const parse = <S extends z.ZodType>(schema: S, data: unknown): z.infer<S> =>
    options.validate ? schema.parse(data) : (data as z.infer<S>);
  const get = async <S extends z.ZodType>(schema: S, url: string, params?: object) =>
    parse(schema, (await http.get(url, { params })).data);
  const post = async <S extends z.ZodType>(schema: S, url: string, body?: unknown, headers?: Record<string, string>) =>
    parse(schema, (await http.post(url, body, { headers })).data);

  return {
    health: () => get(healthSchema, '/api/health'),
    me: (): Promise<User> => get(userSchema, '/api/me'),
    notifications: {
      list: (): Promise<NotificationList> => get(notificationListSchema, '/api/me/notifications'),
      markAllRead: () => http.post('/api/me/notifications/read').then(() => undefined),
    },

    mockIdp: {
      accounts: (): Promise<MockAccount[]> => get(mockAccountSchema.array(), '/mock-idp/accounts'),
      ticket: (account: string) => post(mockTicketSchema, '/mock-idp/tickets', { account }),
    },

    auth: {
      citizen: (ticket: string): Promise<AuthResult> => post(authResultSchema, '/api/auth/citizen', { ticket }),
      staff: (authCode: string): Promise<AuthResult> => post(authResultSchema, '/api/auth/staff', { authCode }),
      password: (username: string, password: string): Promise<AuthResult> =>
        post(authResultSchema, '/api/auth/password', { username, password }),
    },

    deputies: {
      list: (query: DeputyQuery = {}) => get(deputyListSchema, '/api/deputies', query),
      get: (code: string): Promise<Deputy> => get(deputySchema, `/api/deputies/${encodeURIComponent(code)}`),
      qrcodeUrl: (code: string) => `/api/deputies/${encodeURIComponent(code)}/qrcode.svg`,
      performance: (code: string, query: { from?: string; to?: string } = {}): Promise<Performance> =>
        get(performanceSchema, `/api/deputies/${encodeURIComponent(code)}/performance`, query),
    },

    reference: {
      regions: () => get(regionListSchema, '/api/regions'),
      categories: () => get(categoryListSchema, '/api/categories'),
      units: () => get(unitListSchema, '/api/units'),
    },

    uploads: {
      create: async (file: UploadFile, onProgress?: (e: AxiosProgressEvent) => void, fileName = 'photo.jpg'): Promise<Upload> => {
        const form = new FormData();
        form.append('file', file, fileName);
        return parse(uploadSchema, (await http.post('/api/uploads', form, { onUploadProgress: onProgress })).data);
      },
    },

    cases: {
      create: (input: CreateCaseInput, idempotencyKey: string): Promise<CaseDetail> =>
        post(caseDetailSchema, '/api/cases', input, { 'Idempotency-Key': idempotencyKey }),
      list: (query: CaseListQuery = {}): Promise<CaseList> => get(caseListSchema, '/api/cases', query),
      get: (id: string): Promise<CaseDetail> => get(caseDetailSchema, `/api/cases/${encodeURIComponent(id)}`),
      transition: (id: string, input: TransitionInput): Promise<CaseDetail> =>
        post(caseDetailSchema, `/api/cases/${encodeURIComponent(id)}/transitions`, input),
      /** "附近已有类似诉求": open cases of the deputy's town like this text (no sign-in needed). */
      similar: (deputyCode: string, text: string): Promise<SimilarList> => post(similarListSchema, '/api/cases/similar', { deputyCode, text }),
      suggestions: (id: string): Promise<Suggestions> =>
        get(suggestionsSchema, `/api/cases/${encodeURIComponent(id)}/suggestions`),
    },

    visits: {
      create: (input: VisitInput): Promise<Visit> => post(visitSchema, '/api/visits', input),
      list: (query: { deputyCode?: string; page?: number; pageSize?: number } = {}) => get(visitListSchema, '/api/visits', query),
    },

    checkins: {
      create: (stationId: string, key: string): Promise<Checkin> => post(checkinSchema, '/api/checkins', { stationId, key }),
      list: () => get(checkinListSchema, '/api/checkins'),
      stationQrcodeUrl: (stationId: string) => `/api/stations/${encodeURIComponent(stationId)}/qrcode.svg`,
    },

    hotspots: (query: { regionId?: string } = {}): Promise<Hotspots> => get(hotspotsSchema, '/api/hotspots', query),

    stats: {
      overview: (query: Partial<StatsQuery> = {}): Promise<Overview> => get(overviewSchema, '/api/stats/overview', query),
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
