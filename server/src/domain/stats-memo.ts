import type { StatsQuery } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { SessionUser } from './session.js';
import { statsFilter } from './stats.js';

/** Results kept per app: a cockpit view is nine of them, so this holds a few scopes' views and periods. */
const MAX_ENTRIES = 64;
const MINUTE_MS = 60_000;
const memos = new WeakMap<Deps, Map<string, unknown>>();

/**
 * One of the cockpit's results (`kind`: overview, trend, …), computed once per scope, query,
 * data version and minute, and then given to everyone of that scope: the leaders' phones and
 * the wall screens of a city read the same figures, and each polls every 30 s. The key is the
 * filter statsFilter makes of the user and the query (their regions and scope name; it throws
 * first for a user who may not see them), never the user, so office staff and leaders of one
 * region share it, and a town's office never meets the city's. Any write changes the data
 * version and so every key; the minute bounds what time alone changes (overdue, today's date),
 * as the ETags do (http/etag.ts). `fresh` (the client asked no-cache) computes and keeps anew.
 * Least recently used results are forgotten first.
 */
export function rememberedStats<Q extends StatsQuery, T>(
  deps: Deps,
  user: SessionUser,
  kind: string,
  q: Q,
  compute: () => T,
  fresh = false,
): { value: T; remembered: boolean } {
  const { now, ...scope } = statsFilter(deps, user, q);
  const minute = Math.floor(Date.parse(now) / MINUTE_MS);
  const key = `${kind}\n${deps.dataVersion()}\n${minute}\n${JSON.stringify(scope)}\n${JSON.stringify(q)}`;
  let memo = memos.get(deps);
  if (!memo) memos.set(deps, (memo = new Map()));
  if (!fresh && memo.has(key)) {
    const value = memo.get(key) as T;
    // most recently used last: the first key is the one to forget
    memo.delete(key);
    memo.set(key, value);
    return { value, remembered: true };
  }
  const value = compute();
  memo.delete(key);
  memo.set(key, value);
  while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value!);
  return { value, remembered: false };
}
