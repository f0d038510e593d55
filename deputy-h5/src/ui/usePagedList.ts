import { ref, shallowRef } from 'vue';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * The state a van-list needs (loading / finished / error) over a paged endpoint. `reload`
 * starts again from page 1 (a new search or tab); an answer to a request made before it
 * is dropped, so a slow earlier search cannot land in the new list.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<Page<T>>) {
  const items = shallowRef<T[]>([]);
  const total = ref(0);
  const loading = ref(false);
  const finished = ref(false);
  const error = ref(false);
  let page = 0;
  let generation = 0;

  async function load() {
    const mine = generation;
    loading.value = true;
    try {
      const res = await fetchPage(page + 1);
      if (mine !== generation) return;
      page += 1;
      items.value = [...items.value, ...res.items];
      total.value = res.total;
      finished.value = res.items.length === 0 || items.value.length >= res.total;
    } catch {
      if (mine === generation) error.value = true;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function reload() {
    generation += 1;
    page = 0;
    items.value = [];
    total.value = 0;
    finished.value = false;
    error.value = false;
    return load();
  }

  /** Puts a changed item in place (matched by `same`) without reloading the pages already shown. */
  function replace(item: T, same: (a: T, b: T) => boolean) {
    items.value = items.value.map((x) => (same(x, item) ? item : x));
  }

  return { items, total, loading, finished, error, load, reload, replace };
}
