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
  it('should verify an untouched timeline and detect a changed, removed or reordered event', () => {
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
    const other = db.prepare('SELECT case_id FROM case_events WHERE case_id <> ? AND seq = 2 LIMIT 1').get(victim.case_id) as { case_id: string };
    db.prepare('DELETE FROM case_events WHERE case_id = ? AND seq = 2').run(other.case_id);
    const removed = auditVerify(file);
    expect(removed.stdout).toContain(other.case_id);
    db.close();
    rmSync(dir, { recursive: true });
  });
});
