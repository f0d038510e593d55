import type { CaseStatus, CaseType } from '@minqing/shared';
import { OVERDUE_PARAMS, overdueSql } from './lifecycle-sql.js';

/** A WHERE clause of fixed fragments, with its parameters. */
export interface CaseFilter {
  where: string[];
  params: unknown[];
}

/** Which cases a viewer may see, as data: domain/scope.ts decides it, this file states it in SQL. */
export type CaseScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'citizen'; userId: string }
  | { kind: 'deputy'; code: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'regions'; ids: readonly string[] };

const regionIn = (ids: readonly string[]) => `region_id IN (${ids.map(() => '?').join(',')})`;

export function scopeSql(s: CaseScope): CaseFilter {
  switch (s.kind) {
    case 'all':
      return { where: [], params: [] };
    case 'none':
      return { where: ['0'], params: [] };
    case 'citizen':
      return { where: ['citizen_user_id = ?'], params: [s.userId] };
    case 'deputy':
      return { where: ['deputy_code = ?'], params: [s.code] };
    case 'unit':
      return { where: ['unit_id = ?'], params: [s.unitId] };
    case 'regions':
      return { where: [regionIn(s.ids)], params: [...s.ids] };
  }
}

/** The scope, narrowed to the regions `within` (null: not narrowed). */
export function scopeWithinSql(s: CaseScope, within: readonly string[] | null): CaseFilter {
  const f = scopeSql(s);
  if (within) {
    f.where.push(regionIn(within));
    f.params.push(...within);
  }
  return f;
}

/**
 * Whose words a viewer reads whole (domain/present.ts decides): their own (a citizen), the named
 * cases of their seat (a deputy), every named case (office staff). The search matches what the
 * viewer reads, masked elsewhere.
 */
export interface WholeText {
  citizenUserId?: string;
  namedOnly?: boolean;
  deputyCode?: string;
}

function wholeTextSql(w: WholeText): CaseFilter {
  const where: string[] = [];
  const params: unknown[] = [];
  if (w.citizenUserId !== undefined) {
    where.push('citizen_user_id = ?');
    params.push(w.citizenUserId);
  }
  if (w.namedOnly) where.push('anonymous = 0');
  if (w.deputyCode !== undefined) {
    where.push('deputy_code = ?');
    params.push(w.deputyCode);
  }
  return { where, params };
}

/** The filters of a case list (all optional, all must hold). */
export interface CaseListFilter {
  statuses?: readonly CaseStatus[];
  /** Words in the tracking number, title or body, as the viewer reads them (null: masked everywhere). */
  search?: { term: string; whole: WholeText | null };
  type?: CaseType;
  categoryId?: string;
  unitId?: string;
  deputyCode?: string;
  /** Within these regions. */
  regionIds?: readonly string[];
  /** 答复待审核 / 延期待审批: true only those waiting, false only those not. */
  replyPending?: boolean;
  extensionPending?: boolean;
  /** Only the cases overdue at this instant. */
  overdueAt?: string;
}

/** The scope and the filters as one WHERE clause. */
export function listFilterSql(scope: CaseScope, q: CaseListFilter): CaseFilter {
  const { where, params } = scopeSql(scope);
  if (q.statuses?.length) {
    where.push(`status IN (${q.statuses.map(() => '?').join(',')})`);
    params.push(...q.statuses);
  }
  if (q.search) {
    // The search term is data, never SQL: LIKE wildcards in it are escaped.
    const like = `%${q.search.term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    // Masking only puts * in place of characters, so a term without * that matches a masked
    // text matches the stored one too: that cheap LIKE goes first, masking runs on its hits.
    const prefilter = !q.search.term.includes('*');
    const stored = (column: string) => `${column} LIKE ? ESCAPE '\\'`;
    const seen = (column: string) =>
      `(${prefilter ? `${stored(column)} AND ` : ''}masked_text(${column}, contact_name) LIKE ? ESCAPE '\\')`;
    const seenParams = prefilter ? [like, like, like, like] : [like, like];
    // (no CASE with a constant condition: SQLite then calls masked_text on every row)
    if (q.search.whole) {
      const whole = wholeTextSql(q.search.whole);
      where.push(
        `(${stored('tracking_no')} OR CASE WHEN ${whole.where.join(' AND ')} THEN (${stored('title')} OR ${stored('body')}) ELSE (${seen('title')} OR ${seen('body')}) END)`,
      );
      params.push(like, ...whole.params, like, like, ...seenParams);
    } else {
      where.push(`(${stored('tracking_no')} OR ${seen('title')} OR ${seen('body')})`);
      params.push(like, ...seenParams);
    }
  }
  for (const [column, value] of [
    ['type', q.type],
    ['category_id', q.categoryId],
    ['unit_id', q.unitId],
    ['deputy_code', q.deputyCode],
  ] as const) {
    if (value) {
      where.push(`${column} = ?`);
      params.push(value);
    }
  }
  if (q.regionIds) {
    where.push(regionIn(q.regionIds));
    params.push(...q.regionIds);
  }
  if (q.replyPending !== undefined) where.push(`pending_reply_at IS ${q.replyPending ? 'NOT ' : ''}NULL`);
  if (q.extensionPending !== undefined) where.push(`extension_pending_days IS ${q.extensionPending ? 'NOT ' : ''}NULL`);
  if (q.overdueAt) {
    where.push(overdueSql('?'));
    params.push(...Array<string>(OVERDUE_PARAMS).fill(q.overdueAt));
  }
  return { where, params };
}
