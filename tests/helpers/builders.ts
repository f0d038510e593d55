import { createCaseSchema, type CaseStatus, type Transition } from '@minqing/shared';
import { createCase, transition } from '../../server/src/domain/cases.js';
import { sessionFromRow, type SessionUser } from '../../server/src/domain/session.js';
import { userIdFor } from '../../server/src/seed/demo.js';
import { validCase, type TestServer } from './server.js';

let counter = 0;

/** A demo user as the domain sees them (for building fixtures without going through HTTP). */
export function userOf(s: TestServer, account: string): SessionUser {
  return sessionFromRow(s.deps.users.get(userIdFor(account))!);
}

/**
 * A case of citizen `zlb-zhang` to deputy D001 (当湖街道), walked through the real
 * lifecycle to `status`; assigned ones go to 住建局 (zjj).
 */
export function caseIn(s: TestServer, status: CaseStatus, over: Record<string, unknown> = {}): string {
  const citizen = userOf(s, 'zlb-zhang');
  const deputy = userOf(s, 'ding-d001');
  const office = userOf(s, 'ding-office');
  const unit = userOf(s, 'ding-unit-zjj');
  const { detail } = createCase(s.deps, citizen, createCaseSchema.parse(validCase(over)), `builder-${++counter}`);
  const id = detail.id;
  const step = (u: SessionUser, t: Transition) => transition(s.deps, u, id, t);
  const path: [SessionUser, Transition, CaseStatus][] = [
    [deputy, { action: 'acknowledge' }, 'acknowledged'],
    [deputy, { action: 'forward' }, 'triage'],
    [office, { action: 'assign', unitId: 'zjj', categoryId: 'construction' }, 'assigned'],
    [unit, { action: 'sign' }, 'handling'],
    [unit, { action: 'reply', note: '已处理完毕。' }, 'replied'],
    [citizen, { action: 'rate', rating: 'satisfied', solved: true }, 'closed'],
  ];
  if (status === 'submitted') return id;
  for (const [u, t, reached] of path) {
    step(u, t);
    if (reached === status) return id;
  }
  throw new Error(`cannot reach ${status}`);
}

/**
 * A case of `caseIn` in `handling` whose unit reply waits for the office's review (答复审核):
 * review is switched on for its town (当湖街道) just for that reply.
 */
export function caseWithPendingReply(s: TestServer, over: Record<string, unknown> = {}): string {
  const id = caseIn(s, 'handling', over);
  const before = s.deps.replyReview;
  s.deps.setReplyReview({ regionIds: ['danghu'] });
  try {
    transition(s.deps, userOf(s, 'ding-unit-zjj'), id, { action: 'reply', note: '已处理完毕，请审核。' });
  } finally {
    s.deps.setReplyReview(before);
  }
  return id;
}
