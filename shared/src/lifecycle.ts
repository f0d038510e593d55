import { OPEN_STATUSES, type CaseAction, type CaseStatus, type Role } from './enums.js';

/**
 * The case lifecycle of PRODUCT.md as data. The server checks every transition against it
 * and the apps use it only to explain; what a user may do is always the server's
 * `allowedActions`.
 *
 * Who a role acts as on a case (its scope): citizen = the submitter, deputy = the deputy the
 * case is addressed to, unit = the unit it is assigned to, office/leader = staff of the
 * case's region (or a parent region), admin = everyone.
 */
export interface TransitionRule {
  action: CaseAction;
  roles: readonly Role[];
  from: readonly CaseStatus[];
  /** The status after the action; `same` leaves it. Where it depends on the case, see `resolveTarget`. */
  to: CaseStatus | 'same' | 'depends';
}

const OPEN = OPEN_STATUSES;
const DEPUTY_INBOX = ['submitted', 'acknowledged'] as const satisfies readonly CaseStatus[];

export const TRANSITIONS: readonly TransitionRule[] = [
  { action: 'acknowledge', roles: ['deputy'], from: ['submitted'], to: 'acknowledged' },
  { action: 'reply', roles: ['deputy'], from: DEPUTY_INBOX, to: 'replied' },
  // A unit's reply reaches the citizen at once, or — where an admin configured 答复审核 for the
  // case's region — waits in `handling` as a pending reply until the office approves it.
  { action: 'reply', roles: ['unit'], from: ['handling'], to: 'depends' },
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
  { action: 'rate', roles: ['citizen'], from: ['replied'], to: 'depends' },
  { action: 'evaluate', roles: ['deputy'], from: ['replied', 'closed'], to: 'same' },
  { action: 'reopen', roles: ['office', 'deputy', 'admin'], from: ['replied'], to: 'depends' },
  { action: 'close', roles: ['office', 'deputy', 'admin'], from: ['replied'], to: 'closed' },
  // A citizen withdraws their own case; office staff may close any open case with a reason.
  { action: 'close', roles: ['citizen', 'office', 'admin'], from: OPEN, to: 'closed' },
  { action: 'urge', roles: ['office', 'leader', 'admin'], from: ['submitted', 'acknowledged', 'triage', 'assigned', 'handling'], to: 'same' },
  { action: 'urge', roles: ['deputy'], from: ['assigned', 'handling'], to: 'same' },
  { action: 'merge', roles: ['office', 'admin'], from: OPEN, to: 'closed' },
  { action: 'supplement', roles: ['citizen'], from: OPEN, to: 'same' },
  { action: 'supplement', roles: ['deputy'], from: OPEN, to: 'same' },
  { action: 'note', roles: ['deputy', 'office', 'unit', 'admin'], from: OPEN, to: 'same' },
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
export function guardFailure(action: CaseAction, role: Role, c: CaseGuardState): string | null {
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
    case 'close':
      // The citizen's own rating closes a replied case; office/deputy close a replied case
      // only after the citizen was unsatisfied (or to end it with a note).
      if (role === 'citizen' && c.status === 'replied') return '请对答复进行评价';
      return null;
    default:
      return null;
  }
}

export function rulesFor(action: CaseAction, role: Role): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.action === action && r.roles.includes(role));
}

/** The rule that lets `role` do `action` from `status`, if any (ignoring guards and scope). */
export function findRule(action: CaseAction, role: Role, status: CaseStatus): TransitionRule | undefined {
  return TRANSITIONS.find((r) => r.action === action && r.roles.includes(role) && r.from.includes(status));
}

/** Where the case goes, for rules whose target depends on it. */
export function resolveTarget(
  rule: TransitionRule,
  c: CaseGuardState,
  input: { rating?: string | undefined; reviewReply?: boolean | undefined },
): CaseStatus {
  if (rule.to === 'same') return c.status;
  if (rule.to !== 'depends') return rule.to;
  if (rule.action === 'rate') return input.rating === 'unsatisfied' ? 'replied' : 'closed';
  // `reviewReply`: the case's region requires the office to review unit replies (答复审核)
  if (rule.action === 'reply') return input.reviewReply ? c.status : 'replied';
  if (rule.action === 'reopen') return c.unitId ? 'handling' : 'acknowledged';
  throw new Error(`no target for ${rule.action}`);
}

/** Every action `role` may take on a case in this state (scope is the server's business). */
export function allowedActionsFor(role: Role, c: CaseGuardState): CaseAction[] {
  const actions = new Set<CaseAction>();
  for (const rule of TRANSITIONS) {
    if (!rule.roles.includes(role) || !rule.from.includes(c.status)) continue;
    if (guardFailure(rule.action, role, c) === null) actions.add(rule.action);
  }
  return [...actions];
}
