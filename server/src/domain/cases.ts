import { bodyHash } from '../util/body-hash.js';
import { uuid7 } from '../util/uuid7.js';
import {
  ACTION_LABELS,
  DEPUTY_NOT_IN_OFFICE_MESSAGE,
  STATUS_LABELS,
  allowedActionsFor,
  deriveTitle,
  findRule,
  guardFailure,
  rulesFor,
  type CaseAction,
  type CaseDetail,
  type Transition,
} from '@minqing/shared';
import { z } from 'zod';
import { createCaseSchema, caseListQuerySchema } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import type { CaseRow } from '../repos/cases.js';
import type { EventRow } from '../repos/events.js';
import type { CaseListFilter } from '../repos/case-filter.js';
import { applyTransition, attachPhotos, guardState, loadVisible } from './apply-action.js';
import { cstDate } from './calendar.js';
import { notify } from './notify.js';
import { toDetail, toSummary, wholeTextFilter } from './present.js';
import { caseScope } from './scope.js';
import type { SessionUser } from './session.js';

export { guardState, loadVisible };

const iso = (d: Date) => d.toISOString();

export function allowedActions(user: SessionUser, c: CaseRow): CaseAction[] {
  return allowedActionsFor(user.role, guardState(c)).filter((a) => {
    // A deputy supplements only cases entered on a citizen's behalf (no citizen account to do it),
    // for the seat they hold now: its next holder takes them over, as with every case of the seat.
    if (a === 'supplement' && user.role === 'deputy') return c.citizen_user_id === null;
    return true;
  });
}

export function caseDetail(deps: Deps, user: SessionUser, c: CaseRow, events = deps.events.forCase(c.id)): CaseDetail {
  return toDetail(c, events, user, allowedActions(user, c), deps.reference, deps.signer, deps.clock.now());
}

const idempotencyKeySchema = z
  .string()
  .trim()
  .min(8)
  .max(128)
  .regex(/^[\x21-\x7e]+$/);

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

  const { id, replayed, row, events } = deps.immediate((): { id: string; replayed: boolean; row?: CaseRow; events?: EventRow[] } => {
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
  // a new case is answered with what was just written
  return { detail: row ? caseDetail(deps, user, row, events) : caseDetail(deps, user, deps.cases.get(id)!), replayed };
}

export function listCases(deps: Deps, user: SessionUser, query: z.infer<typeof caseListQuerySchema>) {
  // 答复待审核 and 延期 are staff business: a citizen's list never tells them apart
  const staff = user.role !== 'citizen';
  const filter: CaseListFilter = {
    statuses: query.status,
    // a search matches what this viewer reads: a case whose words reach them masked is found by
    // its masked text only, so a name, phone or ID-card number is no key to find whose case it is
    search: query.q ? { term: query.q, whole: wholeTextFilter(user) } : undefined,
    type: query.type,
    categoryId: query.categoryId,
    unitId: query.unitId,
    deputyCode: query.deputyCode,
    regionIds: query.regionId ? deps.reference.subtree(query.regionId) : undefined,
    replyPending: staff && query.replyPending ? query.replyPending === 'true' : undefined,
    extensionPending: staff && query.extensionPending ? query.extensionPending === 'true' : undefined,
    overdueAt: query.overdue === 'true' ? deps.clock.now().toISOString() : undefined,
  };
  const { rows, total } = deps.cases.list(caseScope(user, deps.reference), filter, query.pageSize, (query.page - 1) * query.pageSize);
  const now = deps.clock.now();
  return { items: rows.map((r) => toSummary(r, deps.reference, now, user)), total };
}

/**
 * One lifecycle step: checked against the shared table (role → 403, status → 409, guards
 * → 409), applied with its event and notifications in one transaction.
 */
export function transition(deps: Deps, user: SessionUser, caseId: string, input: Transition): CaseDetail {
  const updated = deps.immediate(() => {
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
    return applyTransition(deps, user, c, input, rule);
  });
  return caseDetail(deps, user, updated);
}
