import { computed, ref, shallowRef, watch } from 'vue';
import type { Deputy, DeputyLevel, DeputyQuery } from '@minqing/shared';
import { quietApi, ApiFailure } from '../api';
import { useDeputyStore } from '../stores/deputies';

export type FinderMode = 'region' | 'station';

const LEVEL_ORDER: Record<DeputyLevel, number> = { province: 0, prefecture: 1, county: 2, town: 3 };
const results = new Map<string, Deputy[]>();

/**
 * 群众能找: deputies by town/street (or village, which lists its town's deputies), by liaison
 * station, or by name. Typing searches by name across all regions.
 */
export function useDeputyFinder() {
  const deputies = useDeputyStore();
  const mode = ref<FinderMode>('region');
  const q = ref('');
  const regionId = ref<string | null>(null);
  const stationId = ref<string | null>(null);
  const items = shallowRef<Deputy[]>([]);
  const loading = ref(false);
  const failure = shallowRef<ApiFailure | null>(null);
  let generation = 0;
  let debounce: number | undefined;

  const query = computed<DeputyQuery>(() => {
    const text = q.value.trim();
    if (text) return { q: text.slice(0, 50) };
    if (mode.value === 'station') return stationId.value ? { stationId: stationId.value } : {};
    return regionId.value ? { regionId: regionId.value } : {};
  });

  async function search() {
    const key = JSON.stringify(query.value);
    const gen = ++generation;
    const cached = results.get(key);
    if (cached) {
      items.value = cached;
      failure.value = null;
      return;
    }
    loading.value = true;
    failure.value = null;
    try {
      const { items: found } = await quietApi.deputies.list(query.value);
      const sorted = found.slice().sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]);
      results.set(key, sorted);
      deputies.remember(sorted);
      if (gen === generation) items.value = sorted;
    } catch (err) {
      if (gen === generation) failure.value = err instanceof ApiFailure ? err : null;
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  watch(
    () => JSON.stringify(query.value),
    (now, before) => {
      window.clearTimeout(debounce);
      // typing waits for a pause; picking a town or station searches at once
      const typing = q.value.trim() !== '' && before !== undefined && JSON.parse(before).q !== undefined;
      debounce = window.setTimeout(search, typing ? 300 : 0);
    },
    { immediate: true },
  );

  return { mode, q, regionId, stationId, items, loading, failure, search };
}
