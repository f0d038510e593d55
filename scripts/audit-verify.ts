/** `npm run audit:verify`: checks every case's event chain in DB_FILE under the audit key; exits 1 on any break. */
import Database from 'better-sqlite3';
import { verifyDatabase } from '../server/src/domain/audit.js';
import { parseEnv } from '../server/src/env.js';
import { existingSecret } from '../server/src/secrets.js';

const env = parseEnv();
const file = process.argv[2] ?? env.DB_FILE;
// the key the server hashes with: AUDIT_SECRET, or the demo key beside the database
let key: string;
try {
  key = existingSecret('AUDIT_SECRET', env.AUDIT_SECRET, file);
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const db = new Database(file, { readonly: true, fileMustExist: true });
const started = performance.now();
const result = verifyDatabase(db, key);
const ms = Math.round(performance.now() - started);
console.log(`审计校验 ${file}: ${result.cases} 件民情件, ${result.events} 条记录, ${ms} ms`);
if (result.sealed) console.log(`  ${result.sealed} 条记录写于启用审计密钥之前，按启用时的封存校验`);
for (const p of result.problems.slice(0, 50)) console.log(`  ✗ ${p.caseId} #${p.seq}: ${p.problem}`);
if (result.problems.length) {
  console.log(`发现 ${result.problems.length} 处问题：记录可能被篡改`);
  process.exit(1);
}
console.log('全部链条完整 ✓');
