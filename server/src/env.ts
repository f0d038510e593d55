import { z } from 'zod';
import { trustedProxyList } from './http/client-ip.js';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** All configuration comes from the environment, parsed once here. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DB_FILE: z.string().default('data/minqing.db'),
  /**
   * Serve the stand-in identity provider (/mock-idp), seed demo data and show the 演示环境 ribbon.
   * Off unless asked for (`npm start` asks): the stand-in signs anyone in as an admin.
   */
  DEMO_MODE: flag.default(false),
  TOKEN_SECRET: z.string().min(32).optional(),
  /** The audit chain's key (HMAC of every case event); kept apart from the database. */
  AUDIT_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Where the apps are reached from outside: what QR codes point at. Required unless in demo mode. */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: '须为 http(s) 地址（must be an http(s) URL）' })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
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

/** A configuration the server cannot run with; its message says why in Chinese and English. */
export class EnvError extends Error {}

/** Printed (stderr) when a server starts in demo mode. */
export const DEMO_WARNING = [
  '警告：演示模式已开启（DEMO_MODE=1）。模拟统一身份认证 /mock-idp 可让任何人以任意账号（包括管理员）登录，页面显示“演示环境”标识。切勿用于真实数据，切勿对公众开放。',
  'WARNING: demo mode is on (DEMO_MODE=1). The stand-in identity provider at /mock-idp signs anyone in as any account, admin included, and pages show a 演示环境 ribbon. Never use it with real data or open it to the public.',
].join('\n');

/** Parses the environment (every script); `parseServerEnv` adds what serving requires. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.');
    throw new EnvError(`环境变量 ${name} 不正确：${issue.message}\nEnvironment variable ${name} is invalid: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    ...e,
    demoMode: e.DEMO_MODE,
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

/**
 * The environment the server runs with. Outside demo mode it signs real users in and prints
 * QR codes for posters, so it needs its own token and audit secrets and the address the public reaches it
 * at (a Host header is the caller's to choose): without them it refuses to start.
 */
export function parseServerEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = parseEnv(source);
  if (env.demoMode) return env;
  const missing = [
    !env.TOKEN_SECRET && {
      name: 'TOKEN_SECRET',
      zh: '至少 32 个字符，用于签发登录凭证',
      en: 'at least 32 characters, signs sign-in tokens',
    },
    !env.AUDIT_SECRET && {
      name: 'AUDIT_SECRET',
      zh: '至少 32 个字符，审计链的密钥，存放在数据库之外',
      en: 'at least 32 characters, keys the audit chain, kept outside the database',
    },
    !env.publicBaseUrl && {
      name: 'PUBLIC_BASE_URL',
      zh: '群众访问的地址，二维码指向它，如 https://minqing.example.gov.cn',
      en: 'the address the public reaches, what QR codes point at, e.g. https://minqing.example.gov.cn',
    },
  ].filter((m) => m !== false);
  if (missing.length === 0) return env;
  throw new EnvError(
    [
      `未开启演示模式（DEMO_MODE=1），必须设置：${missing.map((m) => `${m.name}（${m.zh}）`).join('；')}。`,
      `Demo mode is off (DEMO_MODE=1 turns it on), so these must be set: ${missing.map((m) => `${m.name} (${m.en})`).join('; ')}.`,
    ].join('\n'),
  );
}
