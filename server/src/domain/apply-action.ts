import {
  DEADLINE_LABELS,
  UNIT_INACTIVE_MESSAGE,
  resolveTarget,
  type CaseGuardState,
  type CaseStatus,
  type DeadlineKind,
  type LifecycleAction,
  type SystemAction,
  type Transition,
  type TransitionRule,
} from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../errors.js';
import { NO_RATINGS, type CasePatch, type CaseRow } from '../repos/cases.js';
import { addCalendarDays } from './calendar.js';
import { replyDays } from './limits.js';
import { holderUserIds, notify, officeUserIds } from './notify.js';
import { needsReplyReview } from './reply-review.js';
import { canSee } from './scope.js';
import { recordCorrection } from './suggestions.js';
import type { SessionUser } from './session.js';

/** The scheduler as the actor of its own steps (events show it as 系统). */
export interface SystemActor {
  id: null;
  role: 'system';
  name: '系统';
  unitId: null;
}
export const SYSTEM: SystemActor = { id: null, role: 'system', name: '系统', unitId: null };

/** What the scheduler asks for: the deadline it found passed goes with `overdue`. */
export type SystemInput = { action: 'overdue'; kind: DeadlineKind; due: string } | { action: 'auto_close' };
export type LifecycleInput = Transition | SystemInput;

/** What an action does besides moving the status: its patch, event data and notices. */
interface Step {
  patch: CasePatch;
  data: Record<string, unknown>;
  attachments: string[];
  /** The event's note; by default the input's note (or a rating's comment). */
  note?: string;
  /** `kind` defaults to the action's name. */
  notices: { to: string[]; text: string; kind?: string }[];
  after?: (seq: number) => void;
}

interface Context<A extends LifecycleAction> {
  deps: Deps;
  actor: A extends SystemAction ? SystemActor : SessionUser;
  c: CaseRow;
  input: Extract<LifecycleInput, { action: A }>;
  to: CaseStatus;
  now: Date;
  step: Step;
}

/** Every action of the lifecycle and its effect: a new action without one fails to type-check. */
type Effects = { [A in LifecycleAction]: (x: Context<A>) => void };

const iso = (d: Date) => d.toISOString();

export function guardState(c: CaseRow): CaseGuardState {
  return {
    status: c.status,
    unitId: c.unit_id,
    reopenCount: c.reopen_count,
    extensionPendingDays: c.extension_pending_days,
    extensionApprovedDays: c.extension_approved_days,
    rating: c.rating,
    deputyRating: c.deputy_rating,
    repliedByUnit: c.replied_by_unit === 1,
    replyPending: c.pending_reply_at !== null,
  };
}

/** Loads a case the user may see, or fails with 404 (never revealing that it exists). */
export function loadVisible(deps: Deps, user: SessionUser, id: string): CaseRow {
  const c = deps.cases.find(id);
  if (!c || !canSee(user, c, deps.reference)) throw notFound('未找到该民情件，或您无权查看');
  return c;
}

/** Photos named in a request must be the caller's own uploads, not already on another case. */
export function attachPhotos(deps: Deps, user: SessionUser, ids: string[] | undefined, field: string, caseId: string): string[] {
  const unique = [...new Set(ids ?? [])];
  for (const id of unique) {
    const meta = deps.uploads.meta(id);
    if (!meta || meta.owner_user_id !== user.id || (meta.case_id !== null && meta.case_id !== caseId)) {
      throw new ApiError('invalid_input', '照片不存在或不是您上传的，请重新上传', field);
    }
    deps.uploads.attach(id, caseId);
  }
  return unique;
}

/** No reply waiting for the office's review (答复审核) any more. */
const NO_PENDING_REPLY = {
  pending_reply_text: null,
  pending_reply_photo_ids: null,
  pending_reply_at: null,
} as const satisfies CasePatch;

/** The first response to a citizen (acknowledge, reply, forward or reject) stops the response clock. */
function firstResponse(c: CaseRow, now: Date): CasePatch {
  if (c.acknowledged_at) return {};
  return { acknowledged_at: iso(now), ack_on_time: now.getTime() <= Date.parse(c.ack_due_at) ? 1 : 0 };
}

/** The event that submitted the reply now under review. */
function pendingReplySeq(deps: Deps, caseId: string): number | null {
  const e = deps.events
    .forCase(caseId)
    .filter((e) => e.action === 'reply' && (JSON.parse(e.data) as { review?: unknown }).review === 'pending')
    .at(-1);
  return e?.seq ?? null;
}

const citizenOf = (c: CaseRow) => (c.citizen_user_id ? [c.citizen_user_id] : []);
const deputyUsers = (deps: Deps, c: CaseRow) => deps.users.deputyUserIds(c.deputy_code);
const unitUsers = (deps: Deps, unitId: string | null) => (unitId ? deps.users.unitUserIds(unitId) : []);
const replyDue = (deps: Deps, from: Date, type: CaseRow['type']) => iso(deps.calendar.addWorkingDays(from, replyDays(deps.limits, type)));
const unitNameOf = (deps: Deps, unitId: string | null) => (unitId ? deps.reference.unit(unitId)?.name : undefined);

/** A reply reaches the citizen (directly, or once the office approved it): the rating window opens. */
function replyOut(deps: Deps, now: Date, text: string | null, byUnit: boolean): CasePatch {
  return {
    replied_at: iso(now),
    reply_text: text,
    replied_by_unit: byUnit ? 1 : 0,
    rate_due_at: iso(addCalendarDays(now, deps.limits.ratingWindowDays)),
    ...NO_RATINGS,
    extension_pending_days: null,
  };
}

/** reject, close and merge end a case the same way; only the reason and the notice differ. */
function closeWith({ deps, actor, c, input, now, step }: Context<'reject'> | Context<'close'> | Context<'merge'>) {
  const reason =
    input.action === 'reject' ? 'rejected' : input.action === 'merge' ? 'merged' : actor.role === 'citizen' ? 'withdrawn' : 'closed';
  step.patch = {
    ...(input.action === 'reject' ? firstResponse(c, now) : {}),
    closed_at: iso(now),
    close_reason: reason,
    extension_pending_days: null,
    // a reply still under review never reaches the citizen of a closed case
    ...(c.pending_reply_at ? NO_PENDING_REPLY : {}),
  };
  step.data.reason = reason;
  const text = {
    merged: '您反映的问题已与同类诉求合并办理',
    rejected: '您反映的问题不予受理，请查看理由',
    withdrawn: '群众已撤回民情件',
    closed: '您反映的问题已办结',
  }[reason];
  step.notices.push({ to: actor.role === 'citizen' ? deputyUsers(deps, c) : citizenOf(c), text });
}

export const EFFECTS: Effects = {
  acknowledge: ({ deps, c, now, step }) => {
    step.patch = { ...firstResponse(c, now), reply_due_at: replyDue(deps, now, c.type) };
    step.notices.push({ to: citizenOf(c), text: '您反映的问题代表已受理' });
  },
  reply: ({ deps, actor, c, input, to, now, step }) => {
    const photos = attachPhotos(deps, actor, input.photoIds, 'photoIds', c.id);
    step.attachments = photos;
    const byUnit = actor.role === 'unit';
    const unitName = unitNameOf(deps, actor.unitId);
    if (byUnit && to === 'handling') {
      // 答复审核: held for the office. The event carries the text and photos (staff see them
      // marked 待审核; the citizen sees this event only once it is approved).
      step.patch = {
        pending_reply_text: input.note,
        pending_reply_photo_ids: JSON.stringify(photos),
        pending_reply_at: iso(now),
        // the reply is in: an extension request still waiting is moot (as when a reply is sent)
        extension_pending_days: null,
      };
      step.data.review = 'pending';
      step.notices.push({
        to: officeUserIds(deps, c),
        text: `${unitName ?? '承办单位'}提交了答复，请审核后发送给群众`,
        kind: 'reply_pending',
      });
      return;
    }
    step.patch = { ...(byUnit ? {} : firstResponse(c, now)), ...replyOut(deps, now, input.note, byUnit) };
    if (byUnit && c.reply_on_time === null && c.reply_due_at) {
      step.patch.reply_on_time = now.getTime() <= Date.parse(c.reply_due_at) ? 1 : 0;
    }
    step.notices.push({ to: citizenOf(c), text: '您反映的问题已有答复，请查看并评价' });
    if (byUnit) step.notices.push({ to: deputyUsers(deps, c), text: `${unitName ?? '承办单位'}已答复，请评价办理情况` });
  },
  forward: ({ deps, actor, c, now, step }) => {
    step.patch = { ...(actor.role === 'deputy' ? firstResponse(c, now) : {}), forwarded_at: iso(now) };
    step.notices.push({ to: officeUserIds(deps, c), text: '有新的民情件待分办' });
  },
  reject: closeWith,
  close: closeWith,
  merge: (x) => {
    const { deps, actor, c, input, now, step } = x;
    const target = loadVisible(deps, actor, input.targetCaseId);
    if (target.id === c.id) throw new ApiError('invalid_input', '不能合并到自身', 'targetCaseId');
    if (target.status === 'closed') throw new ApiError('conflict', '目标民情件已办结，不能合并', 'targetCaseId');
    closeWith(x);
    step.patch.merged_into_case_id = target.id;
    step.data.mergedInto = target.tracking_no;
    step.after = () => {
      deps.events.append({
        case_id: target.id,
        action: 'merge',
        actor_user_id: actor.id,
        actor_role: actor.role,
        actor_name: actor.name,
        from_status: target.status,
        to_status: target.status,
        note: `合并了同类诉求 ${c.tracking_no}`,
        data: { mergedFrom: c.tracking_no, mergedFromId: c.id },
        created_at: iso(now),
      });
    };
  },
  assign: ({ deps, c, input, now, step }) => {
    const unit = deps.reference.unit(input.unitId);
    if (!unit) throw new ApiError('invalid_input', '承办单位不存在', 'unitId');
    // 停用: a stopped unit keeps the cases it has, and is given no new one
    if (unit.active !== 1) throw new ApiError('conflict', UNIT_INACTIVE_MESSAGE, 'unitId');
    if (input.categoryId && !deps.reference.category(input.categoryId)) {
      throw new ApiError('invalid_input', '问题分类不存在', 'categoryId');
    }
    const type = input.type ?? c.type;
    step.patch = {
      unit_id: unit.id,
      category_id: input.categoryId ?? c.category_id,
      type,
      assigned_at: iso(now),
      first_assigned_at: c.first_assigned_at ?? iso(now),
      signed_at: null,
      sign_due_at: iso(deps.calendar.addWorkingDays(now, deps.limits.signWorkingDays)),
      reply_due_at: replyDue(deps, now, type),
      reply_on_time: null,
      extension_pending_days: null,
      extension_approved_days: null,
    };
    step.data = { unitId: unit.id, unitName: unit.name, categoryId: input.categoryId ?? c.category_id, type };
    if (input.categoryId) step.data.corrected = recordCorrection(deps, deps.classifier(), c, input.categoryId);
    step.notices.push({ to: unitUsers(deps, unit.id), text: '有新的民情件交办，请及时签收' });
  },
  sign: ({ deps, actor, c, now, step }) => {
    step.patch = { signed_at: iso(now) };
    step.notices.push({ to: citizenOf(c), text: `${unitNameOf(deps, actor.unitId) ?? '承办单位'}已签收，正在办理` });
  },
  return: ({ deps, actor, c, input, step }) => {
    step.patch = {
      unit_id: null,
      return_count: c.return_count + 1,
      signed_at: null,
      sign_due_at: null,
      reply_due_at: null,
      extension_pending_days: null,
      extension_approved_days: null,
    };
    step.notices.push({ to: officeUserIds(deps, c), text: `${unitNameOf(deps, actor.unitId) ?? '承办单位'}退回了民情件：${input.note}` });
  },
  request_extension: ({ deps, actor, c, input, step }) => {
    if (input.days > deps.limits.maxExtensionWorkingDays) {
      throw new ApiError('invalid_input', `最多延期${deps.limits.maxExtensionWorkingDays}个工作日`, 'days');
    }
    step.patch = { extension_pending_days: input.days };
    step.data.days = input.days;
    step.notices.push({ to: officeUserIds(deps, c), text: `${unitNameOf(deps, actor.unitId) ?? '承办单位'}申请延期${input.days}个工作日` });
  },
  approve_extension: ({ deps, c, now, step }) => {
    const days = c.extension_pending_days!;
    const base = c.reply_due_at ? new Date(c.reply_due_at) : now;
    step.patch = {
      extension_pending_days: null,
      extension_approved_days: days,
      reply_due_at: iso(deps.calendar.addWorkingDays(base, days)),
    };
    step.data.days = days;
    step.notices.push({ to: unitUsers(deps, c.unit_id), text: `延期申请已同意，延期${days}个工作日` });
  },
  deny_extension: ({ deps, c, step }) => {
    step.patch = { extension_pending_days: null };
    step.notices.push({ to: unitUsers(deps, c.unit_id), text: '延期申请未获同意，请按原时限办结' });
  },
  approve_reply: ({ deps, c, now, step }) => {
    // The unit's pending reply goes to the citizen exactly as an unreviewed reply would have:
    // reply text and photos, the rating window from now, the same notices.
    const submittedAt = c.pending_reply_at!;
    step.patch = { ...NO_PENDING_REPLY, ...replyOut(deps, now, c.pending_reply_text, true) };
    // 按时办结 is judged at the unit's submission, not at approval: the unit's part ended when
    // it replied, and the days the reply spent in review are the office's, not the unit's.
    if (c.reply_on_time === null && c.reply_due_at) {
      step.patch.reply_on_time = Date.parse(submittedAt) <= Date.parse(c.reply_due_at) ? 1 : 0;
    }
    const unit = unitNameOf(deps, c.unit_id);
    step.data = { replySeq: pendingReplySeq(deps, c.id), submittedAt, ...(unit ? { unitName: unit } : {}) };
    step.notices.push({ to: citizenOf(c), text: '您反映的问题已有答复，请查看并评价', kind: 'reply' });
    step.notices.push({ to: deputyUsers(deps, c), text: `${unit ?? '承办单位'}已答复，请评价办理情况`, kind: 'reply' });
    step.notices.push({ to: unitUsers(deps, c.unit_id), text: '您的答复已通过人大审核，已发送给群众' });
  },
  reject_reply: ({ deps, c, input, step }) => {
    step.patch = { ...NO_PENDING_REPLY };
    step.data = { replySeq: pendingReplySeq(deps, c.id) };
    step.notices.push({ to: unitUsers(deps, c.unit_id), text: `答复未通过人大审核，请修改后重新答复：${input.note}` });
  },
  rate: ({ deps, c, input, to, now, step }) => {
    step.patch = {
      rating: input.rating,
      solved: input.solved ? 1 : 0,
      rating_comment: input.comment ?? null,
      rated_at: iso(now),
      ...(to === 'closed' ? { closed_at: iso(now), close_reason: 'rated' as const } : {}),
    };
    step.data = { rating: input.rating, solved: input.solved };
    const unsatisfied = input.rating === 'unsatisfied';
    step.notices.push({
      to: [
        ...deputyUsers(deps, c),
        ...unitUsers(deps, c.replied_by_unit ? c.unit_id : null),
        ...(unsatisfied ? officeUserIds(deps, c) : []),
      ],
      text: unsatisfied ? '群众对答复不满意，请研究是否重办' : '群众已评价答复',
    });
  },
  evaluate: ({ c, input, step }) => {
    step.patch = { deputy_rating: input.rating, deputy_rating_comment: input.comment ?? null };
    step.data = { rating: input.rating, unitId: c.unit_id };
  },
  reopen: ({ deps, c, input, to, now, step }) => {
    step.patch = { reopen_count: c.reopen_count + 1, reply_due_at: replyDue(deps, now, c.type), rate_due_at: null, ...NO_RATINGS };
    step.data.round = c.reopen_count + 2;
    step.notices.push({ to: to === 'handling' ? unitUsers(deps, c.unit_id) : deputyUsers(deps, c), text: `民情件重办：${input.note}` });
    step.notices.push({ to: citizenOf(c), text: '您反映的问题已安排重新办理' });
  },
  urge: ({ deps, c, input, step }) => {
    step.patch = { urge_count: c.urge_count + 1 };
    step.notices.push({ to: holderUserIds(deps, c), text: `督办：请抓紧办理${input.note ? `（${input.note}）` : ''}` });
  },
  supplement: ({ deps, actor, c, input, step }) => {
    step.attachments = attachPhotos(deps, actor, input.photoIds, 'photoIds', c.id);
    step.notices.push({ to: [...holderUserIds(deps, c), ...deputyUsers(deps, c)], text: '群众补充了材料' });
  },
  note: () => {},
  overdue: ({ deps, c, input, step }) => {
    // flagged once per deadline: a moved deadline (an extension, a new assignment) is a new one
    const flag = overdueFlag(input.kind, input.due);
    step.patch = { reminded_flags: [...reminderFlags(c), flag].join(' ') };
    step.note = `${DEADLINE_LABELS[input.kind]}超期`;
    step.data = { kind: input.kind, due: input.due };
    step.notices.push({
      to: [...holderUserIds(deps, c), ...officeUserIds(deps, c)],
      text: `已超过${DEADLINE_LABELS[input.kind]}时限，请尽快处理`,
      kind: `${input.kind}_overdue`,
    });
  },
  auto_close: ({ now, step }) => {
    step.patch = { closed_at: iso(now), close_reason: 'unrated' };
    step.note = '评价期满未评价，自动办结';
    step.data = { reason: 'unrated' };
  },
};

/** The reminders already sent for a case (临期 and 超期, one flag per deadline). */
export const reminderFlags = (c: CaseRow) => c.reminded_flags.split(' ').filter(Boolean);
export const overdueFlag = (kind: DeadlineKind, due: string) => `${kind}-overdue@${due}`;

/**
 * Applies a transition already checked against the table (by `transition` for users, by the
 * scheduler for the system): the effect of its action, the new status, the event and the
 * notices. Call inside the transaction that checked it; answers the case as updated.
 */
export function applyTransition(
  deps: Deps,
  actor: SessionUser | SystemActor,
  c: CaseRow,
  input: LifecycleInput,
  rule: TransitionRule,
  now = deps.clock.now(),
): CaseRow {
  const to = resolveTarget(rule, {
    ...guardState(c),
    rating: input.action === 'rate' ? input.rating : null,
    reviewReply: input.action === 'reply' && actor.role === 'unit' && needsReplyReview(deps.replyReview, deps.reference, c),
  });
  const step: Step = { patch: {}, data: {}, attachments: [], notices: [] };
  if (actor.role === 'unit') {
    const unitName = unitNameOf(deps, actor.unitId);
    if (unitName) step.data.unitName = unitName;
  }
  (EFFECTS[input.action] as (x: Context<LifecycleAction>) => void)({ deps, actor, c, input, to, now, step } as Context<LifecycleAction>);
  deps.cases.update(c.id, { ...step.patch, status: to, updated_at: iso(now) });
  const { seq } = deps.events.append({
    case_id: c.id,
    action: input.action,
    actor_user_id: actor.id,
    actor_role: actor.role === 'system' ? null : actor.role,
    actor_name: actor.name,
    from_status: c.status,
    to_status: to,
    note: step.note ?? ('note' in input ? (input.note ?? null) : 'comment' in input ? (input.comment ?? null) : null),
    data: step.data,
    attachments: step.attachments,
    created_at: iso(now),
  });
  const updated = deps.cases.get(c.id)!;
  for (const n of step.notices) notify(deps, updated, n.to, n.kind ?? input.action, n.text, `e${seq}`);
  step.after?.(seq);
  return updated;
}
