import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { openDatabase } from './db/open.js';
import { systemClock } from './deps.js';
import { DEMO_WARNING, EnvError, parseServerEnv } from './env.js';
import { createHttpIdp } from './idp/client.js';
import { createLogger } from './ops/logger.js';
import { gracefulShutdown } from './ops/shutdown.js';
import { RuntimeStatus } from './ops/status.js';
import { startWorkers } from './ops/workers.js';
import { ROOT_DIR } from './paths.js';
import { serverSecret } from './secrets.js';
import { seedAccounts, seedDemoCases } from './seed/demo.js';
import { seedReference } from './seed/reference.js';

const env = (() => {
  try {
    return parseServerEnv();
  } catch (err) {
    // a configuration mistake is the operator's to fix: say what, not where in our code
    if (!(err instanceof EnvError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
})();
const log = createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
process.on('uncaughtException', (err) => {
  log.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
// on stderr, apart from the log: whoever starts a demo sees it even with the log sent elsewhere
if (env.demoMode) console.error(DEMO_WARNING);
const version = (JSON.parse(readFileSync(resolve(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;

const dbFile = resolve(ROOT_DIR, env.DB_FILE);
const dataDir = dirname(dbFile);
mkdirSync(dataDir, { recursive: true });
const db = openDatabase(dbFile);

const secret = serverSecret('TOKEN_SECRET', env.TOKEN_SECRET, dbFile, env.demoMode);
const auditSecret = serverSecret('AUDIT_SECRET', env.AUDIT_SECRET, dbFile, env.demoMode);

seedReference(db);
if (env.demoMode) {
  seedAccounts(db, new Date());
  const n = seedDemoCases(db, { token: secret, audit: auditSecret }, new Date(), env.DEMO_CASES);
  if (n) log.info(`已生成演示数据：${n} 件历史民情件`);
}

let listeningPort = env.PORT;
const ownIdp = (path: string) => () => `http://127.0.0.1:${listeningPort}/mock-idp/${path}`;
/** This server as configured (HOST, and PORT once listening): what a demo's QR codes point at without PUBLIC_BASE_URL. */
const ownOrigin = () => {
  const host = ['0.0.0.0', '::', ''].includes(env.HOST) ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  return `http://${host}:${listeningPort}`;
};
const idp = createHttpIdp({
  zlbBaseUrl: env.zlbBaseUrl ?? ownIdp('zlb'),
  zlbAppId: env.idpApp.zlbAppId,
  dingBaseUrl: env.dingBaseUrl ?? ownIdp('ding'),
  dingAppKey: env.idpApp.dingAppKey,
  dingAppSecret: env.idpApp.dingAppSecret,
  dingAgentId: env.idpApp.dingAgentId,
});
const backupIntervalMinutes = env.BACKUP_INTERVAL_MINUTES;
const status = new RuntimeStatus({ now: new Date(), schedulerEnabled: env.SCHEDULER, backupIntervalMinutes });
const { deps, listener, metrics } = createApp({
  db,
  clock: systemClock,
  idp,
  tokens: { secret, ttlSeconds: Math.round(env.TOKEN_TTL_HOURS * 3600) },
  auditSecret,
  version,
  demoMode: env.demoMode,
  distDir: resolve(ROOT_DIR, 'dist'),
  publicBaseUrl: env.publicBaseUrl ?? ownOrigin,
  frameAncestors: env.frameAncestors,
  dingCorpId: env.idpApp.dingCorpId,
  rateLimits: env.rateLimits,
  trustedProxies: env.trustedProxies,
  logger: log,
  status,
  // the demo's operator is at this machine; a real deployment names its scrapers
  metricsAccess: { token: env.METRICS_TOKEN, allow: env.demoMode ? ['127.0.0.1', '::1', ...env.metricsAllow] : env.metricsAllow },
  outboxBacklogWarn: env.OUTBOX_BACKLOG_WARN,
  dataDir,
});

const server = createServer(listener);
server.listen(env.PORT, env.HOST, () => {
  const info = server.address() as AddressInfo;
  listeningPort = info.port;
  const base = `http://localhost:${info.port}`;
  log.info({ port: info.port, version, demoMode: env.demoMode }, `民情通已启动 ${base}`);
  log.info(`群众端 ${base}/citizen/    工作端 ${base}/deputy/    健康检查 ${base}/api/health/ready`);
  if (env.demoMode) log.info(`演示模式：模拟统一身份认证 ${base}/mock-idp/accounts（见 README 的演示账号）`);
});

const workers = startWorkers(deps, idp, status, metrics, log, {
  scheduler: env.SCHEDULER,
  backups:
    backupIntervalMinutes > 0
      ? {
          dir: resolve(ROOT_DIR, env.BACKUP_DIR ?? join(dataDir, 'backups')),
          intervalMinutes: backupIntervalMinutes,
          keep: env.BACKUP_KEEP,
        }
      : null,
});

const shutdown = gracefulShutdown({
  server,
  status,
  workers,
  db,
  log,
  graceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
  exit: (code) => process.exit(code),
});
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
