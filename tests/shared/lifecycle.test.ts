import { describe, expect, it } from 'vitest';
import {
  CASE_ACTIONS,
  CASE_STATUSES,
  DEADLINE_KINDS,
  DEADLINE_LABELS,
  RATINGS,
  ROLES,
  STATUS_RULES,
  SYSTEM_ACTIONS,
  TRANSITIONS,
  allowedActionsFor,
  holderOf,
  resolveTarget,
  statusesWhere,
  systemRuleFor,
  type CaseGuardState,
  type TargetFacts,
} from '../../shared/src/index.js';

/** Every combination of the facts a target function may read, for one status. */
function factsFor(status: (typeof CASE_STATUSES)[number]): TargetFacts[] {
  const out: TargetFacts[] = [];
  for (const unitId of [null, 'u-001'])
    for (const rating of [null, ...RATINGS])
      for (const reviewReply of [false, true])
        for (const replyPending of [false, true])
          out.push({
            status,
            unitId,
            rating,
            reviewReply,
            replyPending,
            reopenCount: 0,
            extensionPendingDays: null,
            extensionApprovedDays: null,
            deputyRating: null,
            repliedByUnit: unitId !== null,
          });
  return out;
}

describe('the lifecycle table', () => {
  it('should give every status a rule, with a deadline that exists and an overdue only where a deadline runs', () => {
    expect(Object.keys(STATUS_RULES).sort()).toEqual([...CASE_STATUSES].sort());
    for (const s of CASE_STATUSES) {
      const r = STATUS_RULES[s];
      if (r.deadline !== null) expect(DEADLINE_KINDS).toContain(r.deadline);
      if (r.overdue) expect(r.deadline).not.toBeNull();
    }
    for (const k of DEADLINE_KINDS) expect(DEADLINE_LABELS[k]).toBeTruthy();
    expect(STATUS_RULES.closed.holder).toBe('nobody');
  });

  it('should send every target function to a real status for every fact it may read', () => {
    for (const rule of TRANSITIONS) {
      for (const from of rule.from) {
        for (const f of factsFor(from)) {
          const to = resolveTarget(rule, f);
          expect(CASE_STATUSES, `${rule.action} from ${from}`).toContain(to);
        }
      }
    }
  });

  it('should keep system actions for the system and client actions for roles', () => {
    for (const rule of TRANSITIONS) {
      const system = rule.roles.includes('system');
      if (system) expect(rule.roles).toEqual(['system']);
      expect(system ? (SYSTEM_ACTIONS as readonly string[]) : (CASE_ACTIONS as readonly string[])).toContain(rule.action);
      for (const role of rule.roles) expect([...ROLES, 'system']).toContain(role);
    }
    for (const action of CASE_ACTIONS)
      expect(
        TRANSITIONS.some((r) => r.action === action),
        action,
      ).toBe(true);
    for (const action of SYSTEM_ACTIONS)
      expect(
        TRANSITIONS.some((r) => r.action === action),
        action,
      ).toBe(true);
  });

  it('should have the system act on every status with a deadline, and on no other', () => {
    for (const s of CASE_STATUSES) {
      const rule = systemRuleFor(s);
      expect(rule !== undefined, s).toBe(STATUS_RULES[s].deadline !== null);
      if (rule) expect(rule.action).toBe(STATUS_RULES[s].overdue ? 'overdue' : 'auto_close');
    }
  });

  it('should never offer a user a system action', () => {
    for (const role of ROLES)
      for (const s of CASE_STATUSES)
        for (const f of factsFor(s))
          expect(allowedActionsFor(role, f as CaseGuardState).filter((a) => (SYSTEM_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  it('should pick statuses by their rule and name the holder, the office while a reply waits for review', () => {
    expect(statusesWhere((r) => r.overdue)).toEqual(['submitted', 'acknowledged', 'assigned', 'handling']);
    expect(statusesWhere((r) => r.holder === 'unit')).toEqual(['assigned', 'handling']);
    expect(holderOf({ status: 'handling', replyPending: false })).toBe('unit');
    expect(holderOf({ status: 'handling', replyPending: true })).toBe('office');
  });
});
