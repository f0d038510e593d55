import { computed, shallowRef, type Component, type ComputedRef, type Ref } from 'vue';
import { useLoad } from '../../../ui/useLoad';
import type { AnyAdminForm, FormValues } from './useAdminForm';

/** One row of an admin list: the name, its tags (a role, 停用), grey lines under it, and test attributes. */
export interface ListRow {
  key: string;
  item: unknown;
  name: string;
  /** Greyed: stopped, not in office, disabled. */
  muted: boolean;
  tags: { text: string; plain?: boolean; testid?: string }[];
  lines: { text: string; testid?: string }[];
  attrs: Record<string, string | undefined>;
}
/** Rows under a title (units by kind, villages by town); a group without a title is a plain list. */
export interface ListGroup {
  key: string;
  title?: string;
  attrs?: Record<string, string>;
  rows: ListRow[];
}
/** A filter after the search: a dropdown (region, status) or tabs (a unit's kind, an account's role). */
export interface ListFilter {
  kind: 'dropdown' | 'tabs' | 'card-tabs';
  model: Ref<string>;
  options: { text: string; value: string }[];
  testid: string;
}
/** Whatever else the list page draws (a unit's 分类与默认承办单位 tab, a new station's QR code). */
export interface ListPart {
  component: Component;
  props: Record<string, unknown>;
}

/** Everything the admin list page needs to know of one list; each list's descriptor builds one. */
export interface AdminList {
  /** Test ids `<name>-search`, `<name>-item`, `<name>-total`, `<name>-empty`. */
  name: string;
  title: string;
  /** 暂无<noun>, 没有找到“…”相关的<noun>. */
  noun: string;
  addLabel: string;
  searchPlaceholder: string;
  q: Ref<string>;
  filters: ComputedRef<ListFilter[]>;
  /** Loaded whole and filtered here (`paged` absent), or a page at a time from the server. */
  loading: Ref<boolean>;
  failed: Ref<boolean>;
  load: () => void;
  paged?: { finished: Ref<boolean>; error: Ref<boolean>; searchNow: () => void };
  groups: ComputedRef<ListGroup[]>;
  total: ComputedRef<string | null>;
  form: AnyAdminForm;
  /** Values a new record starts with (the town filtered on, an office's own town). */
  defaults?: () => FormValues;
  saved: (item: never, created: boolean) => void;
  nav?: { rightText: string; to: string };
  /** Tabs beside the list (`testid` on the tabs). */
  views?: { testid: string; tabs: ({ name: string; title: string } & ListPart)[] };
  extra?: ListPart;
}

/** Puts a saved record in the list: appended when new, replaced in place when changed; then sorted if asked. */
export function placeSaved<T>(all: Ref<T[]>, item: T, created: boolean, same: (a: T, b: T) => boolean, order?: (a: T, b: T) => number) {
  const next = created ? [...all.value, item] : all.value.map((x) => (same(x, item) ? item : x));
  all.value = order ? next.sort(order) : next;
}

/** Whether any of `texts` contains the search (lower-cased); an empty search matches all. */
export const matches = (needle: string, texts: (string | null | undefined)[]) =>
  !needle || texts.some((s) => (s ?? '').toLowerCase().includes(needle));

/**
 * A list loaded whole when the page mounts; then the reference store is warmed in the background,
 * since the filters and the form name its regions and units.
 */
export function useAllRecords<T>(fetch: () => Promise<T[]>, ref$: { load: () => Promise<unknown> }) {
  const all = shallowRef<T[]>([]);
  const { loading, failed, load } = useLoad(async () => {
    all.value = await fetch();
    void ref$.load().catch(() => undefined);
  });
  return { all, loading, failed, load };
}

/** The row of a record that can be 停用 (a station, unit, village): greyed and tagged when stopped. */
export const stoppableRow = <T extends { id: string; name: string; active: boolean }>(
  r: T,
  stoppedTag: string,
  lines: ListRow['lines'],
): ListRow => ({
  key: r.id,
  item: r,
  name: r.name,
  muted: !r.active,
  tags: r.active ? [] : [{ text: stoppedTag, testid: 'inactive-tag' }],
  lines,
  attrs: { 'data-id': r.id },
});

/** A plain list (one untitled group) and its total line. */
export function flatList(rows: ComputedRef<ListRow[]>, total: (n: number) => string) {
  return {
    groups: computed<ListGroup[]>(() => (rows.value.length ? [{ key: '', rows: rows.value }] : [])),
    total: computed(() => (rows.value.length ? total(rows.value.length) : null)),
  };
}
/** The server's order of records with 排序: by sort, then id. */
export const bySortThenId = <T extends { sort: number; id: string }>(a: T, b: T) =>
  a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const GREY_TAG = '#c8c9cc';
