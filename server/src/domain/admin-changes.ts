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
