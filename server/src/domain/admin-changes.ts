import type { AdminAction } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { SessionUser } from './session.js';
import { ApiError } from '../errors.js';

/** A reference row an admin page names, orders and stops (承办单位, 村（社区）). */
interface NamedSortedRow {
  name: string;
  sort: number;
  active: 0 | 1;
}

/**
 * What an edit of name, 排序 and 停用 changes: the columns to write, and the same changes as the
 * 操作日志 records them (`active` as true/false). Fields sent unchanged are in neither.
 */
export function nameSortActiveChanges(before: NamedSortedRow, input: { name?: string; sort?: number; active?: boolean }) {
  const fields: Partial<NamedSortedRow> = {};
  const changes: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== before.name) fields.name = changes.name = input.name;
  if (input.sort !== undefined && input.sort !== before.sort) fields.sort = changes.sort = input.sort;
  if (input.active !== undefined && input.active !== (before.active === 1)) {
    fields.active = input.active ? 1 : 0;
    changes.active = input.active;
  }
  return { fields, changes };
}

/** The id an admin gave a new row (409 under `field` if it is taken), or else the next free one. */
export function newId(
  given: string | undefined,
  taken: readonly string[],
  next: (taken: readonly string[]) => string,
  conflict: { field: string; message: string },
): string {
  if (given && taken.includes(given)) throw new ApiError('conflict', conflict.message, conflict.field);
  return given ?? next(taken);
}

/** What one admin change wrote: the 操作日志's target and changes (none: nothing is logged), and what the caller returns. */
export interface AdminChange<T> {
  target: string;
  changes: Record<string, unknown>;
  value: T;
}

/**
 * Every admin change (账号, 代表, 单位, 分类, 联络站, 村（社区）): `write` runs in one IMMEDIATE
 * transaction with its admin_events row, so the change and its 操作日志 line stand or fall
 * together; then the reference cache is re-read (`reload` false: accounts are not in it).
 */
export function recordAdminChange<T>(deps: Deps, actor: SessionUser, action: AdminAction, write: () => AdminChange<T>, reload = true): T {
  const done = deps.immediate(() => {
    const change = write();
    if (Object.keys(change.changes).length)
      deps.admin.appendEvent(actor.id, action, change.target, change.changes, deps.clock.now().toISOString());
    return change;
  });
  if (reload) deps.reloadReference();
  return done.value;
}
