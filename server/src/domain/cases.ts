import { bodyHash } from '../util/body-hash.js';
import { uuid7 } from '../util/uuid7.js';
import {
  ACTION_LABELS,
  DEPUTY_NOT_IN_OFFICE_MESSAGE,
  STATUS_LABELS,
  UNIT_INACTIVE_MESSAGE,
  allowedActionsFor,
  deriveTitle,
  findRule,
  guardFailure,
  resolveTarget,
  rulesFor,
  type CaseAction,
  type CaseDetail,
  type CaseGuardState,
  type CaseStatus,
  type CreateCaseInput,
  type Transition,
} from '@minqing/shared';
import { z } from 'zod';
import { createCaseSchema, caseListQuerySchema } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError, notFound } from '../http/errors.js';
import type { CasePatch, CaseRow } from '../repos/cases.js';
import type { EventRow } from '../repos/events.js';
import { addCalendarDays, cstDate } from './calendar.js';
import { replyDays } from './limits.js';
import { holderUserIds, notify, officeUserIds } from './notify.js';
import { toDetail, toSummary, wholeTextFilter } from './present.js';
import { needsReplyReview } from './reply-review.js';
import { canSee, scopeFilter } from './scope.js';
import { recordCorrection } from './suggestions.js';
import type { SessionUser } from './session.js';

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

export function allowedActions(user: SessionUser, c: CaseRow): CaseAction[] {
  return allowedActionsFor(user.role, guardState(c)).filter((a) => {
    // A deputy supplements only cases entered on a citizen's behalf (no citizen account to do it),
    // for the seat they hold now: its next holder takes them over, as with every case of the seat.
    if (a === 'supplement' && user.role === 'deputy') return c.citizen_user_id === null;
    return true;
  });
}

/** Loads a case the user may see, or fails with 404 (never revealing that it exists). */
export function loadVisible(deps: Deps, user: SessionUser, id: string): CaseRow {
  const c = deps.cases.find(id);
  if (!c || !canSee(user, c, deps.reference)) throw notFound('未找到该民情件，或您无权查看');
  return c;
}

export function caseDetail(deps: Deps, user: SessionUser, c: CaseRow, events = deps.events.forCase(c.id)): CaseDetail {
  return toDetail(c, events, user, allowedActions(user, c), deps.reference, deps.signer, deps.clock.now());
}

/** Photos named in a request must be the caller's own uploads, not already on another case. */
function attachPhotos(deps: Deps, user: SessionUser, ids: string[] | undefined, field: string, caseId: string): string[] {
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

const idempotencyKeySchema = z.string().trim().min(8).max(128).regex(/^[\x21-\x7e]+$/);

export function createCase(
  deps: Deps,
  user: SessionUser,
  raw: z.infer<typeof createCaseSchema>,
  idempotencyKey: string | undefined,
): { detail: CaseDetail; replayed: boolean } {
  if (user.role !== 'citizen' && user.role !== 'deputy') {
    throw new ApiError('forbidden', '只有群众或代表（代群众录入）可以提交民情件');
  }
  let key: string | undefined;
  if (idempotencyKey !== undefined) {
    const parsed = idempotencyKeySchema.safeParse(idempotencyKey);
    if (!parsed.success) throw new ApiError('invalid_input', 'Idempotency-Key 应为 8–128 个可见字符', 'Idempotency-Key');
    key = parsed.data;
  }
  const input = raw;
  const hash = bodyHash(input);
  const deputy = deps.reference.deputy(input.deputyCode);
  if (!deputy) throw new ApiError('invalid_input', '未找到该代表，请重新选择', 'deputyCode');
  if (user.role === 'deputy' && user.deputyCode !== input.deputyCode) {
    throw new ApiError('forbidden', '代表只能为自己录入群众反映的问题');
  }
  if (input.categoryId && !deps.reference.category(input.categoryId)) {
    throw new ApiError('invalid_input', '问题分类不存在', 'categoryId');
  }
  if (user.role === 'deputy' && !input.contactPhone && !input.anonymous) {
    throw new ApiError('invalid_input', '代群众录入时请填写群众的联系电话', 'contactPhone');
  }

  const run = deps.db.transaction((): { id: string; replayed: boolean; row?: CaseRow; events?: EventRow[] } => {
    if (key) {
      const existing = deps.idempotency.find(user.id, key);
      if (existing) {
        // the IETF Idempotency-Key draft: a key reused for another request is an error, not a replay
        // (else a citizen's second, different problem would vanish into the first case)
        if (existing.body_hash !== null && existing.body_hash !== hash) {
          throw new ApiError('idempotency_key_reused', undefined, 'Idempotency-Key');
        }
        return { id: existing.case_id, replayed: true };
      }
    }
    // a deputy who has left office receives nothing new (a replay above still returns its case)
    if (deputy.in_office !== 1) throw new ApiError('conflict', DEPUTY_NOT_IN_OFFICE_MESSAGE, 'deputyCode');
    const now = deps.clock.now();
    const id = uuid7(now.getTime());
    const region = deps.reference.townOf(deputy.region_id);
    const contactName = input.contactName ?? (user.role === 'citizen' ? user.name : null);
    // A title made from the body is stored masked: lists, the cockpit and notices show titles to
    // people who may not see the submitter, and the body keeps the whole text for those who may.
    const title = input.title?.trim() || deriveTitle(input.body, [contactName, user.role === 'citizen' ? user.name : null]);
    const row = {
      id,
      tracking_no: deps.cases.nextTrackingNo(cstDate(now)),
      type: input.type,
      title,
      body: input.body,
      status: 'submitted' as const,
      deputy_code: deputy.code,
      region_id: region?.id ?? deputy.region_id,
      citizen_user_id: user.role === 'citizen' ? user.id : null,
      entered_by_user_id: user.id,
      contact_name: contactName,
      contact_phone: input.contactPhone ?? (user.role === 'citizen' ? user.phone : null),
      anonymous: input.anonymous ? 1 : 0,
      location_lat: input.location?.lat ?? null,
      location_lng: input.location?.lng ?? null,
      location_address: input.location?.address ?? null,
      photo_ids: '[]',
      category_id: input.categoryId ?? null,
      submitted_at: iso(now),
      ack_due_at: iso(deps.calendar.addWorkingDays(now, deps.limits.ackWorkingDays)),
      updated_at: iso(now),
    };
    const inserted = deps.cases.insert(row);
    const photos = attachPhotos(deps, user, input.photoIds, 'photoIds', id);
    if (photos.length) deps.cases.update(id, { photo_ids: JSON.stringify(photos) });
    const event = deps.events.append({
      case_id: id,
      action: 'submit',
      actor_user_id: user.id,
      actor_role: user.role,
      actor_name: user.name,
      from_status: null,
      to_status: 'submitted',
      note: null,
      data: { onBehalf: user.role === 'deputy' },
      attachments: photos,
      created_at: iso(now),
    });
    if (key) deps.idempotency.insert(user.id, key, id, hash, iso(now));
    // the row as stored now: its photos, and the hash of its event (set by the events trigger)
    const created: CaseRow = { ...inserted, photo_ids: JSON.stringify(photos), last_event_hash: event.hash };
    notify(deps, created, deps.users.deputyUserIds(deputy.code), 'new_case', `您收到一件新的民情件：${title}`, `e${event.seq}`);
    return { id, replayed: false, row: created, events: [event] };
  });
  const { id, replayed, row, events } = run.immediate();
  // a new case is answered with what was just written
  return { detail: row ? caseDetail(deps, user, row, events) : caseDetail(deps, user, deps.cases.get(id)!), replayed };
}

export function listCases(deps: Deps, user: SessionUser, query: z.infer<typeof caseListQuerySchema>) {
  const filter = scopeFilter(user, deps.reference);
  const where = [...filter.where];
  const params = [...filter.params];
  if (query.status?.length) {
    where.push(`status IN (${query.status.map(() => '?').join(',')})`);
    params.push(...query.status);
  }
  if (query.q) {
    // The search term is data, never SQL: LIKE wildcards in it are escaped.
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // It matches what this viewer reads: a case whose words reach them masked is found by its
    // masked text only, so a name, phone or ID-card number is no key to find whose case it is.
    // Masking only puts * in place of characters, so a term without * that matches a masked
    // text matches the stored one too: that cheap LIKE goes first, masking runs on its hits.
    const whole = wholeTextFilter(user);
    const prefilter = !query.q.includes('*');
    const stored = (column: string) => `${column} LIKE ? ESCAPE '\\'`;
    const seen = (column: string) => `(${prefilter ? `${stored(column)} AND ` : ''}masked_text(${column}, contact_name) LIKE ? ESCAPE '\\')`;
    const seenParams = prefilter ? [like, like, like, like] : [like, like];
    // (no CASE with a constant condition: SQLite then calls masked_text on every row)
    if (whole) {
      where.push(`(${stored('tracking_no')} OR CASE WHEN ${whole.sql} THEN (${stored('title')} OR ${stored('body')}) ELSE (${seen('title')} OR ${seen('body')}) END)`);
      params.push(like, ...whole.params, like, like, ...seenParams);
    } else {
      where.push(`(${stored('tracking_no')} OR ${seen('title')} OR ${seen('body')})`);
      params.push(like, ...seenParams);
    }
  }
  if (query.type) (where.push('type = ?'), params.push(query.type));
  if (query.categoryId) (where.push('category_id = ?'), params.push(query.categoryId));
  if (query.unitId) (where.push('unit_id = ?'), params.push(query.unitId));
  if (query.deputyCode) (where.push('deputy_code = ?'), params.push(query.deputyCode));
  if (query.regionId) {
    const ids = deps.reference.subtree(query.regionId);
    where.push(`region_id IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  // 答复待审核 is staff business: a citizen's list never tells it apart
  if (query.replyPending && user.role !== 'citizen') where.push(`pending_reply_at IS ${query.replyPending === 'true' ? 'NOT ' : ''}NULL`);
  if (query.extensionPending && user.role !== 'citizen') where.push(`extension_pending_days IS ${query.extensionPending === 'true' ? 'NOT ' : ''}NULL`);
  if (query.overdue === 'true') {
    const now = deps.clock.now().toISOString();
    where.push(`((status = 'submitted' AND ack_due_at < ?) OR (status = 'assigned' AND sign_due_at < ?) OR (status IN ('acknowledged','handling') AND reply_due_at < ?))`);
    params.push(now, now, now);
  }
  const { rows, total } = deps.cases.list({ where, params }, 'submitted_at DESC', query.pageSize, (query.page - 1) * query.pageSize);
  const now = deps.clock.now();
  return { items: rows.map((r) => toSummary(r, deps.reference, now, user)), total };
}

/**
 * One lifecycle step: checked against the shared table (role → 403, status → 409, guards
 * → 409), applied with its event and notifications in one transaction.
 */
export function transition(deps: Deps, user: SessionUser, caseId: string, input: Transition): CaseDetail {
  const run = deps.db.transaction(() => {
    const c = loadVisible(deps, user, caseId);
    if (rulesFor(input.action, user.role).length === 0) {
      throw new ApiError('forbidden', '您的角色不能进行此操作');
    }
    const rule = findRule(input.action, user.role, c.status);
    if (!rule) {
      throw new ApiError('illegal_transition', `民情件当前为“${STATUS_LABELS[c.status]}”，不能${ACTION_LABELS[input.action]}`);
    }
    if (!allowedActions(user, c).includes(input.action)) {
      throw new ApiError('illegal_transition', guardFailure(input.action, user.role, guardState(c)) ?? '当前不能进行此操作');
    }
    const now = deps.clock.now();
    const to = resolveTarget(rule, guardState(c), {
      ...(input.action === 'rate' ? { rating: input.rating } : {}),
      reviewReply: input.action === 'reply' && user.role === 'unit' && needsReplyReview(deps.replyReview, deps.reference, c),
    });
    const step = applyAction(deps, user, c, input, to, now);
    const patch: CasePatch = { ...step.patch, status: to, updated_at: iso(now) };
    deps.cases.update(c.id, patch);
    const { seq } = deps.events.append({
      case_id: c.id,
      action: input.action,
      actor_user_id: user.id,
      actor_role: user.role,
      actor_name: user.name,
      from_status: c.status,
      to_status: to,
      note: 'note' in input ? (input.note ?? null) : 'comment' in input ? (input.comment ?? null) : null,
      data: step.data,
      attachments: step.attachments,
      created_at: iso(now),
    });
    const updated = deps.cases.get(c.id)!;
    for (const n of step.notices) notify(deps, updated, n.to, n.kind ?? input.action, n.text, `e${seq}`);
    step.after?.(seq);
    return updated;
  });
  const updated = run.immediate();
  return caseDetail(deps, user, updated);
}

interface Step {
  patch: CasePatch;
  data: Record<string, unknown>;
  attachments: string[];
  /** `kind` defaults to the action's name. */
  notices: { to: string[]; text: string; kind?: string }[];
  after?: (seq: number) => void;
}

/** A new reply round: the ratings of the previous reply stay in the timeline, not on the case. */
const NEW_ROUND = {
  rating: null,
  solved: null,
  rating_comment: null,
  rated_at: null,
  deputy_rating: null,
  deputy_rating_comment: null,
} as const satisfies CasePatch;

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

function applyAction(deps: Deps, user: SessionUser, c: CaseRow, input: Transition, to: CaseStatus, now: Date): Step {
  const step: Step = { patch: {}, data: {}, attachments: [], notices: [] };
  const citizen = c.citizen_user_id ? [c.citizen_user_id] : [];
  const deputyUsers = () => deps.users.deputyUserIds(c.deputy_code);
  const unitUsers = (unitId: string | null) => (unitId ? deps.users.unitUserIds(unitId) : []);
  const dueFor = (from: Date, type = c.type) => iso(deps.calendar.addWorkingDays(from, replyDays(deps.limits, type)));
  const unitName = user.unitId ? deps.reference.unit(user.unitId)?.name : undefined;
  if (user.role === 'unit' && unitName) step.data.unitName = unitName;

  switch (input.action) {
    case 'acknowledge':
      step.patch = { ...firstResponse(c, now), reply_due_at: dueFor(now) };
      step.notices.push({ to: citizen, text: '您反映的问题代表已受理' });
      break;
    case 'reply': {
      const photos = attachPhotos(deps, user, input.photoIds, 'photoIds', c.id);
      step.attachments = photos;
      const byUnit = user.role === 'unit';
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
        step.notices.push({ to: officeUserIds(deps, c), text: `${unitName ?? '承办单位'}提交了答复，请审核后发送给群众`, kind: 'reply_pending' });
        break;
      }
      step.patch = {
        ...(byUnit ? {} : firstResponse(c, now)),
        replied_at: iso(now),
        reply_text: input.note,
        replied_by_unit: byUnit ? 1 : 0,
        rate_due_at: iso(addCalendarDays(now, deps.limits.ratingWindowDays)),
        ...NEW_ROUND,
        extension_pending_days: null,
      };
      if (byUnit && c.reply_on_time === null && c.reply_due_at) {
        step.patch.reply_on_time = now.getTime() <= Date.parse(c.reply_due_at) ? 1 : 0;
      }
      step.notices.push({ to: citizen, text: '您反映的问题已有答复，请查看并评价' });
      if (byUnit) step.notices.push({ to: deputyUsers(), text: `${unitName ?? '承办单位'}已答复，请评价办理情况` });
      break;
    }
    case 'forward':
      step.patch = { ...(user.role === 'deputy' ? firstResponse(c, now) : {}), forwarded_at: iso(now) };
      step.notices.push({ to: officeUserIds(deps, c), text: '有新的民情件待分办' });
      break;
    case 'reject':
    case 'close':
    case 'merge': {
      const reason = input.action === 'reject' ? 'rejected' : input.action === 'merge' ? 'merged' : user.role === 'citizen' ? 'withdrawn' : 'closed';
      step.patch = {
        ...(input.action === 'reject' ? firstResponse(c, now) : {}),
        closed_at: iso(now),
        close_reason: reason,
        extension_pending_days: null,
        // a reply still under review never reaches the citizen of a closed case
        ...(c.pending_reply_at ? NO_PENDING_REPLY : {}),
      };
      step.data.reason = reason;
      if (input.action === 'merge') {
        const target = loadVisible(deps, user, input.targetCaseId);
        if (target.id === c.id) throw new ApiError('invalid_input', '不能合并到自身', 'targetCaseId');
        if (target.status === 'closed') throw new ApiError('conflict', '目标民情件已办结，不能合并', 'targetCaseId');
        step.patch.merged_into_case_id = target.id;
        step.data.mergedInto = target.tracking_no;
        step.after = () => {
          deps.events.append({
            case_id: target.id,
            action: 'merge',
            actor_user_id: user.id,
            actor_role: user.role,
            actor_name: user.name,
            from_status: target.status,
            to_status: target.status,
            note: `合并了同类诉求 ${c.tracking_no}`,
            data: { mergedFrom: c.tracking_no, mergedFromId: c.id },
            created_at: iso(now),
          });
        };
      }
      step.notices.push({
        to: user.role === 'citizen' ? deputyUsers() : citizen,
        text:
          reason === 'merged'
            ? `您反映的问题已与同类诉求合并办理`
            : reason === 'rejected'
              ? '您反映的问题不予受理，请查看理由'
              : reason === 'withdrawn'
                ? '群众已撤回民情件'
                : '您反映的问题已办结',
      });
      break;
    }
    case 'assign': {
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
        reply_due_at: dueFor(now, type),
        reply_on_time: null,
        extension_pending_days: null,
        extension_approved_days: null,
      };
      step.data = { unitId: unit.id, unitName: unit.name, categoryId: input.categoryId ?? c.category_id, type };
      if (input.categoryId) step.data.corrected = recordCorrection(deps, deps.classifier(), c, input.categoryId);
      step.notices.push({ to: unitUsers(unit.id), text: '有新的民情件交办，请及时签收' });
      break;
    }
    case 'sign':
      step.patch = { signed_at: iso(now) };
      step.notices.push({ to: citizen, text: `${unitName ?? '承办单位'}已签收，正在办理` });
      break;
    case 'return':
      step.patch = {
        unit_id: null,
        return_count: c.return_count + 1,
        signed_at: null,
        sign_due_at: null,
        reply_due_at: null,
        extension_pending_days: null,
        extension_approved_days: null,
      };
      step.notices.push({ to: officeUserIds(deps, c), text: `${unitName ?? '承办单位'}退回了民情件：${input.note}` });
      break;
    case 'request_extension':
      if (input.days > deps.limits.maxExtensionWorkingDays) {
        throw new ApiError('invalid_input', `最多延期${deps.limits.maxExtensionWorkingDays}个工作日`, 'days');
      }
      step.patch = { extension_pending_days: input.days };
      step.data.days = input.days;
      step.notices.push({ to: officeUserIds(deps, c), text: `${unitName ?? '承办单位'}申请延期${input.days}个工作日` });
      break;
    case 'approve_extension': {
      const days = c.extension_pending_days!;
      const base = c.reply_due_at ? new Date(c.reply_due_at) : now;
      step.patch = {
        extension_pending_days: null,
        extension_approved_days: days,
        reply_due_at: iso(deps.calendar.addWorkingDays(base, days)),
      };
      step.data.days = days;
      step.notices.push({ to: unitUsers(c.unit_id), text: `延期申请已同意，延期${days}个工作日` });
      break;
    }
    case 'deny_extension':
      step.patch = { extension_pending_days: null };
      step.notices.push({ to: unitUsers(c.unit_id), text: '延期申请未获同意，请按原时限办结' });
      break;
    case 'approve_reply': {
      // The unit's pending reply goes to the citizen exactly as an unreviewed reply would have:
      // reply text and photos, the rating window from now, the same notices.
      const photos = JSON.parse(c.pending_reply_photo_ids ?? '[]') as string[];
      const submittedAt = c.pending_reply_at!;
      step.patch = {
        ...NO_PENDING_REPLY,
        replied_at: iso(now),
        reply_text: c.pending_reply_text,
        replied_by_unit: 1,
        rate_due_at: iso(addCalendarDays(now, deps.limits.ratingWindowDays)),
        ...NEW_ROUND,
        extension_pending_days: null,
      };
      // 按时办结 is judged at the unit's submission, not at approval: the unit's part ended when
      // it replied, and the days the reply spent in review are the office's, not the unit's.
      if (c.reply_on_time === null && c.reply_due_at) {
        step.patch.reply_on_time = Date.parse(submittedAt) <= Date.parse(c.reply_due_at) ? 1 : 0;
      }
      const unit = c.unit_id ? deps.reference.unit(c.unit_id)?.name : undefined;
      step.data = { replySeq: pendingReplySeq(deps, c.id), submittedAt, ...(unit ? { unitName: unit } : {}) };
      step.notices.push({ to: citizen, text: '您反映的问题已有答复，请查看并评价', kind: 'reply' });
      step.notices.push({ to: deputyUsers(), text: `${unit ?? '承办单位'}已答复，请评价办理情况`, kind: 'reply' });
      step.notices.push({ to: unitUsers(c.unit_id), text: '您的答复已通过人大审核，已发送给群众' });
      break;
    }
    case 'reject_reply':
      step.patch = { ...NO_PENDING_REPLY };
      step.data = { replySeq: pendingReplySeq(deps, c.id) };
      step.notices.push({ to: unitUsers(c.unit_id), text: `答复未通过人大审核，请修改后重新答复：${input.note}` });
      break;
    case 'rate':
      step.patch = {
        rating: input.rating,
        solved: input.solved ? 1 : 0,
        rating_comment: input.comment ?? null,
        rated_at: iso(now),
        ...(to === 'closed' ? { closed_at: iso(now), close_reason: 'rated' as const } : {}),
      };
      step.data = { rating: input.rating, solved: input.solved };
      step.notices.push({
        to: [...deputyUsers(), ...unitUsers(c.replied_by_unit ? c.unit_id : null), ...(input.rating === 'unsatisfied' ? officeUserIds(deps, c) : [])],
        text: input.rating === 'unsatisfied' ? '群众对答复不满意，请研究是否重办' : '群众已评价答复',
      });
      break;
    case 'evaluate':
      step.patch = { deputy_rating: input.rating, deputy_rating_comment: input.comment ?? null };
      step.data = { rating: input.rating, unitId: c.unit_id };
      break;
    case 'reopen':
      step.patch = {
        reopen_count: c.reopen_count + 1,
        reply_due_at: dueFor(now),
        rate_due_at: null,
        ...NEW_ROUND,
      };
      step.data.round = c.reopen_count + 2;
      step.notices.push({ to: to === 'handling' ? unitUsers(c.unit_id) : deputyUsers(), text: `民情件重办：${input.note}` });
      step.notices.push({ to: citizen, text: '您反映的问题已安排重新办理' });
      break;
    case 'urge':
      step.patch = { urge_count: c.urge_count + 1 };
      step.notices.push({ to: holderUserIds(deps, c), text: `督办：请抓紧办理${input.note ? `（${input.note}）` : ''}` });
      break;
    case 'supplement':
      step.attachments = attachPhotos(deps, user, input.photoIds, 'photoIds', c.id);
      step.notices.push({ to: [...holderUserIds(deps, c), ...deputyUsers()], text: '群众补充了材料' });
      break;
    case 'note':
      break;
  }
  return step;
}
