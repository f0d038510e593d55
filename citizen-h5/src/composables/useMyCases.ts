import { ref, watch } from 'vue';
import type { CaseStatus, CaseSummary } from '@minqing/shared';
import { api } from '../api';

export type CaseTab = 'all' | 'open' | 'replied' | 'closed';

export const CASE_TABS: { name: CaseTab; title: string; statuses: CaseStatus[] | null }[] = [
  { name: 'all', title: '全部', statuses: null },
  { name: 'open', title: '办理中', statuses: ['submitted', 'acknowledged', 'triage', 'assigned', 'handling'] },
  { name: 'replied', title: '待评价', statuses: ['replied'] },
  { name: 'closed', title: '已办结', statuses: ['closed'] },
];

const PAGE_SIZE = 10;

/** The signed-in citizen's own cases, page by page (Vant List) and pulled fresh (PullRefresh). */
export function useMyCases(initialTab: CaseTab = 'all') {
  const tab = ref<CaseTab>(initialTab);
  const items = ref<CaseSummary[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const finished = ref(false);
  const error = ref(false);
  const refreshing = ref(false);
  const loadedOnce = ref(false);
  let page = 0;
  let generation = 0;
  let busy = false;

  async function fetchPage(p: number) {
    const statuses = CASE_TABS.find((t) => t.name === tab.value)?.statuses;
    return api.cases.list({ page: p, pageSize: PAGE_SIZE, ...(statuses ? { status: statuses.join(',') } : {}) });
  }

  /** Vant List's @load: the next page. */
  async function loadMore() {
    if (busy) return;
    busy = true;
    const gen = generation;
    loading.value = true;
    error.value = false;
    try {
      const result = await fetchPage(page + 1);
      if (gen !== generation) return;
      page += 1;
      const seen = new Set(items.value.map((i) => i.id));
      items.value.push(...result.items.filter((i) => !seen.has(i.id)));
      total.value = result.total;
      finished.value = items.value.length >= result.total || result.items.length < PAGE_SIZE;
    } catch {
      if (gen === generation) error.value = true;
    } finally {
      busy = false;
      if (gen === generation) {
        loading.value = false;
        loadedOnce.value = true;
      } else if (!finished.value && !refreshing.value) {
        void loadMore(); // the tab changed while this page was loading
      }
    }
  }

  /** PullRefresh: start again from the first page. */
  async function refresh() {
    generation++;
    page = 0;
    finished.value = false;
    error.value = false;
    refreshing.value = true;
    try {
      const gen = generation;
      const result = await fetchPage(1);
      if (gen !== generation) return;
      page = 1;
      items.value = result.items;
      total.value = result.total;
      finished.value = result.items.length >= result.total || result.items.length < PAGE_SIZE;
    } catch {
      error.value = true;
    } finally {
      refreshing.value = false;
      loading.value = false;
      loadedOnce.value = true;
    }
  }

  watch(tab, () => {
    generation++;
    page = 0;
    items.value = [];
    total.value = 0;
    finished.value = false;
    error.value = false;
    loadedOnce.value = false;
    loading.value = false;
    if (!busy) void loadMore();
  });

  return { tab, items, total, loading, finished, error, refreshing, loadedOnce, loadMore, refresh };
}
