/** `npm run seed`: migrate and seed reference data (and demo data, as `npm start` would: lib/demo-default.ts) without starting the server. */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase } from '../server/src/db/open.js';
import { parseEnv } from '../server/src/env.js';
import { serverSecret } from '../server/src/secrets.js';
import { seedAccounts, seedDemoCases } from '../server/src/seed/demo.js';
import { seedReference } from '../server/src/seed/reference.js';
import { askForDemoModeUnlessSaidOtherwise } from './lib/demo-default.js';

askForDemoModeUnlessSaidOtherwise();
const env = parseEnv();
const file = resolve(env.DB_FILE);
mkdirSync(dirname(file), { recursive: true });
const db = openDatabase(file);
const started = performance.now();
seedReference(db);
if (env.demoMode) {
  seedAccounts(db, new Date());
  const secrets = {
    token: env.TOKEN_SECRET ?? randomBytes(32).toString('hex'),
    audit: serverSecret('AUDIT_SECRET', env.AUDIT_SECRET, file, true),
  };
  const n = seedDemoCases(db, secrets, new Date());
  console.log(`demo cases added: ${n}`);
}
console.log(`seeded ${file} in ${Math.round(performance.now() - started)} ms`);
db.close();
