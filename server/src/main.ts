import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { openDatabase } from './db/open.js';
import { systemClock } from './deps.js';
import { deliverOutbox } from './domain/outbox.js';
import { schedulerTick } from './domain/scheduler.js';
import { DEMO_WARNING, EnvError, parseServerEnv } from './env.js';
import { createHttpIdp } from './idp/client.js';
import { serverSecret } from './secrets.js';
import { seedAccounts, seedDemoCases } from './seed/demo.js';
import { seedReference } from './seed/reference.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
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
if (env.demoMode) console.error(DEMO_WARNING);
const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;

const dbFile = resolve(root, env.DB_FILE);
mkdirSync(dirname(dbFile), { recursive: true });
const db = openDatabase(dbFile);

const secret = serverSecret('TOKEN_SECRET', env.TOKEN_SECRET, dbFile, env.demoMode);
const auditSecret = serverSecret('AUDIT_SECRET', env.AUDIT_SECRET, dbFile, env.demoMode);

seedReference(db);
if (env.demoMode) {
  seedAccounts(db, new Date());
  const n = seedDemoCases(db, { token: secret, audit: auditSecret }, new Date(), env.DEMO_CASES);
  if (n) console.log(`已生成演示数据：${n} 件历史民情件`);
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
  zlbAppId: env.ZLB_APP_ID,
  dingBaseUrl: env.dingBaseUrl ?? ownIdp('ding'),
  dingAppKey: env.DING_APP_KEY,
  dingAppSecret: env.DING_APP_SECRET,
  dingAgentId: env.DING_AGENT_ID,
});
const { deps, listener } = createApp({
  db,
  clock: systemClock,
  idp,
  tokens: { secret, ttlSeconds: Math.round(env.TOKEN_TTL_HOURS * 3600) },
  auditSecret,
  version,
  demoMode: env.demoMode,
  distDir: resolve(root, 'dist'),
  publicBaseUrl: env.publicBaseUrl ?? ownOrigin,
  frameAncestors: env.frameAncestors,
  dingCorpId: env.DING_CORP_ID,
  rateLimits: env.rateLimits,
  trustedProxies: env.trustedProxies,
});

const server = createServer(listener);
server.listen(env.PORT, env.HOST, () => {
  const info = server.address() as AddressInfo;
  listeningPort = info.port;
  const base = `http://localhost:${info.port}`;
  console.log(`民情通已启动 ${base}`);
  console.log(`  群众端 ${base}/citizen/    工作端 ${base}/deputy/    接口 ${base}/api/health`);
  if (env.demoMode) console.log(`  演示模式：模拟统一身份认证 ${base}/mock-idp/accounts（见 README 的演示账号）`);
});

const timers: NodeJS.Timeout[] = [];
if (env.SCHEDULER) {
  timers.push(
    setInterval(() => {
      try {
        schedulerTick(deps);
      } catch (err) {
        console.error('[scheduler]', err);
      }
    }, 60_000),
  );
}
// The outbox worker: one pass at a time, every 2 seconds.
let delivering = false;
timers.push(
  setInterval(() => {
    if (delivering) return;
    delivering = true;
    deliverOutbox(deps, idp)
      .catch((err) => console.error('[outbox]', err))
      .finally(() => {
        delivering = false;
      });
  }, 2000),
);

function shutdown() {
  for (const t of timers) clearInterval(t);
  server.close(() => {
    db.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
