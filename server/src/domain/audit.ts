import { createHash } from 'node:crypto';

/** The fields of an event that its hash covers, in a fixed order. */
export interface HashedEventFields {
  case_id: string;
  seq: number;
  action: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_name: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  data: string;
  attachments: string;
  created_at: string;
}

/**
 * Each event's hash covers its fields and the hash of the case's previous event, so changing,
 * removing or reordering any event breaks the chain from that point on.
 */
export function eventHash(e: HashedEventFields, prevHash: string | null): string {
  const canonical = JSON.stringify([
    e.case_id, e.seq, e.action, e.actor_user_id, e.actor_role, e.actor_name,
    e.from_status, e.to_status, e.note, e.data, e.attachments, e.created_at, prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface ChainProblem { caseId: string; seq: number; problem: string }

/**
 * Checks every case's chain (rows ordered by case and seq); events written before the chain
 * existed (hash NULL) are counted apart. `heads` (case id → the hash the case row says its newest
 * event has) catches what a chain cannot show by itself: its newest events removed.
 */
export function verifyChains(
  rows: Iterable<HashedEventFields & { prev_hash: string | null; hash: string | null }>,
  heads?: Map<string, string | null>,
): { events: number; cases: number; unchained: number; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let events = 0;
  let unchained = 0;
  const cases = new Set<string>();
  let caseId = '';
  let prev: string | null = null;
  let expectedSeq = 1;
  const endOfChain = () => {
    if (!caseId || !heads) return;
    const head = heads.get(caseId);
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
      prev = null;
      expectedSeq = 1;
    }
    if (row.seq !== expectedSeq) problems.push({ caseId, seq: row.seq, problem: `序号不连续：应为 ${expectedSeq}` });
    expectedSeq = row.seq + 1;
    if (row.hash === null) {
      unchained++;
      prev = null;
      continue;
    }
    if (row.prev_hash !== prev) problems.push({ caseId, seq: row.seq, problem: '与上一条记录的链接不符' });
    if (eventHash(row, row.prev_hash) !== row.hash) problems.push({ caseId, seq: row.seq, problem: '内容与哈希不符（被改动过）' });
    prev = row.hash;
  }
  endOfChain();
  for (const [id, head] of heads ?? []) {
    if (head !== null && !cases.has(id)) problems.push({ caseId: id, seq: 0, problem: '民情件的全部记录都不见了' });
  }
  return { events, cases: cases.size, unchained, problems };
}
