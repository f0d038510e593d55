import { onScopeDispose, ref } from 'vue';

/** The current time, refreshed every `everyMs`: countdowns to deadlines tick without reloading. */
export function useNow(everyMs = 30_000) {
  const now = ref(new Date());
  const timer = window.setInterval(() => (now.value = new Date()), everyMs);
  onScopeDispose(() => window.clearInterval(timer));
  return now;
}
