import { onScopeDispose, ref } from 'vue';

/** Whether the device believes it is online; follows the browser's online/offline events. */
export function useOnline() {
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const update = () => (online.value = navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onScopeDispose(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return online;
}
