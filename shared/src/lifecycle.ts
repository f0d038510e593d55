import { CASE_STATUSES, OPEN_STATUSES, type CaseAction, type CaseStatus, type Rating, type Role } from './enums.js';

/**
 * The case lifecycle of PRODUCT.md as data: what each status means (STATUS_RULES: who holds the
 * case, which deadline runs, whether passing it is 超期) and how a case moves (TRANSITIONS). The
 * server checks every transition against them, the scheduler's automatic steps included, and
 * every list, reminder and figure reads them; the apps use them only to explain (what a user may
 * do is always the server's `allowedActions`).
 *
 * Who a role acts as on a case (its scope): citizen = the submitter, deputy = the deputy the
 * case is addressed to, unit = the unit it is assigned to, office/leader = staff of the
 * case's region (or a parent region), admin = everyone. `system` is the scheduler.
 */

/** Who the case waits on. */
export type Holder = 'deputy' | 'office' | 'unit' | 'citizen' | 'nobody';

/** The deadlines a case can run against (each a column of its own on the server). */
export const DEADLINE_KINDS = ['ack', 'sign', 'reply', 'rate'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** How reminders and the 超期 event name each deadline (应答超期, 临期预警：办理时限…). */
export const DEADLINE_LABELS: Record<DeadlineKind, string> = { ack: '应答', sign: '签收', reply: '办理', rate: '评价' };

export interface StatusRule {
  holder: Holder;
  /** The deadline that runs while the case is in this status, if any. */
  deadline: DeadlineKind | null;
  /**
   * Passing the deadline makes the case 超期 (listed, counted, warned before and flagged once by
   * the system's `overdue`). Otherwise what happens then is a system rule of TRANSITIONS (the
   * rating window closes a case by `auto_close`).
   */
  overdue: boolean;
}

export const STATUS_RULES: Record<CaseStatus, StatusRule> = {
  submitted: { holder: 'deputy', deadline: 'ack', overdue: true },
  acknowledged: { holder: 'deputy', deadline: 'reply', overdue: true },
  triage: { holder: 'office', deadline: null, overdue: false },
  assigned: { holder: 'unit', deadline: 'sign', overdue: true },
  handling: { holder: 'unit', deadline: 'reply', overdue: true },
  replied: { holder: 'citizen', deadline: 'rate', overdue: false },
  closed: { holder: 'nobody', deadline: null, overdue: false },
};

/** The statuses whose rule passes `test`, in lifecycle order (for SQL `status IN (…)` and rule lists). */
export function statusesWhere(test: (rule: StatusRule, status: CaseStatus) => boolean): CaseStatus[] {
  return CASE_STATUSES.filter((s) => test(STATUS_RULES[s], s));
}

/** Who holds the case now: a unit's reply waiting for 答复审核 waits on the office, not the unit. */
export function holderOf(c: { status: CaseStatus; replyPending: boolean }): Holder {
  return c.replyPending ? 'office' : STATUS_RULES[c.status].holder;
}

/** The scheduler's actions: they are events and transitions like any other, with no user behind them. */
export const SYSTEM_ACTIONS = ['overdue', 'auto_close'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];
export type LifecycleAction = CaseAction | SystemAction;
export type Actor = Role | 'system';

/** The facts a target function decides from: the case, and what the action brings. */
export interface TargetFacts extends CaseGuardState {
  /** `rate`: the citizen's rating. */
  rating: Rating | null;
  /** A unit's reply goes to 答复审核 first (its region is configured so). */
  reviewReply: boolean;
}
/** Where a case goes when that depends on it: a small named function, total over its facts. */
export type TargetFn = (f: TargetFacts) => CaseStatus;

/** A unit's reply reaches the citizen at once, or waits in `handling` for the office (答复审核). */
export const afterUnitReply: TargetFn = (f) => (f.reviewReply ? f.status : 'replied');
/** An unsatisfied citizen leaves the case replied (for the office or deputy to reopen or close); any other rating closes it. */
export const afterRating: TargetFn = (f) => (f.rating === 'unsatisfied' ? 'replied' : 'closed');
/** A reopened case goes back to its unit, or to its deputy if no unit ever had it. */
export const afterReopen: TargetFn = (f) => (f.unitId ? 'handling' : 'acknowledged');

/** One row of the table; a rule for `system` names a SystemAction, one for roles a CaseAction (tests/shared/lifecycle.test.ts). */
export interface TransitionRule {
  action: LifecycleAction;
  roles: readonly Actor[];
  from: readonly CaseStatus[];
  /** The status after the action; `same` leaves it. */
  to: CaseStatus | 'same' | TargetFn;
}

const OPEN = OPEN_STATUSES;
const DEPUTY_INBOX = ['submitted', 'acknowledged'] as const satisfies readonly CaseStatus[];

export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'acknowledge', roles: ['deputy'], from: ['submitted'], to: 'acknowledged' },
  { action: 'reply', roles: ['deputy'], from: DEPUTY_INBOX, to: 'replied' },
  { action: 'reply', roles: ['unit'], from: ['handling'], to: afterUnitReply },
  { action: 'forward', roles: ['deputy', 'office', 'admin'], from: DEPUTY_INBOX, to: 'triage' },
  { action: 'reject', roles: ['deputy'], from: DEPUTY_INBOX, to: 'closed' },
  { action: 'reject', roles: ['office', 'admin'], from: ['submitted', 'acknowledged', 'triage'], to: 'closed' },
  { action: 'assign', roles: ['office', 'admin'], from: ['triage'], to: 'assigned' },
  { action: 'sign', roles: ['unit'], from: ['assigned'], to: 'handling' },
  { action: 'return', roles: ['unit'], from: ['assigned', 'handling'], to: 'triage' },
  { action: 'request_extension', roles: ['unit'], from: ['handling'], to: 'same' },
  { action: 'approve_extension', roles: ['office', 'admin'], from: ['handling'], to: 'same' },
  { action: 'deny_extension', roles: ['office', 'admin'], from: ['handling'], to: 'same' },
  // 答复审核: the office releases a unit's pending reply to the citizen, or sends it back to the unit.
  { action: 'approve_reply', roles: ['office', 'admin'], from: ['handling'], to: 'replied' },
  { action: 'reject_reply', roles: ['office', 'admin'], from: ['handling'], to: 'same' },
  { action: 'rate', roles: ['citizen'], from: ['replied'], to: afterRating },
  { action: 'evaluate', roles: ['deputy'], from: ['replied', 'closed'], to: 'same' },
  { action: 'reopen', roles: ['office', 'deputy', 'admin'], from: ['replied'], to: afterReopen },
  { action: 'close', roles: ['office', 'deputy', 'admin'], from: ['replied'], to: 'closed' },
  // A citizen withdraws their own case; office staff may close any open case with a reason.
  { action: 'close', roles: ['citizen', 'office', 'admin'], from: OPEN, to: 'closed' },
  {
    action: 'urge',
    roles: ['office', 'leader', 'admin'],
    from: ['submitted', 'acknowledged', 'triage', 'assigned', 'handling'],
    to: 'same',
  },
  { action: 'urge', roles: ['deputy'], from: ['assigned', 'handling'], to: 'same' },
  { action: 'merge', roles: ['office', 'admin'], from: OPEN, to: 'closed' },
  { action: 'supplement', roles: ['citizen'], from: OPEN, to: 'same' },
  { action: 'supplement', roles: ['deputy'], from: OPEN, to: 'same' },
  { action: 'note', roles: ['deputy', 'office', 'unit', 'admin'], from: OPEN, to: 'same' },
  // The scheduler, when the deadline of a case's status passes: 超期 where it counts as such,
  // and the end of the rating window closes a reply left unrated (未评价).
  { action: 'overdue', roles: ['system'], from: statusesWhere((s) => s.overdue && s.deadline !== null), to: 'same' },
  { action: 'auto_close', roles: ['system'], from: ['replied'], to: 'closed' },
];

export const MAX_REOPENS = 2;

/** The facts about a case that the guards need, beyond its status. */
export interface CaseGuardState {
  status: CaseStatus;
  /** A unit is (or was) assigned to the case. */
  unitId: string | null;
  reopenCount: number;
  extensionPendingDays: number | null;
  extensionApprovedDays: number | null;
  /** The citizen's rating of the current reply, if given. */
  rating: string | null;
  /** The deputy's evaluation of the unit's current reply, if given. */
  deputyRating: string | null;
  /** The current reply came from a unit (not the deputy directly). */
  repliedByUnit: boolean;
  /** A unit's reply awaits the office's review (答复待审核); the citizen has not got it yet. */
  replyPending: boolean;
}

/** Extra conditions beyond status and role; `null` = allowed, else the reason in Chinese. */
export function guardFailure(action: LifecycleAction, role: Actor, c: CaseGuardState): string | null {
  switch (action) {
    case 'reply':
      // one reply under review at a time; the unit may still add notes
      if (role === 'unit' && c.replyPending) return '答复已提交，正在等待人大审核，不能重复答复';
      return null;
    case 'return':
      if (c.replyPending) return '答复正在等待人大审核，不能退回';
      return null;
    case 'approve_reply':
    case 'reject_reply':
      return c.replyPending ? null : '没有待审核的答复';
    case 'request_extension':
      if (c.replyPending) return '答复正在等待人大审核，不能申请延期';
      if (c.extensionApprovedDays !== null) return '本件已延期一次，不能再次申请';
      if (c.extensionPendingDays !== null) return '已有待审批的延期申请';
      return null;
    case 'approve_extension':
    case 'deny_extension':
      return c.extensionPendingDays === null ? '没有待审批的延期申请' : null;
    case 'rate':
      return c.rating !== null ? '本次答复已评价' : null;
    case 'evaluate':
      if (!c.repliedByUnit) return '承办单位尚未答复';
      return c.deputyRating !== null ? '已评价过本次办理' : null;
    case 'reopen':
      if (c.reopenCount >= MAX_REOPENS) return `最多重办${MAX_REOPENS}次`;
      return null;
    case 'auto_close':
      // an unsatisfied rating keeps the case replied, for the office or deputy to decide
      return c.rating !== null ? '本次答复已评价' : null;
    case 'close':
      // The citizen's own rating closes a replied case; office/deputy close a replied case
      // only after the citizen was unsatisfied (or to end it with a note).
      if (role === 'citizen' && c.status === 'replied') return '请对答复进行评价';
      return null;
    default:
      return null;
  }
}

/** The rules that let `actor` do `action` from any status. */
export function rulesFor(action: LifecycleAction, actor: Actor): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.action === action && allows(r, actor));
}

/** The rule that lets `actor` do `action` from `status`, if any (ignoring guards and scope). */
export function findRule(action: LifecycleAction, actor: Actor, status: CaseStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.action === action && allows(r, actor) && r.from.includes(status));
}

const allows = (rule: TransitionRule, actor: Actor) => rule.roles.includes(actor);

/** Where the case goes under `rule`. */
export function resolveTarget(rule: TransitionRule, f: TargetFacts): CaseStatus {
  if (rule.to === 'same') return f.status;
  return typeof rule.to === 'function' ? rule.to(f) : rule.to;
}

/** Every action `role` may take on a case in this state (scope is the server's business). */
export function allowedActionsFor(role: Role, c: CaseGuardState): CaseAction[] {
  const actions = new Set<CaseAction>();
  for (const rule of TRANSITIONS) {
    if (allows(rule, role) && rule.from.includes(c.status) && guardFailure(rule.action, role, c) === null) {
      actions.add(rule.action as CaseAction);
    }
  }
  return [...actions];
}

/** What the system does to a case in `status` once its deadline has passed, if anything. */
export function systemRuleFor(status: CaseStatus): (TransitionRule & { action: SystemAction }) | undefined {
  return TRANSITIONS.find((r): r is TransitionRule & { action: SystemAction } => allows(r, 'system') && r.from.includes(status));
}
