import { computed, ref, watch } from 'vue';
import type { CaseListQuery, CaseSummary } from '@minqing/shared';
import { quietApi } from '../../api';

export interface QueueFilter {
  key: string;
  label: string;
  query: CaseListQuery;
  /** Shown red when non-zero (overdue). */
  alarm?: boolean;
}

/**
 * A workbench's queue: a count for every filter (the list's total), the cases of the chosen
 * filter with paging, and a search box.
 */
export function useCaseQueue(filters: QueueFilter[], initial = filters[0]!.key) {
  const active = ref(initial);
  const q = ref('');
  const searched = ref('');
  const counts = ref<Record<string, number | null>>(Object.fromEntries(filters.map((f) => [f.key, null])));
  const items = ref<CaseSummary[]>([]);
  const total = ref(0);
  const page = ref(1);
  const loading = ref(false);
  const failed = ref(false);
  const filter = computed(() => filters.find((f) => f.key === active.value) ?? filters[0]!);

  async function loadCounts() {
    await Promise.all(
      filters.map(async (f) => {
        try {
          counts.value[f.key] = (await quietApi.cases.list({ ...f.query, page: 1, pageSize: 1 })).total;
        } catch {
          counts.value[f.key] = null;
        }
      }),
    );
  }

  let latest = 0;

  async function load(more = false) {
    const mine = ++latest; // a slower answer to an earlier tap must not replace this one
    loading.value = true;
    failed.value = false;
    const next = more ? page.value + 1 : 1;
    try {
      // a search looks through all the cases this user may see, whatever the tile
      const term = q.value.trim();
      const query: CaseListQuery = term ? { q: term } : filter.value.query;
      const res = await quietApi.cases.list({ ...query, page: next, pageSize: 20 });
      if (mine !== latest) return;
      searched.value = term;
      items.value = more ? [...items.value, ...res.items] : res.items;
      total.value = res.total;
      page.value = next;
    } catch {
      if (mine === latest) failed.value = true;
    } finally {
      if (mine === latest) loading.value = false;
    }
  }

  function refresh() {
    return Promise.all([loadCounts(), load()]);
  }

  watch(active, () => {
    q.value = '';
    void load();
  });
  /** The term the list on screen was searched with ('' = the tile's filter). */
  const searching = computed(() => searched.value.length > 0);
  const hasMore = computed(() => items.value.length < total.value);

  return { filters, active, q, searched, searching, counts, items, total, loading, failed, hasMore, filter, load, loadCounts, refresh };
}
