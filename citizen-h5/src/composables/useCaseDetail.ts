import { computed, ref, shallowRef, type Ref } from 'vue';
import type { CaseAction, CaseDetail, Rating, TransitionInput } from '@minqing/shared';
import { api, quietApi, ApiFailure } from '../api';

/** One of the citizen's cases, with what they may do to it now (the server's allowedActions). */
export function useCaseDetail(id: Ref<string>, initial: CaseDetail | null = null) {
  const detail = shallowRef<CaseDetail | null>(initial);
  const loading = ref(false);
  const failure = shallowRef<ApiFailure | null>(null);
  const acting = ref<CaseAction | null>(null);

  async function load() {
    loading.value = true;
    failure.value = null;
    try {
      detail.value = await quietApi.cases.get(id.value);
    } catch (err) {
      failure.value = err instanceof ApiFailure ? err : new ApiFailure('加载失败，请稍后再试', null, 'unknown');
    } finally {
      loading.value = false;
    }
  }

  const can = (action: CaseAction) => detail.value?.allowedActions.includes(action) ?? false;

  /** A lifecycle step; on a 409 (someone acted first) the case is reloaded to show why. */
  async function act(input: TransitionInput): Promise<boolean> {
    if (acting.value) return false;
    acting.value = input.action;
    try {
      detail.value = await api.cases.transition(id.value, input);
      return true;
    } catch (err) {
      if (err instanceof ApiFailure && (err.status === 409 || err.status === 404)) void load();
      return false;
    } finally {
      acting.value = null;
    }
  }

  const rate = (rating: Rating, solved: boolean, comment: string) =>
    act({ action: 'rate', rating, solved, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  const supplement = (note: string, photoIds: string[]) =>
    act({ action: 'supplement', ...(note.trim() ? { note: note.trim() } : {}), ...(photoIds.length ? { photoIds } : {}) });
  const withdraw = (reason: string) => act({ action: 'close', note: reason.trim() });

  const rated = computed(() => detail.value?.rating !== null && detail.value?.rating !== undefined);

  return { detail, loading, failure, acting, load, can, rate, supplement, withdraw, rated };
}
