import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import { createApiClient, type ApiClient, type Role } from '@minqing/shared';
import { createApp, type AppOptions } from '../../server/src/app.js';
import { openDatabase, type Db } from '../../server/src/db/open.js';
import type { Deps } from '../../server/src/deps.js';
import type { RuntimeStatus } from '../../server/src/ops/status.js';
import { createHttpIdp } from '../../server/src/idp/client.js';
import type { RateLimits } from '../../server/src/http/rate-limit.js';
import { seedAccounts, seedDemoCases } from '../../server/src/seed/demo.js';
import { seedReference } from '../../server/src/seed/reference.js';
import { ONE_PIXEL_PNG } from './images.js';

/** One demo account per role, all in scope of `caseIn`'s cases (citizen 张, deputy D001 of 当湖街道, the city's office, 住建局). */
export const ACCOUNTS = {
  citizen: 'zlb-zhang',
  deputy: 'ding-d001',
  office: 'ding-office',
  unit: 'ding-unit-zjj',
  leader: 'ding-leader',
  admin: 'ding-admin',
} as const satisfies Record<Role, string>;

/** The secrets every test server signs with: tokens and upload links, and the audit chain's key. */
export const TEST_SECRETS = {
  token: 'test-secret-test-secret-test-secret-0123',
  audit: 'test-audit-key-test-audit-key-test-0123',
} as const;

let migrated: Buffer | undefined;

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private t: number) {}
  now = () => new Date(this.t);
  set(iso: string | Date) {
    this.t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  }
  advanceHours(h: number) {
    this.t += h * 3_600_000;
  }
}

export interface TestServer {
  baseUrl: string;
  /** Every route the app serves, as "METHOD /path" (for the authorization matrix). */
  routes: string[];
  db: Db;
  deps: Deps;
  clock: TestClock;
  /** The process state readiness reads (stopping, scheduler, backups). */
  status: RuntimeStatus;
  /** An API client (shared typed client, responses validated) signed in as a demo account. */
  as(account: string): Promise<ApiClient & { http: AxiosInstance; token: string; userId: string }>;
  anonymous(): ApiClient & { http: AxiosInstance };
  close(): Promise<void>;
}

/**
 * The HTTP identity provider client with the test credentials (the stand-in checks none of them), speaking to the
 * stand-in provider mounted at `baseUrl`, through `doFetch` when given.
 */
export function testIdp(baseUrl: string, doFetch?: typeof fetch) {
  return createHttpIdp({
    zlbBaseUrl: `${baseUrl}/mock-idp/zlb`,
    zlbAppId: 'test',
    dingBaseUrl: `${baseUrl}/mock-idp/ding`,
    dingAppKey: 'k',
    dingAppSecret: 's',
    dingAgentId: '1',
    fetch: doFetch,
  });
}

/**
 * The real app over a fresh in-memory database (or the given file), listening on a real port; the identity
 * provider client speaks HTTP to the stand-in provider mounted in the same app.
 */
export async function startTestServer(
  options: {
    now?: string;
    tokenTtlSeconds?: number;
    rateLimits?: Partial<RateLimits>;
    dbFile?: string;
    trustedProxies?: string[];
    /** The operator's side (logs, /metrics access, readiness): see tests/server/operations.test.ts. */
    ops?: Pick<AppOptions, 'logger' | 'status' | 'metricsAccess' | 'outboxBacklogWarn' | 'dataDir'>;
  } = {},
): Promise<TestServer> {
  const clock = new TestClock(Date.parse(options.now ?? '2026-03-02T02:00:00Z'));
  // in memory: a copy of one migrated database per test process, not every migration again
  const db = openDatabase(options.dbFile ?? (migrated ??= openDatabase(':memory:').serialize()));
  seedReference(db);
  seedAccounts(db, clock.now());
  let app: ReturnType<typeof createApp>['app'] | undefined;
  const idp = testIdp('http://idp.test', ((url: string, init?: RequestInit) => app!.request(url, init)) as typeof fetch);
  const built = createApp({
    db,
    clock,
    idp,
    tokens: { secret: TEST_SECRETS.token, ttlSeconds: options.tokenTtlSeconds ?? 60 * 86_400 },
    auditSecret: TEST_SECRETS.audit,
    version: 'test',
    demoMode: true,
    publicBaseUrl: 'https://minqing.example.cn',
    // tests sign in and submit far more often than a person; the limits have their own test
    rateLimits: options.rateLimits ?? {
      submitPerUserPerHour: 0,
      submitPerIpPerMinute: 0,
      signInPerIpPerMinute: 0,
      passwordFailuresPerAccount: 0,
      passwordFailuresPerIp: 0,
      uploadPerUserPerMinute: 0,
      transitionPerUserCasePerMinute: 0,
      transitionPerUserPerMinute: 0,
    },
    trustedProxies: options.trustedProxies,
    ...options.ops,
  });
  app = built.app;
  const server = createServer(built.listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const client = (token?: string) => {
    const http = axios.create({ baseURL: baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
    return Object.assign(createApiClient(http, { validate: true }), { http });
  };
  const routes = [...new Set(built.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
  return {
    baseUrl,
    routes,
    db,
    deps: built.deps,
    clock,
    status: built.status,
    anonymous: () => client(),
    async as(account: string) {
      const anon = client();
      const code = await anon.mockIdp.ticket(account);
      const auth = code.ticket ? await anon.auth.citizen(code.ticket) : await anon.auth.staff(code.authCode!);
      return Object.assign(client(auth.token), { token: auth.token, userId: auth.user.id });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          db.close();
          resolve();
        });
      }),
  };
}

/**
 * The demo database as `npm run seed` writes it at `now`, without a server: the reference data, the demo accounts and
 * `cases` demo cases (the demo's default without), at `file` (a path, or ':memory:').
 */
export function seededDatabase(file: string, now: Date, cases?: number): Db {
  const db = openDatabase(file);
  seedReference(db);
  seedAccounts(db, now);
  seedDemoCases(db, TEST_SECRETS, now, cases);
  return db;
}

/** Awaits a call that must fail, and returns the API's status and error body. */
export async function apiError(call: Promise<unknown>): Promise<{ status: number; code: string; field?: string; message: string }> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AxiosError && err.response) {
      const body = err.response.data as { error: { code: string; field?: string; message: string } };
      return { status: err.response.status, ...body.error };
    }
    throw err;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Uploads ONE_PIXEL_PNG as the client's user, as the apps do (POST /api/uploads); returns the upload's id. */
export async function uploadPhoto(client: { http: AxiosInstance }, name = 'photo.png'): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(ONE_PIXEL_PNG)], { type: 'image/png' }), name);
  return ((await client.http.post('/api/uploads', form)).data as { id: string }).id;
}

let keyCounter = 0;
export const newKey = () => `test-key-${Date.now()}-${++keyCounter}`;

export const validCase = (over: Record<string, unknown> = {}) => ({
  deputyCode: 'D001',
  type: 'help' as const,
  title: '路灯坏了',
  body: '当湖街道东湖社区主干道的路灯坏了两个星期，晚上很黑，请尽快维修。',
  contactPhone: '13857310001',
  ...over,
});
