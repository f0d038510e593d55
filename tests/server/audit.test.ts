import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/open.js';
import { seedAccounts, seedDemoCases } from '../../server/src/seed/demo.js';
import { seedReference } from '../../server/src/seed/reference.js';

function auditVerify(file: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', file], { encoding: 'utf8' });
}

describe('the audit chain', () => {
  it('should verify an untouched timeline and detect a changed event, a removed one and removed newest ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-audit-'));
    const file = join(dir, 'audit.db');
    const db = openDatabase(file);
    const now = new Date('2026-06-01T02:00:00Z');
    seedReference(db);
    seedAccounts(db, now);
    seedDemoCases(db, 'secret', now, 40);

    const ok = auditVerify(file);
    expect(ok.stdout).toContain('全部链条完整');
    expect(ok.status).toBe(0);

    // someone with file access bypasses the append-only triggers and edits a reply
    db.exec('DROP TRIGGER case_events_no_update; DROP TRIGGER case_events_no_delete;');
    const victim = db.prepare("SELECT id, case_id, seq FROM case_events WHERE action = 'reply' LIMIT 1").get() as { id: number; case_id: string; seq: number };
    db.prepare("UPDATE case_events SET note = '已全部解决' WHERE id = ?").run(victim.id);
    const changed = auditVerify(file);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain(`${victim.case_id} #${victim.seq}`);

    // …or deletes an event in the middle of another case's timeline
    const eventCounts = db.prepare('SELECT case_id AS id, count(*) AS n FROM case_events WHERE case_id <> ? GROUP BY case_id HAVING n >= 3 ORDER BY case_id').all(victim.case_id) as { id: string; n: number }[];
    const middle = eventCounts[0]!.id;
    db.prepare('DELETE FROM case_events WHERE case_id = ? AND seq = 2').run(middle);
    const removed = auditVerify(file);
    expect(removed.status).toBe(1);
    expect(removed.stdout).toContain(`${middle} #3`);

    // …or removes the newest events of a third, which no link after them could show
    const tail = eventCounts[1]!;
    db.prepare('DELETE FROM case_events WHERE case_id = ? AND seq >= ?').run(tail.id, tail.n - 1);
    const cut = auditVerify(file);
    expect(cut.status).toBe(1);
    expect(cut.stdout).toContain(`${tail.id} #${tail.n - 2}: 最新的记录与民情件登记的不符`);
    // and the untouched cases still verify: only these three are reported
    const reported = new Set([...cut.stdout.matchAll(/✗ (\S+) #/g)].map((m) => m[1]));
    expect([...reported].sort()).toEqual([victim.case_id, middle, tail.id].sort());
    db.close();
    rmSync(dir, { recursive: true });
  });
});
