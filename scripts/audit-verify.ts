/** `npm run audit:verify`: checks every case's event hash chain in DB_FILE; exits 1 on any break. */
import Database from 'better-sqlite3';
import { verifyChains, type HashedEventFields } from '../server/src/domain/audit.js';
import { parseEnv } from '../server/src/env.js';

const file = process.argv[2] ?? parseEnv().DB_FILE;
const db = new Database(file, { readonly: true, fileMustExist: true });
const started = performance.now();
const rows = db
  .prepare('SELECT * FROM case_events ORDER BY case_id, seq')
  .iterate() as IterableIterator<HashedEventFields & { prev_hash: string | null; hash: string | null }>;
const heads = new Map(
  (db.prepare('SELECT id, last_event_hash FROM cases').all() as { id: string; last_event_hash: string | null }[]).map((c) => [c.id, c.last_event_hash]),
);
const result = verifyChains(rows, heads);
const ms = Math.round(performance.now() - started);
console.log(`审计校验 ${file}: ${result.cases} 件民情件, ${result.events} 条记录, ${ms} ms`);
if (result.unchained) console.log(`  ${result.unchained} 条记录早于哈希链（迁移 2 之前写入），未纳入校验`);
for (const p of result.problems.slice(0, 50)) console.log(`  ✗ ${p.caseId} #${p.seq}: ${p.problem}`);
if (result.problems.length) {
  console.log(`发现 ${result.problems.length} 处问题：记录可能被篡改`);
  process.exit(1);
}
console.log('全部链条完整 ✓');
