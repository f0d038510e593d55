import { z } from 'zod';
import { trustedProxyList } from './http/client-ip.js';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** All configuration comes from the environment, parsed once here. */
const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DB_FILE: z.string().default('data/minqing.db'),
  /** Serve the stand-in identity provider (/mock-idp) and seed demo data. On unless production. */
  DEMO_MODE: flag.optional(),
  TOKEN_SECRET: z.string().min(32).optional(),
  /** The audit chain's key (HMAC of every case event); kept apart from the database. */
  AUDIT_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  PUBLIC_BASE_URL: z.string().url().optional(),
  ZLB_BASE_URL: z.string().url().optional(),
  ZLB_APP_ID: z.string().default('minqingtong-demo'),
  DING_BASE_URL: z.string().url().optional(),
  DING_APP_KEY: z.string().default('demo-app-key'),
  DING_APP_SECRET: z.string().default('demo-app-secret'),
  DING_AGENT_ID: z.string().default('10001'),
  DING_CORP_ID: z.string().default('ding-demo-corp'),
  FRAME_ANCESTORS: z.string().default(''),
  /** Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client; unset: none is trusted. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const entries = v.split(/[\s,]+/).filter(Boolean);
      try {
        trustedProxyList(entries);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
      return entries;
    }),
  SCHEDULER: flag.default(true),
  /** How many historical demo cases a new demo database gets. */
  DEMO_CASES: z.coerce.number().int().min(0).max(100_000).default(320),
  /** Abuse limits (0 = off); defaults in server/src/http/rate-limit.ts. */
  SUBMIT_PER_USER_PER_HOUR: z.coerce.number().int().min(0).optional(),
  SUBMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  SIGNIN_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  PASSWORD_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(0).optional(),
  PASSWORD_FAILURES_PER_IP: z.coerce.number().int().min(0).optional(),
  UPLOAD_PER_USER_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  TRANSITION_PER_USER_CASE_PER_MINUTE: z.coerce.number().int().min(0).optional(),
  TRANSITION_PER_USER_PER_MINUTE: z.coerce.number().int().min(0).optional(),
});

export type Env = ReturnType<typeof parseEnv>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`环境变量 ${issue.path.join('.')} 不正确：${issue.message}`);
  }
  const e = parsed.data;
  const demoMode = e.DEMO_MODE ?? e.NODE_ENV !== 'production';
  return {
    ...e,
    demoMode,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    /** Unset: the stand-in provider of this very server (its port is known once it listens). */
    zlbBaseUrl: e.ZLB_BASE_URL,
    dingBaseUrl: e.DING_BASE_URL,
    frameAncestors: e.FRAME_ANCESTORS.split(/[\s,]+/).filter(Boolean),
    trustedProxies: e.TRUSTED_PROXIES,
    rateLimits: Object.fromEntries(
      Object.entries({
        submitPerUserPerHour: e.SUBMIT_PER_USER_PER_HOUR,
        submitPerIpPerMinute: e.SUBMIT_PER_IP_PER_MINUTE,
        signInPerIpPerMinute: e.SIGNIN_PER_IP_PER_MINUTE,
        passwordFailuresPerAccount: e.PASSWORD_FAILURES_PER_ACCOUNT,
        passwordFailuresPerIp: e.PASSWORD_FAILURES_PER_IP,
        uploadPerUserPerMinute: e.UPLOAD_PER_USER_PER_MINUTE,
        transitionPerUserCasePerMinute: e.TRANSITION_PER_USER_CASE_PER_MINUTE,
        transitionPerUserPerMinute: e.TRANSITION_PER_USER_PER_MINUTE,
      }).filter(([, v]) => v !== undefined),
    ),
  };
}
