import type { RequestListener } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import type { Db } from './db/open.js';
import { buildDeps, systemClock, type Clock, type Deps } from './deps.js';
import { authenticate, Sessions, type AppEnv, type TokenConfig } from './http/auth.js';
import { strictJson } from './http/body.js';
import { limitBodies } from './http/body-limit.js';
import { addressMatcher, clientAddressResolver, clientIpResolver, trustedProxyList } from './http/client-ip.js';
import { PasswordGuard } from './http/password-guard.js';
import { DEFAULT_RATE_LIMITS, rateLimit, type RateLimits } from './http/rate-limit.js';
import { errorBody, onError } from './http/errors.js';
import { revalidation } from './http/etag.js';
import { securityHeaders } from './http/security-headers.js';
import { staticApps } from './http/static.js';
import type { IdentityProvider } from './idp/client.js';
import { createMockIdp } from './idp/mock.js';
import { activeSessionUser } from './domain/session.js';
import { adminRoutes } from './routes/admin.js';
import { authRoutes } from './routes/auth.js';
import { caseRoutes } from './routes/cases.js';
import { deputyRoutes, referenceRoutes } from './routes/reference.js';
import { fieldRoutes } from './routes/field.js';
import { screenCredentialRoutes } from './routes/screen-credentials.js';
import { settingsRoutes } from './routes/settings.js';
import { hotspotRoutes } from './routes/hotspots.js';
import { meRoutes } from './routes/misc.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { requestLog } from './http/request-log.js';
import { createLogger, type Logger } from './ops/logger.js';
import { createMetrics, type Metrics } from './ops/metrics.js';
import { RuntimeStatus } from './ops/status.js';
import { statsRoutes } from './routes/stats.js';
import { uploadRoutes } from './routes/uploads.js';

export interface AppOptions {
  db: Db;
  idp: IdentityProvider;
  clock?: Clock;
  tokens: TokenConfig;
  /** The audit chain's key (AUDIT_SECRET): every event is hashed with it. */
  auditSecret: string;
  version?: string;
  /** Serve the stand-in identity provider at /mock-idp. */
  demoMode?: boolean;
  /** Where the built apps are; omit to serve the API only. */
  distDir?: string;
  /**
   * Where the apps are reached from outside, for QR codes: PUBLIC_BASE_URL, or in demo mode this
   * server's own origin (known once it listens). Never the request's Host header: that is the caller's.
   */
  publicBaseUrl: string | (() => string);
  /** Host apps allowed to embed us in a frame (super-app, workplace app). */
  frameAncestors?: string[];
  /** The workplace app's organisation (DingTalk corpId) the staff app asks an auth code for. */
  dingCorpId?: string;
  rateLimits?: Partial<RateLimits>;
  /** Proxies (IPs or CIDRs) whose X-Forwarded-For names the client (TRUSTED_PROXIES); none: the connecting address is the client. */
  trustedProxies?: readonly string[];
  /** The 马上分 model (server/model/classifier.json unless given). */
  classifierFile?: string;
  /** Where log lines go; none: nothing is logged (tests). */
  logger?: Logger;
  /** The process's own state (stopping, scheduler, backups); main.ts shares it with the workers. */
  status?: RuntimeStatus;
  /** Who may read /metrics: a bearer token (METRICS_TOKEN) and addresses (METRICS_ALLOW). */
  metricsAccess?: { token?: string; allow: readonly string[] };
  /** Readiness warns above this many undelivered notifications. */
  outboxBacklogWarn?: number;
  /** The database's folder, for readiness's free-space check. */
  dataDir?: string;
}

/**
 * Builds the whole HTTP app over already-open resources; only main.ts opens real ones.
 * `listener` is what a Node HTTP server runs: the body limits first, then the app.
 */
export function createApp(options: AppOptions): {
  app: Hono<AppEnv>;
  deps: Deps;
  listener: RequestListener;
  metrics: Metrics;
  status: RuntimeStatus;
  logger: Logger;
} {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: 'silent' });
  const deps = buildDeps(options.db, clock, { token: options.tokens.secret, audit: options.auditSecret }, options.classifierFile, (m) =>
    logger.info(m),
  );
  const base = options.publicBaseUrl;
  const ctx = {
    idp: options.idp,
    tokens: options.tokens,
    version: options.version ?? '0.0.0',
    publicBaseUrl: typeof base === 'string' ? () => base : base,
  };

  const status = options.status ?? new RuntimeStatus({ now: clock.now(), schedulerEnabled: false, backupIntervalMinutes: 0 });
  const metrics = createMetrics(deps, status);
  const sessions = new Sessions(options.tokens, activeSessionUser);
  // a list, a case, the cockpit's figures or the notices asked again before anything changed: 304
  const revalidate = revalidation();
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const MINUTE = 60_000;
  // the one place a client's address comes from, for every limit
  const trusted = options.trustedProxies?.length ? trustedProxyList(options.trustedProxies) : null;
  const clientIp = clientIpResolver(trusted);
  const passwords = new PasswordGuard({ perAccount: limits.passwordFailuresPerAccount, perIp: limits.passwordFailuresPerIp });
  const onPost = (keyOf: (c: Context<AppEnv>) => string) => (c: Context<AppEnv>) => (c.req.method === 'POST' ? keyOf(c) : null);
  const byUser = (c: Context<AppEnv>) => c.get('user')?.id ?? `ip:${clientIp(c)}`;
  // ticket and auth-code exchanges share one count, apart from wrong passwords (counted by PasswordGuard)
  const exchanges = rateLimit(limits.signInPerIpPerMinute, MINUTE, onPost(clientIp));
  // a case named by its id or its tracking number is the same case, counted once
  const byUserAndCase = (c: Context<AppEnv>) => {
    const ref = c.req.param('id') ?? '';
    return `${byUser(c)}:${deps.cases.find(ref)?.id ?? ref}`;
  };
  const api = new Hono<AppEnv>()
    .use(authenticate(sessions))
    .use('/cases', rateLimit(limits.submitPerIpPerMinute, MINUTE, onPost(clientIp)))
    .use('/cases', rateLimit(limits.submitPerUserPerHour, 60 * MINUTE, onPost(byUser)))
    .use('/auth/citizen', exchanges)
    .use('/auth/staff', exchanges)
    .use('/uploads', rateLimit(limits.uploadPerUserPerMinute, MINUTE, onPost(byUser)))
    // every lifecycle step may notify someone: 60 parallel supplements were 60 work notices
    // (the case's limit first: what it refuses does not use up the user's budget for other cases)
    .use('/cases/:id/transitions', rateLimit(limits.transitionPerUserCasePerMinute, MINUTE, onPost(byUserAndCase)))
    .use('/cases/:id/transitions', rateLimit(limits.transitionPerUserPerMinute, MINUTE, onPost(byUser)))
    // signed-in citizens only (the route answers 401 to anyone else, uncounted)
    .use(
      '/cases/similar',
      rateLimit(limits.similarPerUserPerMinute, MINUTE, (c) => c.get('user')?.id ?? null),
    )
    .route(
      '/health',
      healthRoutes(status, { releaseId: ctx.version, outboxBacklogWarn: options.outboxBacklogWarn ?? 1000, dataDir: options.dataDir }),
    )
    .route('/auth', authRoutes(ctx, { passwords, clientIp }))
    .route('/me', meRoutes(revalidate))
    .route('/deputies', deputyRoutes(ctx))
    .route('/', referenceRoutes())
    .route('/uploads', uploadRoutes())
    .route('/cases', caseRoutes(revalidate))
    .route('/stats', statsRoutes(revalidate))
    .route('/', fieldRoutes(ctx))
    .route('/settings', settingsRoutes())
    .route('/hotspots', hotspotRoutes())
    .route('/screen-credentials', screenCredentialRoutes(ctx))
    .route('/admin', adminRoutes({ demoMode: options.demoMode ?? false }))
    .all('*', (c) => c.json(errorBody('not_found', '接口不存在'), 404));

  const app = new Hono<AppEnv>();
  app.use(requestLog(logger, metrics.observeRequest));
  app.use(securityHeaders(options.frameAncestors));
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(strictJson);
  app.onError(onError);
  app.notFound((c) => c.json(errorBody('not_found', '页面不存在'), 404));
  app.route('/api', api);
  app.route(
    '/metrics',
    metricsRoutes(metrics, {
      token: options.metricsAccess?.token,
      allowed: addressMatcher(options.metricsAccess?.allow ?? []),
      addressOf: clientAddressResolver(trusted),
    }),
  );
  if (options.demoMode) app.route('/mock-idp', createMockIdp(options.db, clock));
  if (options.distDir) app.route('/', staticApps(options.distDir, { dingCorpId: options.dingCorpId, demoMode: options.demoMode ?? false }));
  const listener = limitBodies(getRequestListener(app.fetch), logger);
  return { app, deps, listener, metrics, status, logger };
}
