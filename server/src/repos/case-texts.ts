import type { Db } from '../db/open.js';
import { scopeWithinSql, type CaseScope } from './case-filter.js';
import type { CaseRow } from './cases.js';
import { statementCache } from './statements.js';

export type SimilarRow = Pick<
  CaseRow,
  'id' | 'tracking_no' | 'title' | 'body' | 'status' | 'anonymous' | 'submitted_at' | 'citizen_user_id' | 'deputy_code' | 'contact_name'
>;

/** What the classifier's helpers read and keep: where cases went, open cases to compare, texts of a period, corrections. */
export function caseTextsRepo(db: Db) {
  const prepared = statementCache(db);
  const unitHistory = db.prepare<[string, string], { unit_id: string; n: number }>(
    'SELECT unit_id, count(*) AS n FROM cases WHERE region_id = ? AND category_id = ? AND unit_id IS NOT NULL GROUP BY unit_id',
  );
  const similar = (named: boolean) =>
    db.prepare<[string, string, string], SimilarRow>(
      `SELECT id, tracking_no, title, body, status, anonymous, submitted_at, citizen_user_id, deputy_code, contact_name FROM cases
       WHERE region_id = ? AND submitted_at >= ? AND status <> 'closed' AND id <> ?${named ? ' AND anonymous = 0' : ''}
       ORDER BY submitted_at DESC LIMIT 1000`,
    );
  const similarAny = similar(false);
  const similarNamed = similar(true);
  const insertCorrection = db.prepare(
    'INSERT INTO classifier_corrections (case_id, text, label, suggested_label, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  return {
    /** How many cases of a category in a town each unit has been given. */
    unitHistory: (regionId: string, categoryId: string) => unitHistory.all(regionId, categoryId),
    /** The newest 1,000 open cases of a town submitted since `sinceIso` (`named`: not anonymous ones). */
    openSince: (regionId: string, sinceIso: string, excludeId: string | null, named: boolean) =>
      (named ? similarNamed : similarAny).all(regionId, sinceIso, excludeId ?? ''),
    /** Titles and bodies of the cases of the scope (narrowed to regions `within`) submitted in [fromIso, toIso). */
    textsBetween: (caseScope: CaseScope, within: readonly string[] | null, fromIso: string, toIso: string) => {
      const scope = scopeWithinSql(caseScope, within);
      const where = scope.where.length ? `${scope.where.join(' AND ')} AND ` : '';
      return prepared(`SELECT title, body FROM cases WHERE ${where}submitted_at >= ? AND submitted_at < ?`).all(
        ...scope.params,
        fromIso,
        toIso,
      ) as { title: string; body: string }[];
    },
    insertCorrection: (caseId: string, text: string, label: string, suggested: string | null, nowIso: string) =>
      insertCorrection.run(caseId, text, label, suggested, nowIso),
  };
}
export type CaseTextsRepo = ReturnType<typeof caseTextsRepo>;
