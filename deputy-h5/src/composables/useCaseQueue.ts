import { computed, ref, watch } from 'vue';
import type { CaseListQuery, CaseSummary } from '@minqing/shared';
import { quietApi } from '../api';

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

  async function load(more = false) {
    loading.value = true;
    failed.value = false;
    const next = more ? page.value + 1 : 1;
    try {
      const res = await quietApi.cases.list({ ...filter.value.query, ...(q.value.trim() ? { q: q.value.trim() } : {}), page: next, pageSize: 20 });
      items.value = more ? [...items.value, ...res.items] : res.items;
      total.value = res.total;
      page.value = next;
    } catch {
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  function refresh() {
    return Promise.all([loadCounts(), load()]);
  }

  watch(active, () => void load());
  const hasMore = computed(() => items.value.length < total.value);

  return { filters, active, q, counts, items, total, loading, failed, hasMore, filter, load, loadCounts, refresh };
}
