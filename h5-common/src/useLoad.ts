import { onMounted, ref } from 'vue';

/**
 * A page's data fetched when it mounts (or, with `immediate: false`, when `load()` is first
 * called): `loading` and `failed` drive its skeleton and 加载失败 states (the client has already
 * toasted why, unless quiet); `load()` again retries or refreshes.
 */
export function useLoad(fetch: () => Promise<void>, { immediate = true } = {}) {
  const loading = ref(immediate);
  const failed = ref(false);
  async function load() {
    loading.value = true;
    failed.value = false;
    try {
      await fetch();
    } catch {
      failed.value = true;
    } finally {
      loading.value = false;
    }
  }
  if (immediate) onMounted(() => void load());
  return { loading, failed, load };
}
