import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  findRule,
  guardFailure,
  rulesFor,
  type CaseAction,
  type CaseStatus,
  type Role,
  type TransitionInput,
} from '@minqing/shared';
import { guardState } from '../../server/src/domain/cases.js';
import { canSee } from '../../server/src/domain/scope.js';
import { caseIn, caseWithPendingReply, userOf } from '../helpers/builders.js';
import { ACCOUNTS, apiError, newKey, startTestServer, validCase, type TestServer } from '../helpers/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ now: '2026-03-02T02:00:00Z' });
});
afterAll(() => s.close());

/** One in-scope account per role for the builder's cases. */
const ACTORS: Record<Role, string> = ACCOUNTS;

/** What each action needs besides its name, valid so that only the table decides (the others need nothing). */
const BODIES: Partial<Record<CaseAction, Record<string, unknown>>> = {
  reply: { note: '答复内容如下。' },
  reject: { note: '不予受理的理由。' },
  assign: { unitId: 'zjj' },
  return: { note: '退回的理由。' },
  request_extension: { days: 3, note: '需要协调。' },
  reject_reply: { note: '请补充整改照片。' },
  rate: { rating: 'satisfied', solved: true },
  evaluate: { rating: 'satisfied' },
  reopen: { note: '重办的理由。' },
  close: { note: '办结的说明。' },
  supplement: { note: '补充一点情况。' },
  note: { note: '内部备注。' },
};

/** A valid body for each action; a merge goes into `mergeTarget`. */
function bodyFor(action: CaseAction, mergeTarget: string): TransitionInput {
  return (action === 'merge' ? { action, targetCaseId: mergeTarget } : { action, ...BODIES[action] }) as TransitionInput;
}

describe('every action from every status as every role', () => {
  // and `handling` holding a unit's reply under the office's review (答复审核), which the guards tell apart
  const statuses = [...CASE_STATUSES, 'reply_pending'] as const;
  const roles = Object.keys(ACTORS) as Role[];
  const trials = statuses.flatMap((status) => roles.flatMap((role) => CASE_ACTIONS.map((action) => ({ status, role, action }))));

  it(`should allow or deny all ${trials.length} combinations exactly as the shared table says`, async () => {
    const clients = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await s.as(ACTORS[r])] as const)));
    const mergeTarget = caseIn(s, 'submitted');
    const mismatches: string[] = [];
    let allowed = 0;
    for (const { status, role, action } of trials) {
      const id = status === 'reply_pending' ? caseWithPendingReply(s) : caseIn(s, status as CaseStatus);
      const row = s.deps.cases.get(id)!;
      const user = userOf(s, ACTORS[role]);
      const rule = findRule(action, role, row.status);
      let expected: number;
      if (!canSee(user, row, s.deps.reference)) expected = 404;
      else if (rulesFor(action, role).length === 0) expected = 403;
      else if (!rule || guardFailure(action, role, guardState(row)) !== null) expected = 409;
      // a deputy supplements only cases entered on a citizen's behalf (these are the citizen's own)
      else if (action === 'supplement' && role === 'deputy') expected = 409;
      else expected = 200;
      const eventsBefore = s.deps.events.forCase(id).length;
      const detail = await clients[role]!.cases.get(id).catch(() => null);
      const listed = detail?.allowedActions.includes(action) ?? false;
      const res = await clients[role]!.http.post(`/api/cases/${id}/transitions`, bodyFor(action, mergeTarget), {
        validateStatus: () => true,
      });
      if (res.status !== expected) mismatches.push(`${role} ${action} from ${status}: got ${res.status}, expected ${expected}`);
      if (listed !== (expected === 200)) mismatches.push(`${role} ${action} from ${status}: allowedActions says ${listed}`);
      if (res.status === 200) {
        allowed++;
        const after = s.deps.events.forCase(id).at(-1)!;
        expect(after.action).toBe(action);
        expect(after.actor_role).toBe(role);
      } else {
        // a refused action writes nothing
        expect(s.deps.events.forCase(id).length).toBe(eventsBefore);
        expect(s.deps.cases.get(id)).toEqual(row);
      }
    }
    expect(mismatches).toEqual([]);
    expect(allowed).toBeGreaterThan(40);
  });
});

describe('refusals a user meets', () => {
  it('should refuse a rating on an unanswered case with 409 and a citizen assigning with 403', async () => {
    const citizen = await s.as('zlb-zhang');
    const { id } = await citizen.cases.create(validCase(), newKey());
    expect(await apiError(citizen.cases.transition(id, { action: 'rate', rating: 'satisfied', solved: true }))).toMatchObject({
      status: 409,
      code: 'illegal_transition',
    });
    expect(await apiError(citizen.cases.transition(id, { action: 'assign', unitId: 'zjj' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it('should answer 404 to another citizen and to a deputy the case is not addressed to', async () => {
    const owner = await s.as('zlb-zhang');
    const { id } = await owner.cases.create(validCase(), newKey());
    expect((await apiError((await s.as('zlb-li')).cases.get(id))).status).toBe(404);
    expect((await apiError((await s.as('ding-d002')).cases.get(id))).status).toBe(404);
    expect((await apiError((await s.as('ding-d002')).cases.transition(id, { action: 'acknowledge' }))).status).toBe(404);
  });

  it('should refuse unknown actions with 400 naming the field', async () => {
    const deputy = await s.as('ding-d001');
    const id = caseIn(s, 'submitted');
    const res = await deputy.http.post(`/api/cases/${id}/transitions`, { action: 'teleport' }, { validateStatus: () => true });
    expect(res.status).toBe(400);
    expect(res.data.error).toMatchObject({ code: 'unknown_action', field: 'action' });
  });
});

describe('who sees which cases', () => {
  it('should list for each role exactly the cases of its scope', async () => {
    const s = await startTestServer({ now: '2026-03-02T02:00:00Z' });
    const zhang = await s.as('zlb-zhang');
    const li = await s.as('zlb-li');
    // D001 is in 当湖街道, D002 in 钟埭街道
    const a = await zhang.cases.create(validCase({ deputyCode: 'D001' }), newKey());
    const b = await li.cases.create(validCase({ deputyCode: 'D002' }), newKey());
    const assigned = caseIn(s, 'assigned');
    caseIn(s, 'closed');

    const all = s.db.prepare('SELECT id, citizen_user_id, deputy_code, region_id, unit_id FROM cases').all() as {
      id: string;
      citizen_user_id: string | null;
      deputy_code: string;
      region_id: string;
      unit_id: string | null;
    }[];
    const idsOf = async (account: string) => {
      const c = await s.as(account);
      const res = await c.cases.list({ pageSize: 100 });
      expect(res.total).toBe(res.items.length);
      return new Set(res.items.map((i) => i.id));
    };
    const expectScope = async (account: string, pred: (r: (typeof all)[number]) => boolean) => {
      expect(await idsOf(account)).toEqual(new Set(all.filter(pred).map((r) => r.id)));
    };
    await expectScope('zlb-zhang', (r) => r.citizen_user_id === zhang.userId);
    await expectScope('zlb-li', (r) => r.citizen_user_id === li.userId);
    await expectScope('ding-d001', (r) => r.deputy_code === 'D001');
    await expectScope('ding-d002', (r) => r.deputy_code === 'D002');
    await expectScope('ding-unit-zjj', (r) => r.unit_id === 'zjj');
    await expectScope('ding-unit-jtj', (r) => r.unit_id === 'jtj');
    await expectScope('ding-office-danghu', (r) => r.region_id === 'danghu');
    await expectScope('ding-office', () => true);
    await expectScope('ding-leader', () => true);
    await expectScope('ding-admin', () => true);
    expect((await idsOf('ding-office-danghu')).has(b.id)).toBe(false);
    expect((await idsOf('ding-unit-zjj')).has(assigned)).toBe(true);
    expect((await idsOf('zlb-li')).has(a.id)).toBe(false);
    await s.close();
  });
});
