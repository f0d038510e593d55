import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/open.js';
import { buildDeps } from '../../server/src/deps.js';
import { sealUnkeyedChains } from '../../server/src/domain/audit.js';
import { transition } from '../../server/src/domain/cases.js';
import { sessionFromRow } from '../../server/src/domain/session.js';
import { canonical, type ChainedEvent } from '../../server/src/repos/event-hash.js';
import { userIdFor } from '../../server/src/seed/demo.js';
import { newKey, seededDatabase, startTestServer, TEST_SECRETS, validCase } from '../helpers/server.js';

/** `npm run audit:verify` on `file`, with the key the test server writes events with. */
function auditVerify(file: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts', file], {
    encoding: 'utf8',
    env: { ...process.env, AUDIT_SECRET: TEST_SECRETS.audit },
  });
}

/**
 * What someone who can write the database file but has no key does after editing events: recompute every
 * event's hash (the published recipe, plain SHA-256 over the fields and the previous hash) and the case's head.
 * The fields are laid out by the server's own `canonical`, so the forgery differs from a real chain only by the key.
 */
function recomputeChainWithoutKey(db: Db, caseId: string) {
  const rows = db.prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq').all(caseId) as (ChainedEvent & { id: number })[];
  let prev: string | null = null;
  for (const e of rows) {
    const hash: string = createHash('sha256').update(canonical(e, prev)).digest('hex');
    db.prepare('UPDATE case_events SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, e.id);
    prev = hash;
  }
  db.prepare('UPDATE cases SET last_event_hash = ? WHERE id = ?').run(prev, caseId);
}

/** When the seeded databases' demo cases were written. */
const SEEDED_AT = new Date('2026-06-01T02:00:00Z');

/** A database file `name` in a fresh temporary folder, with the reference data, the demo accounts and `cases` demo cases. */
function seededFile(name: string, cases: number) {
  const dir = mkdtempSync(join(tmpdir(), 'mq-audit-'));
  const file = join(dir, name);
  return { dir, file, db: seededDatabase(file, SEEDED_AT, cases) };
}

describe('the audit chain', () => {
  it('should verify a walked case clean, and catch an edited event whose chain was recomputed without the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mq-audit-'));
    const file = join(dir, 'audit.db');
    const s = await startTestServer({ dbFile: file });
    const citizen = await s.as('zlb-zhang');
    const deputy = await s.as('ding-d001');
    const office = await s.as('ding-office');
    const unit = await s.as('ding-unit-zjj');
    const { id } = await citizen.cases.create(validCase(), newKey());
    await deputy.cases.transition(id, { action: 'acknowledge', note: '收到' });
    await deputy.cases.transition(id, { action: 'forward', note: '请人大办交办' });
    await office.cases.transition(id, { action: 'assign', unitId: 'zjj', categoryId: 'construction' });
    await unit.cases.transition(id, { action: 'sign' });
    await unit.cases.transition(id, { action: 'reply', note: '路灯已于本周修复。' });
    const other = await citizen.cases.create(validCase({ title: '垃圾没人清运' }), newKey());

    const ok = auditVerify(file);
    expect(ok.stdout).toContain('全部链条完整');
    expect(ok.status).toBe(0);

    // the unit's reply is rewritten, bypassing the append-only triggers, and the chain recomputed as the code says
    s.db.exec('DROP TRIGGER case_events_no_update; DROP TRIGGER case_events_no_delete;');
    const reply = s.db.prepare("SELECT id, seq FROM case_events WHERE case_id = ? AND action = 'reply'").get(id) as {
      id: number;
      seq: number;
    };
    s.db.prepare("UPDATE case_events SET note = '不属于本单位职责，不予办理。' WHERE id = ?").run(reply.id);
    recomputeChainWithoutKey(s.db, id);
    const forged = auditVerify(file);
    expect(forged.status).toBe(1);
    expect(forged.stdout).toContain(`${id} #1`);
    // the untouched case is not reported
    expect(forged.stdout).not.toContain(other.id);
    await s.close();
    rmSync(dir, { recursive: true });
  });

  it('should verify an untouched timeline and detect a changed event, a removed one and removed newest ones', () => {
    const { dir, file, db } = seededFile('audit.db', 40);

    const ok = auditVerify(file);
    expect(ok.stdout).toContain('全部链条完整');
    expect(ok.status).toBe(0);

    // someone with file access bypasses the append-only triggers and edits a reply
    db.exec('DROP TRIGGER case_events_no_update; DROP TRIGGER case_events_no_delete;');
    const victim = db.prepare("SELECT id, case_id, seq FROM case_events WHERE action = 'reply' LIMIT 1").get() as {
      id: number;
      case_id: string;
      seq: number;
    };
    db.prepare("UPDATE case_events SET note = '已全部解决' WHERE id = ?").run(victim.id);
    const changed = auditVerify(file);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toContain(`${victim.case_id} #${victim.seq}`);

    // …or deletes an event in the middle of another case's timeline
    const eventCounts = db
      .prepare('SELECT case_id AS id, count(*) AS n FROM case_events WHERE case_id <> ? GROUP BY case_id HAVING n >= 3 ORDER BY case_id')
      .all(victim.case_id) as { id: string; n: number }[];
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
  it('should seal an old database’s unkeyed chains once, and catch an old event edited afterwards or a chain downgraded to no key', () => {
    const { dir, file, db } = seededFile('old.db', 12);
    // make it what a database written before the key looks like: unkeyed SHA-256 chains, and one case from
    // before the chain (migration 2) with no hashes at all
    db.exec('DROP TRIGGER case_events_no_update; DROP TRIGGER case_events_no_delete;');
    const ids = db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[];
    for (const id of ids) recomputeChainWithoutKey(db, id);
    const [open, downgraded] = db.prepare("SELECT id FROM cases WHERE status <> 'closed' ORDER BY id").pluck().all() as [string, string];
    const [unchained, brokenBefore, editedLater] = ids.filter((id) => id !== open && id !== downgraded) as [string, string, string];
    db.prepare('UPDATE case_events SET prev_hash = NULL, hash = NULL WHERE case_id = ?').run(unchained);
    db.prepare('UPDATE cases SET last_event_hash = NULL WHERE id = ?').run(unchained);
    // …one of whose chains was already broken: that is not sealed, so it stays reported
    db.prepare("UPDATE case_events SET note = '改过' WHERE case_id = ? AND seq = 1").run(brokenBefore);
    const reported = () => {
      const out = auditVerify(file);
      return { status: out.status, cases: [...new Set([...out.stdout.matchAll(/✗ (\S+) #/g)].map((m) => m[1]))].sort() };
    };
    expect(reported().cases).toEqual(ids); // before the upgrade no unkeyed event is trusted

    // the server starts with the key: the intact old chains are sealed, and new events are keyed
    const deps = buildDeps(db, { now: () => SEEDED_AT }, TEST_SECRETS);
    expect(db.prepare('SELECT count(*) FROM audit_seals').pluck().get()).toBe(ids.length - 1);
    const office = sessionFromRow(deps.users.get(userIdFor('ding-office'))!);
    transition(deps, office, open, { action: 'note', note: '启用密钥后的第一条记录' });
    transition(deps, office, downgraded, { action: 'note', note: '启用密钥后的记录' });
    expect(reported()).toEqual({ status: 1, cases: [brokenBefore] });

    // an old event edited afterwards, its unkeyed chain recomputed: the seal no longer matches
    db.prepare("UPDATE case_events SET note = '群众已撤回' WHERE case_id = ? AND seq = 1").run(editedLater);
    recomputeChainWithoutKey(db, editedLater);
    // a case with events after the upgrade rewritten whole without the key, as if it were all old
    db.prepare("UPDATE case_events SET note = '已办结' WHERE case_id = ? AND action = 'note'").run(downgraded);
    recomputeChainWithoutKey(db, downgraded);
    expect(reported()).toEqual({ status: 1, cases: [brokenBefore, downgraded, editedLater].sort() });
    // a restart seals nothing again, even with the seals gone
    db.exec('DROP TRIGGER audit_seals_no_delete');
    db.prepare('DELETE FROM audit_seals WHERE case_id IN (?, ?)').run(editedLater, downgraded);
    expect(sealUnkeyedChains(db, TEST_SECRETS.audit, SEEDED_AT)).toBeNull();
    expect(reported()).toEqual({ status: 1, cases: [brokenBefore, downgraded, editedLater].sort() });
    db.close();
    rmSync(dir, { recursive: true });
  });
});
