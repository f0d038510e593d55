import { onMounted, ref } from 'vue';

/**
 * A page's data fetched when it mounts: `loading` and `failed` drive its skeleton and 加载失败
 * states (the client has already toasted why); `load()` again retries or refreshes.
 */
export function useLoad(fetch: () => Promise<void>) {
  const loading = ref(true);
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
  onMounted(() => void load());
  return { loading, failed, load };
}
