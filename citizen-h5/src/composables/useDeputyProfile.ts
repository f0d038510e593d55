import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import type { Deputy } from '@minqing/shared';
import { ApiFailure } from '../api';
import { useDeputyStore } from '../stores/deputies';

/** One deputy's public profile (no sign-in needed); `notFound` for a wrong or retired code. */
export function useDeputyProfile(code: Ref<string>) {
  const store = useDeputyStore();
  const deputy = computed<Deputy | null>(() => store.byCode[code.value] ?? null);
  const loading = ref(!deputy.value);
  const failure = shallowRef<ApiFailure | null>(null);
  const notFound = computed(() => failure.value?.status === 404);

  async function load(force = false) {
    failure.value = null;
    loading.value = !deputy.value || force;
    try {
      await store.load(code.value, force);
    } catch (err) {
      failure.value = err instanceof ApiFailure ? err : new ApiFailure('加载失败，请稍后再试', null, 'unknown');
    } finally {
      loading.value = false;
    }
  }

  watch(code, () => void load(), { immediate: true });

  return { deputy, loading, failure, notFound, reload: () => load(true) };
}
