import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Deputy } from '@minqing/shared';
import { quietApi } from '../api';

/**
 * Deputies' public profiles, kept for the visit: the QR landing page starts loading its
 * deputy before the page itself has loaded, and the submit page shows the same deputy.
 */
export const useDeputyStore = defineStore('deputies', () => {
  const byCode = ref<Record<string, Deputy>>({});
  const pending = new Map<string, Promise<Deputy>>();

  function remember(list: Deputy[]) {
    for (const d of list) byCode.value[d.code] = d;
  }

  /** One request per code at a time; failures are the caller's to show (quiet client). */
  function load(code: string, force = false): Promise<Deputy> {
    const cached = byCode.value[code];
    if (cached && !force) return Promise.resolve(cached);
    let p = pending.get(code);
    if (!p) {
      p = quietApi.deputies
        .get(code)
        .then((d) => {
          byCode.value[d.code] = d;
          return d;
        })
        .finally(() => pending.delete(code));
      pending.set(code, p);
    }
    return p;
  }

  return { byCode, remember, load };
});
