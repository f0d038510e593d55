import {
  ACTION_LABELS,
  maskName,
  maskPersonalInfo,
  maskPhone,
  type CaseAction,
  type CaseDetail,
  type CaseEvent,
  type CaseEventAction,
  type CaseSummary,
  type DeadlineKind,
  STATUS_RULES,
} from '@minqing/shared';
import type { WholeText } from '../repos/case-filter.js';
import { EXCERPT_SOURCE_CHARS, type CaseRow, type CaseSummaryRow } from '../repos/cases.js';
import type { EventRow } from '../repos/events.js';
import { DEADLINE_COLUMNS } from '../repos/lifecycle-sql.js';
import type { ReferenceRepo } from '../repos/reference.js';
import type { SessionUser } from './session.js';

import type { UploadSigner } from './signing.js';

type DeadlineFacts = Pick<CaseRow, 'status' | 'ack_due_at' | 'reply_due_at' | 'sign_due_at' | 'rate_due_at'>;

/** The deadline of the case's status (lifecycle.ts), and when its clock started, if one runs. */
export function currentDeadline(c: CaseRow): { kind: DeadlineKind; due: string; start: string } | null {
  const kind = STATUS_RULES[c.status].deadline;
  const due = kind ? c[DEADLINE_COLUMNS[kind].due] : null;
  if (!kind || !due) return null;
  const start = DEADLINE_COLUMNS[kind].start.map((col) => c[col]).find((t) => t !== null) ?? c.submitted_at;
  return { kind, due, start };
}

/** The deadline that matters for whoever holds the case now. */
export function currentDue(c: DeadlineFacts): string | null {
  const kind = STATUS_RULES[c.status].deadline;
  return kind ? c[DEADLINE_COLUMNS[kind].due] : null;
}

/** 超期: the deadline of a status where passing it counts as such has passed (overdueSql is the same in SQL). */
export function isOverdue(c: DeadlineFacts, now: Date): boolean {
  const due = currentDue(c);
  return STATUS_RULES[c.status].overdue && due !== null && Date.parse(due) < now.getTime();
}

type Audience = Pick<CaseRow, 'citizen_user_id' | 'anonymous' | 'deputy_code'>;

const isSubmitter = (viewer: SessionUser, c: Pick<CaseRow, 'citizen_user_id'>) =>
  viewer.role === 'citizen' && c.citizen_user_id === viewer.id;

/** Full contact details go only to the submitter, the case's deputy and office staff. */
function mayReadContact(viewer: SessionUser, c: Audience): boolean {
  if (isSubmitter(viewer, c)) return true;
  if (c.anonymous) return false;
  return (viewer.role === 'deputy' && viewer.deputyCode === c.deputy_code) || viewer.role === 'office';
}

/**
 * mayReadContact as a filter over `cases`: the cases whose words this viewer reads whole, or null
 * for a viewer who reads every case masked. A search must match only what the viewer reads
 * (listCases).
 */
export function wholeTextFilter(viewer: SessionUser): WholeText | null {
  switch (viewer.role) {
    case 'citizen':
      return { citizenUserId: viewer.id };
    case 'deputy':
      return { namedOnly: true, deputyCode: viewer.deputyCode ?? '' };
    case 'office':
      return { namedOnly: true };
    default:
      return null;
  }
}

/**
 * A citizen's words (a title, the body, their notes) as shown to someone who may not know who
 * wrote them: phone, ID-card and card numbers and the contact's name masked (shared/privacy.ts).
 * What the cockpit, the big screen, the ledger and work notices show everyone.
 */
export const maskedText = (text: string, c: Pick<CaseRow, 'contact_name'>): string => maskPersonalInfo(text, [c.contact_name]);

/**
 * The one rule for every surface that shows a citizen's words: whole to those allowed the
 * contact details (the submitter, the case's deputy and office staff, not for an anonymous
 * case), masked to everyone else — and to any list without a viewer (the cockpit's).
 */
export function textFor(viewer: SessionUser | undefined, c: Audience & Pick<CaseRow, 'contact_name'>, text: string): string {
  return viewer && mayReadContact(viewer, c) ? text : maskedText(text, c);
}

/** The first 60 characters of the body as this viewer may read them, masked before the cut (see EXCERPT_SOURCE_CHARS). */
function excerpt(body: string, readable: (text: string) => string): string {
  const text = readable(body.slice(0, EXCERPT_SOURCE_CHARS));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/**
 * A case as a list shows it. With a `viewer` who is staff (and a row that has the column), it
 * also says whether a unit's reply awaits the office's review; citizens are never told.
 */
export function toSummary(c: CaseSummaryRow, reference: ReferenceRepo, now: Date, viewer?: SessionUser): CaseSummary {
  const deputy = reference.deputy(c.deputy_code);
  const readable = (text: string) => textFor(viewer, c, text);
  return {
    id: c.id,
    trackingNo: c.tracking_no,
    type: c.type,
    title: readable(c.title),
    excerpt: excerpt(c.body, readable),
    status: c.status,
    deputyCode: c.deputy_code,
    deputyName: deputy?.name ?? '',
    regionId: c.region_id,
    regionName: reference.region(c.region_id)?.name ?? '',
    categoryId: c.category_id,
    categoryName: c.category_id ? (reference.category(c.category_id)?.name ?? null) : null,
    unitId: c.unit_id,
    unitName: c.unit_id ? (reference.unit(c.unit_id)?.name ?? null) : null,
    anonymous: c.anonymous === 1,
    submittedAt: c.submitted_at,
    ackDueAt: c.ack_due_at,
    signDueAt: c.sign_due_at,
    replyDueAt: c.reply_due_at,
    rateDueAt: c.rate_due_at,
    dueAt: currentDue(c),
    overdue: isOverdue(c, now),
    closeReason: c.close_reason,
    rating: c.rating,
    urgeCount: c.urge_count,
    ...(viewer && viewer.role !== 'citizen' && c.pending_reply_at !== undefined ? { replyPending: c.pending_reply_at !== null } : {}),
    ...(viewer && viewer.role !== 'citizen' && c.extension_pending_days !== undefined
      ? { extensionPendingDays: c.extension_pending_days }
      : {}),
  };
}

/** Staff-only entries of the timeline; citizens see the steps of their case, not the office's notes. */
const INTERNAL_ACTIONS = new Set<string>([
  'note',
  'urge',
  'request_extension',
  'deny_extension',
  'evaluate',
  'approve_reply',
  'reject_reply',
]);
const INTERNAL_NOTES = new Set<string>(['return', 'forward', 'assign', 'approve_extension']);

type ReviewOutcome = 'pending' | 'approved' | 'rejected';
const REVIEW_LABELS: Record<ReviewOutcome, string> = {
  pending: '答复（待审核）',
  approved: '答复（审核通过）',
  rejected: '答复（退回修改）',
};

/**
 * 答复审核: what became of each unit reply that went to the office for review, by the seq of
 * its event. A citizen sees such a reply only once it is approved (then as the unit's 答复);
 * one still pending, or sent back, stays with the staff.
 */
export function reviewOutcomes(events: EventRow[]): Map<number, ReviewOutcome> {
  const out = new Map<number, ReviewOutcome>();
  let open: number | null = null;
  for (const e of events) {
    if (e.action === 'reply' && (JSON.parse(e.data) as { review?: unknown }).review === 'pending') {
      open = e.seq;
      out.set(e.seq, 'pending');
    } else if (open !== null && (e.action === 'approve_reply' || e.action === 'reject_reply')) {
      out.set(open, e.action === 'approve_reply' ? 'approved' : 'rejected');
      open = null;
    } else if (open !== null && e.to_status === 'closed') {
      out.set(open, 'rejected'); // closed while under review: it never went out
      open = null;
    }
  }
  return out;
}

/** Photos of the case a citizen must not get (a reply under review, or one sent back). */
export function photosHiddenFromCitizen(c: Pick<CaseRow, 'pending_reply_photo_ids'>, events: EventRow[]): Set<string> {
  const hidden = new Set<string>(JSON.parse(c.pending_reply_photo_ids ?? '[]') as string[]);
  const outcomes = reviewOutcomes(events);
  for (const e of events) {
    const outcome = outcomes.get(e.seq);
    if (e.action === 'reply' && outcome && outcome !== 'approved') for (const id of JSON.parse(e.attachments) as string[]) hidden.add(id);
  }
  return hidden;
}

function presentEvent(e: EventRow, c: CaseRow, viewer: SessionUser, signer: UploadSigner, review: ReviewOutcome | undefined): CaseEvent {
  const data = JSON.parse(e.data) as Record<string, unknown>;
  // staff read what became of a reviewed reply; a citizen only ever gets approved ones, as 答复
  if (review) data.review = review;
  let actorName = e.actor_name;
  if (e.actor_role === 'citizen') {
    if (c.anonymous && !isSubmitter(viewer, c)) actorName = '匿名群众';
    else if (!mayReadContact(viewer, c)) actorName = maskName(e.actor_name);
  } else if (viewer.role === 'citizen') {
    // Citizens see which office or unit acted, not staff members' own names.
    if (e.actor_role === 'unit') actorName = typeof data.unitName === 'string' ? data.unitName : '承办单位';
    else if (e.actor_role === 'office' || e.actor_role === 'admin') actorName = '人大工作人员';
    else if (e.actor_role === 'deputy') actorName = `${e.actor_name}代表`;
  }
  const hideNote = viewer.role === 'citizen' && INTERNAL_NOTES.has(e.action);
  // a citizen's own words (a supplement, a comment with a rating) are the case's text too
  const note = hideNote || e.note === null ? null : e.actor_role === 'citizen' ? textFor(viewer, c, e.note) : e.note;
  return {
    id: e.id,
    seq: e.seq,
    action: e.action,
    actionLabel: review && viewer.role !== 'citizen' ? REVIEW_LABELS[review] : (ACTION_LABELS[e.action as CaseEventAction] ?? e.action),
    actorRole: e.actor_role,
    actorName,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    note,
    data: viewer.role === 'citizen' ? pickPublic(data) : data,
    attachments: (JSON.parse(e.attachments) as string[]).map((id) => ({ id, url: signer.url(id) })),
    createdAt: e.created_at,
  };
}

const PUBLIC_DATA_KEYS = ['unitName', 'rating', 'solved', 'days', 'trackingNo', 'mergedInto', 'reason'];
function pickPublic(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => PUBLIC_DATA_KEYS.includes(k)));
}

export function toDetail(
  c: CaseRow,
  events: EventRow[],
  viewer: SessionUser,
  allowedActions: CaseAction[],
  reference: ReferenceRepo,
  signer: UploadSigner,
  now: Date,
): CaseDetail {
  const contactVisible = mayReadContact(viewer, c);
  const hideIdentity = c.anonymous === 1 && !isSubmitter(viewer, c);
  const contactPhone = hideIdentity || !c.contact_phone ? null : contactVisible ? c.contact_phone : maskPhone(c.contact_phone);
  const contactName = hideIdentity || !c.contact_name ? null : contactVisible ? c.contact_name : maskName(c.contact_name);
  const reviews = reviewOutcomes(events);
  const citizen = viewer.role === 'citizen';
  const timeline = events
    .filter((e) => !citizen || (!INTERNAL_ACTIONS.has(e.action) && (reviews.get(e.seq) ?? 'approved') === 'approved'))
    .map((e) => presentEvent(e, c, viewer, signer, reviews.get(e.seq)));
  const pendingReply =
    c.pending_reply_at !== null && !citizen
      ? {
          text: c.pending_reply_text ?? '',
          photos: (JSON.parse(c.pending_reply_photo_ids ?? '[]') as string[]).map((id) => ({ id, url: signer.url(id) })),
          submittedAt: c.pending_reply_at,
          unitName: c.unit_id ? (reference.unit(c.unit_id)?.name ?? null) : null,
        }
      : null;
  // Object.assign, not a spread followed by 24 more properties: V8 (Node 20) took about 35 µs to
  // build that literal, the largest single cost of answering a case (measured in a micro-benchmark)
  return Object.assign(toSummary(c, reference, now, viewer), {
    body: textFor(viewer, c, c.body),
    contactName,
    contactPhone,
    contactPhoneMasked: contactPhone !== null && !contactVisible,
    location:
      c.location_lat !== null || c.location_address
        ? {
            ...(c.location_lat !== null && c.location_lng !== null ? { lat: c.location_lat, lng: c.location_lng } : {}),
            ...(c.location_address ? { address: c.location_address } : {}),
          }
        : null,
    photos: (JSON.parse(c.photo_ids) as string[]).map((id) => ({ id, url: signer.url(id) })),
    acknowledgedAt: c.acknowledged_at,
    assignedAt: c.assigned_at,
    signedAt: c.signed_at,
    repliedAt: c.replied_at,
    closedAt: c.closed_at,
    replyText: c.reply_text,
    solved: c.solved === null ? null : c.solved === 1,
    ratingComment: c.rating_comment === null ? null : textFor(viewer, c, c.rating_comment),
    deputyRating: viewer.role === 'citizen' ? null : c.deputy_rating,
    reopenCount: c.reopen_count,
    extensionPendingDays: c.extension_pending_days,
    extensionApprovedDays: c.extension_approved_days,
    mergedIntoCaseId: c.merged_into_case_id,
    pendingReply,
    events: timeline,
    allowedActions,
  });
}
