import { onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import type { SimilarList } from '@minqing/shared';
import { quietApi } from '../api';

/**
 * "附近已有类似诉求": while the citizen writes, open cases of the deputy's town that read
 * alike (masked titles only). It informs; it never stops a submission. The server answers
 * signed-in citizens only, so it is asked only while `signedIn`; quiet on failure.
 */
export function useSimilarCases(deputyCode: Ref<string>, text: Ref<string>, signedIn: Ref<boolean>, minLength = 10) {
  const items = shallowRef<SimilarList['items']>([]);
  let timer: number | undefined;
  let generation = 0;

  watch(
    [deputyCode, text, signedIn],
    ([code, value, canAsk]) => {
      window.clearTimeout(timer);
      const query = value.trim();
      if (!code || !canAsk || query.length < minLength) {
        generation++; // an answer still on its way is for a question no longer asked
        items.value = [];
        return;
      }
      timer = window.setTimeout(async () => {
        const gen = ++generation;
        try {
          const result = await quietApi.cases.similar(code, query.slice(0, 2000));
          if (gen === generation) items.value = result.items.slice(0, 3);
        } catch {
          /* a hint only: say nothing when it cannot be had */
        }
      }, 900);
    },
    { immediate: true },
  );
  onScopeDispose(() => window.clearTimeout(timer));

  return { items };
}
