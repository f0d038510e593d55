import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import { auditRepo, type AuditRepo } from '../repos/audit.js';
import { KEYED, canonical, eventHash, type ChainedEvent, type HashedEventFields } from '../repos/event-hash.js';

/** The unkeyed hash of events written before the key: checked to seal them, and to tell which sealed event changed. */
function unkeyedHash(e: HashedEventFields, prevHash: string | null): string {
  return createHash('sha256').update(canonical(e, prevHash)).digest('hex');
}

/** Events 1..seq of a case written before the key, and the keyed chain recomputed over their fields. */
export interface Seal {
  seq: number;
  mac: string;
}

export interface ChainProblem {
  caseId: string;
  seq: number;
  problem: string;
}

/**
 * Checks every case's chain (rows ordered by case and seq) under the key. An event must carry a keyed
 * hash, unless a seal covers it: then the keyed chain over its case's first events, recomputed from
 * their fields, must end at the seal. `heads` (case id → the hash the case row says its newest event
 * has) catches what a chain cannot show by itself: its newest events removed.
 */
export function verifyChains(
  key: string,
  rows: Iterable<ChainedEvent>,
  known: { heads?: Map<string, string | null>; seals?: Map<string, Seal> } = {},
): { events: number; cases: number; sealed: number; problems: ChainProblem[] } {
  const { heads, seals = new Map<string, Seal>() } = known;
  const problems: ChainProblem[] = [];
  let events = 0;
  let sealed = 0;
  const cases = new Set<string>();
  let caseId = '';
  let seal: Seal | undefined;
  let prev: string | null = null; // the stored hash of the previous event
  let sealMac: string | null = null; // the keyed chain over the sealed events so far
  let unkeyedSeen = false; // reported once per case, not for every event after it
  let expectedSeq = 1;
  const endOfChain = () => {
    if (!caseId) return;
    if (seal && expectedSeq <= seal.seq) problems.push({ caseId, seq: expectedSeq - 1, problem: '封存的旧记录不全（被删除过）' });
    const head = heads?.get(caseId);
    if (head !== undefined && head !== null && head !== prev) {
      problems.push({ caseId, seq: expectedSeq - 1, problem: '最新的记录与民情件登记的不符（后面的记录被删除或替换过）' });
    }
  };
  for (const row of rows) {
    events++;
    if (row.case_id !== caseId) {
      endOfChain();
      caseId = row.case_id;
      cases.add(caseId);
      seal = seals.get(caseId);
      prev = null;
      sealMac = null;
      unkeyedSeen = false;
      expectedSeq = 1;
    }
    if (row.seq !== expectedSeq) problems.push({ caseId, seq: row.seq, problem: `序号不连续：应为 ${expectedSeq}` });
    expectedSeq = row.seq + 1;
    if (seal && row.seq <= seal.seq) {
      sealed++;
      // the old unkeyed hash still tells which event changed, when it was not recomputed
      if (row.hash !== null && (row.prev_hash !== prev || unkeyedHash(row, row.prev_hash) !== row.hash)) {
        problems.push({ caseId, seq: row.seq, problem: '内容与哈希不符（被改动过）' });
      }
      sealMac = eventHash(key, row, sealMac);
      if (row.seq === seal.seq && sealMac !== seal.mac)
        problems.push({ caseId, seq: row.seq, problem: '启用密钥前的记录与封存时不符（被改动过）' });
    } else if (!row.hash?.startsWith(KEYED)) {
      if (!unkeyedSeen)
        problems.push({ caseId, seq: row.seq, problem: '从此条起没有用审计密钥签名，也不在启用密钥时的封存里（被改写过）' });
      unkeyedSeen = true;
    } else {
      if (row.prev_hash !== prev) problems.push({ caseId, seq: row.seq, problem: '与上一条记录的链接不符' });
      if (eventHash(key, row, row.prev_hash) !== row.hash) problems.push({ caseId, seq: row.seq, problem: '内容与哈希不符（被改动过）' });
    }
    prev = row.hash;
  }
  endOfChain();
  for (const [id, head] of heads ?? []) {
    if ((head !== null || seals.has(id)) && !cases.has(id)) problems.push({ caseId: id, seq: 0, problem: '民情件的全部记录都不见了' });
  }
  return { events, cases: cases.size, sealed, problems };
}

/** Reads a database's events, heads and seals and checks them (npm run audit:verify, tests). */
export function verifyDatabase(db: Db, key: string) {
  const repo = auditRepo(db);
  const seals = new Map(repo.seals().map((s) => [s.case_id, { seq: s.seq, mac: s.mac }]));
  return verifyChains(key, repo.events(), { heads: repo.heads(), seals });
}

/**
 * The one-time upgrade of a database whose events were hashed without a key: each case whose old chain
 * is intact (unkeyed hashes, or none before migration 2, and the head the case row records) gets a seal,
 * the keyed chain over those events; a broken one is left unsealed, so the verifier keeps reporting it.
 * It runs only while the database has neither a seal nor a keyed event. Once either exists it never runs
 * again, so a chain later rewritten without the key cannot be sealed in its turn. Call before anything
 * appends events with the key. Returns what it did, or null when there was nothing to do.
 */
export function sealUnkeyedChains(db: Db, key: string, now: Date): { sealed: number; broken: string[] } | null {
  // one writer decides and seals: no event can be appended between the look and the seal
  const repo = auditRepo(db);
  return repo.immediate(() => sealOnce(repo, key, now));
}

function sealOnce(repo: AuditRepo, key: string, now: Date): { sealed: number; broken: string[] } | null {
  if (repo.hasSeal() || repo.hasKeyedEvent() || !repo.hasEvents()) return null;
  const heads = repo.heads();
  const seals: { caseId: string; seq: number; mac: string }[] = [];
  const broken: string[] = [];
  let caseId = '';
  let intact = true;
  let prev: string | null = null;
  let mac: string | null = null;
  let seq = 0;
  const endOfChain = () => {
    if (!caseId) return;
    const head = heads.get(caseId);
    if (head !== undefined && head !== null && head !== prev) intact = false;
    if (intact && mac) seals.push({ caseId, seq, mac });
    else broken.push(caseId);
  };
  for (const row of repo.events()) {
    if (row.case_id !== caseId) {
      endOfChain();
      caseId = row.case_id;
      intact = true;
      prev = null;
      mac = null;
      seq = 0;
    }
    if (row.seq !== ++seq) intact = false;
    if (row.hash !== null && (row.prev_hash !== prev || unkeyedHash(row, row.prev_hash) !== row.hash)) intact = false;
    prev = row.hash;
    mac = eventHash(key, row, mac);
  }
  endOfChain();
  repo.insertSeals(seals, now.toISOString());
  return { sealed: seals.length, broken };
}
