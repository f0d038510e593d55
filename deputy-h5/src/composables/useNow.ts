import { onBeforeUnmount, ref } from 'vue';

/** The current time, refreshed every `ms` (countdowns tick without reloading). */
export function useNow(ms = 30_000) {
  const now = ref(new Date());
  const timer = setInterval(() => (now.value = new Date()), ms);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
