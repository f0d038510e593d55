/** Canonical names from PRODUCT.md. Chinese labels live in labels.ts. */
export const ROLES = ['citizen', 'deputy', 'office', 'unit', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ['deputy', 'office', 'unit', 'leader', 'admin'] as const satisfies readonly Role[];

export const CASE_STATUSES = ['submitted', 'acknowledged', 'triage', 'assigned', 'handling', 'replied', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'closed');

export const CASE_ACTIONS = [
  'acknowledge',
  'reply',
  'forward',
  'reject',
  'assign',
  'sign',
  'return',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'approve_reply',
  'reject_reply',
  'rate',
  'evaluate',
  'reopen',
  'close',
  'urge',
  'merge',
  'supplement',
  'note',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** 'submit' is the first event of every case; it is not a transition a client can ask for. */
export type CaseEventAction = CaseAction | 'submit' | 'auto_close' | 'overdue';

export const CASE_TYPES = ['consult', 'help', 'complaint', 'report', 'suggestion'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

export const DEPUTY_LEVELS = ['province', 'prefecture', 'county', 'town'] as const;
export type DeputyLevel = (typeof DEPUTY_LEVELS)[number];

export const REGION_KINDS = ['city', 'town', 'village'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** Why a case ended up closed. */
export const CLOSE_REASONS = ['rated', 'unrated', 'rejected', 'merged', 'withdrawn', 'closed'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
