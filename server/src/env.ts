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
  /** The identity providers (浙里办 for citizens, the workplace app for staff): required outside demo mode. */
  ZLB_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  ZLB_APP_ID: z.string().min(1).optional(),
  DING_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DING_APP_KEY: z.string().min(1).optional(),
  DING_APP_SECRET: z.string().min(1).optional(),
  DING_AGENT_ID: z.string().min(1).optional(),
  DING_CORP_ID: z.string().min(1).optional(),
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
  /** pino's levels: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Human-readable logs (pino-pretty, a development dependency): `npm start` turns it on at a terminal. */
  LOG_PRETTY: flag.default(false),
  /** A bearer token that may read /metrics from anywhere. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Addresses (IPs or CIDRs) that may read /metrics without the token; demo mode adds loopback. */
  METRICS_ALLOW: z.string().default(''),
  /** How long in-flight requests may take to finish after SIGTERM before the server exits anyway. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(10),
  /** Scheduled online backups: where (default: backups/ beside DB_FILE), how often (0 = off), how many kept. */
  BACKUP_DIR: z.string().optional(),
  BACKUP_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(24 * 60),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  /** Readiness warns when more notifications than this wait to be delivered. */
  OUTBOX_BACKLOG_WARN: z.coerce.number().int().min(1).default(1000),
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

/** Every setting the server reads (docs/operations.md lists each). */
export const SETTING_NAMES = Object.keys(envSchema.shape);

const list = (v: string) => v.split(/[\s,]+/).filter(Boolean);

/** A configuration the server cannot run with; its message says why in Chinese and English. */
export class EnvError extends Error {}

/** Printed (stderr) when a server starts in demo mode. */
export const DEMO_WARNING = [
  '警告：演示模式已开启（DEMO_MODE=1）。模拟统一身份认证 /mock-idp 可让任何人以任意账号（包括管理员）登录，页面显示“演示环境”标识。切勿用于真实数据，切勿对公众开放。',
  'WARNING: demo mode is on (DEMO_MODE=1). The stand-in identity provider at /mock-idp signs anyone in as any account, admin included, and pages show a 演示环境 ribbon. Never use it with real data or open it to the public.',
].join('\n');

/** Parses the environment (every script); `parseServerEnv` adds what serving requires. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env) {
  // an empty value is an unset one: compose and systemd files write `NAME=` for "not given"
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '')));
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
    metricsAllow: list(e.METRICS_ALLOW),
    /** Outside demo mode parseServerEnv has made sure each is set; the demo's stand-ins answer to these. */
    idpApp: {
      zlbAppId: e.ZLB_APP_ID ?? 'minqingtong-demo',
      dingAppKey: e.DING_APP_KEY ?? 'demo-app-key',
      dingAppSecret: e.DING_APP_SECRET ?? 'demo-app-secret',
      dingAgentId: e.DING_AGENT_ID ?? '10001',
      dingCorpId: e.DING_CORP_ID ?? 'ding-demo-corp',
    },
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

/** What signing real people in needs from the two identity providers (the demo has stand-ins). */
const IDP_SETTINGS = [
  { name: 'ZLB_BASE_URL', zh: '浙里办统一身份认证接口地址', en: "the citizens' identity provider (浙里办) API address" },
  { name: 'ZLB_APP_ID', zh: '浙里办应用编号', en: 'the application id registered with 浙里办' },
  { name: 'DING_BASE_URL', zh: '工作台（浙政钉）接口地址', en: "the staff's workplace app API address" },
  { name: 'DING_APP_KEY', zh: '工作台应用 AppKey', en: "the workplace app's AppKey" },
  { name: 'DING_APP_SECRET', zh: '工作台应用 AppSecret', en: "the workplace app's AppSecret" },
  { name: 'DING_AGENT_ID', zh: '工作台应用 AgentId（发送工作通知）', en: "the workplace app's AgentId (sends work notices)" },
  { name: 'DING_CORP_ID', zh: '工作台组织 CorpId', en: "the workplace organisation's CorpId" },
] as const;

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
    ...IDP_SETTINGS.filter((s) => !env[s.name]),
  ].filter((m) => m !== false);
  if (missing.length === 0) return env;
  throw new EnvError(
    [
      `未开启演示模式（DEMO_MODE=1），缺少 ${missing.length} 项必需的设置：`,
      `Demo mode is off (DEMO_MODE=1 turns it on), so these ${missing.length} settings must be set:`,
      ...missing.map((m) => `  - ${m.name}：${m.zh} / ${m.en}`),
      '见 docs/operations.md（see docs/operations.md）。',
    ].join('\n'),
  );
}
