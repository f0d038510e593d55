import { maskPersonalInfo, type Suggestions } from '@minqing/shared';
import { rankSimilar, type Classifier } from '../classifier/index.js';
import type { Deps } from '../deps.js';
import type { CaseRow } from '../repos/cases.js';
import { townUnitId } from './units.js';
import { textFor } from './present.js';
import type { SessionUser } from './session.js';

const SIMILAR_WINDOW_MS = 30 * 86_400_000;
/** Prior weight of a category's default unit, and of the town government, before history counts. */
const DEFAULT_UNIT_PRIOR = 4;
const TOWN_UNIT_PRIOR = 1;

export const caseText = (c: Pick<CaseRow, 'title' | 'body'>) => `${c.title}\n${c.body}`;

/**
 * P(unit | category, town): where cases of this category in this town have gone so far,
 * smoothed towards the category's default unit (and a little towards the town government,
 * which owns some matters). Staff's own assignments are what moves it.
 */
function unitDistribution(deps: Deps, categoryId: string, regionId: string): Map<string, number> {
  const counts = new Map<string, number>();
  const defaultUnit = deps.reference.category(categoryId)?.default_unit_id;
  if (defaultUnit) counts.set(defaultUnit, DEFAULT_UNIT_PRIOR);
  const townUnit = townUnitId(regionId);
  if (deps.reference.unit(townUnit)) counts.set(townUnit, (counts.get(townUnit) ?? 0) + TOWN_UNIT_PRIOR);
  const history = deps.caseTexts.unitHistory(regionId, categoryId);
  for (const h of history) counts.set(h.unit_id, (counts.get(h.unit_id) ?? 0) + h.n);
  // a stopped unit (停用) takes no new cases: its history no longer pulls (the category's default unit is always in service)
  for (const unitId of counts.keys()) if (deps.reference.unit(unitId)?.active !== 1) counts.delete(unitId);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (!total) return new Map();
  return new Map([...counts].map(([u, n]) => [u, n / total]));
}

/**
 * What likeness is judged on: the words, not numbers or names (masked, then dropped), so that a
 * phone or ID-card number is no key to find someone's case by.
 */
const likenessText = (text: string, names: (string | null)[] = []) => maskPersonalInfo(text, names).replace(/[0-9０-９*]+/g, ' ');

/**
 * Open cases of the same town in the last 30 days whose text is close to this one; with
 * `named`, only cases whose citizen gave their name (not anonymous ones).
 */
export function similarOpenCases(
  deps: Deps,
  regionId: string,
  text: string,
  excludeId: string | null,
  opts: { limit?: number; named?: boolean } = {},
) {
  const since = new Date(deps.clock.now().getTime() - SIMILAR_WINDOW_MS).toISOString();
  const candidates = deps.caseTexts
    .openSince(regionId, since, excludeId, opts.named ?? false)
    .map((r) => ({ ...r, text: likenessText(caseText(r), [r.contact_name]) }));
  return rankSimilar(likenessText(text), candidates, { limit: opts.limit ?? 5 });
}

export function suggestionsFor(deps: Deps, classifier: Classifier, c: CaseRow, viewer: SessionUser): Suggestions {
  const s = classifier.suggest(caseText(c));
  const categories = s.categories.flatMap(({ label, score }) => {
    const cat = deps.reference.categoryByName(label);
    return cat ? [{ id: cat.id, name: cat.name, score: round(score) }] : [];
  });
  const unitScores = new Map<string, number>();
  for (const cat of categories.slice(0, 3)) {
    for (const [unitId, p] of unitDistribution(deps, cat.id, c.region_id)) {
      unitScores.set(unitId, (unitScores.get(unitId) ?? 0) + cat.score * p);
    }
  }
  const units = [...unitScores]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id, score]) => ({ id, name: deps.reference.unit(id)?.name ?? id, score: round(score) }));
  const similar = similarOpenCases(deps, c.region_id, caseText(c), c.id).map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    title: textFor(viewer, r, r.title),
    status: r.status,
    score: round(r.score),
  }));
  return {
    categories,
    units,
    similar,
    needsReview: s.needsReview,
    ...(s.reason ? { reason: s.reason } : {}),
    topTerms: s.topTerms,
    modelVersion: classifier.version,
  };
}

/**
 * When office staff assign a category other than the classifier's first choice, the
 * correction is kept for the next `npm run train` (inside the assignment's transaction).
 */
export function recordCorrection(deps: Deps, classifier: Classifier, c: CaseRow, chosenCategoryId: string): boolean {
  const chosen = deps.reference.category(chosenCategoryId);
  const suggested = classifier.suggest(caseText(c)).categories[0]?.label;
  if (!chosen || chosen.name === suggested) return false;
  deps.caseTexts.insertCorrection(c.id, caseText(c), chosen.name, suggested ?? null, deps.clock.now().toISOString());
  return true;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
