import type { Hotspots } from '@minqing/shared';
import { risingTerms } from '../classifier/index.js';
import type { Deps } from '../deps.js';
import type { CaseScope } from '../repos/case-filter.js';
import { caseText } from './suggestions.js';

const DAY = 86_400_000;
const CACHE_MS = 5 * 60_000;
const caches = new WeakMap<Deps, Map<string, { at: number; value: Hotspots }>>();

/**
 * 热点词: terms rising in the last 7 days against the 8 weeks before, over the cases the
 * caller may see (`within`: only those of these regions). Cached for 5 minutes: it reads every
 * case text of the period.
 */
export function hotspots(deps: Deps, scope: CaseScope, within: readonly string[] | null, cacheKey: string): Hotspots {
  const now = deps.clock.now().getTime();
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new Map()));
  const hit = cache.get(cacheKey);
  if (hit && now - hit.at < CACHE_MS && now >= hit.at) return hit.value;
  const read = (from: number, to: number) =>
    deps.caseTexts.textsBetween(scope, within, new Date(from).toISOString(), new Date(to).toISOString()).map(caseText);
  const recent = read(now - 7 * DAY, now);
  const baseline = read(now - 63 * DAY, now - 7 * DAY);
  const value: Hotspots = {
    items: risingTerms(recent, baseline, { limit: 15, baselineWeeks: 8 }),
    recentCases: recent.length,
    baselineCases: baseline.length,
  };
  if (cache.size > 200) cache.clear();
  cache.set(cacheKey, { at: now, value });
  return value;
}
