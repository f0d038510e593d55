import { computed, ref, type Ref } from 'vue';
import type { CaseDetail, Suggestions } from '@minqing/shared';
import { ApiFailure, quietApi } from '../../api';
import { useAuthStore } from '../../stores/auth';

/**
 * One case as this user may see it (by id or tracking number): the detail with its timeline
 * and allowedActions, and for office staff the classifier's suggestions while it is open.
 * `missing` covers both "no such case" and "not yours" (the server answers 404 for either).
 */
export function useCaseDetail(id: Ref<string>) {
  const auth = useAuthStore();
  const detail = ref<CaseDetail | null>(null);
  const suggestions = ref<Suggestions | null>(null);
  const state = ref<'loading' | 'ok' | 'missing' | 'error'>('loading');
  const errorText = ref('');
  const isOffice = computed(() => auth.role === 'office' || auth.role === 'admin');

  async function loadSuggestions(c: CaseDetail) {
    suggestions.value = isOffice.value && c.status !== 'closed' ? await quietApi.cases.suggestions(c.id).catch(() => null) : null;
  }

  async function load() {
    state.value = 'loading';
    try {
      detail.value = await quietApi.cases.get(id.value);
      state.value = 'ok';
      await loadSuggestions(detail.value);
    } catch (err) {
      if (err instanceof ApiFailure && (err.status === 404 || err.status === 403)) state.value = 'missing';
      else {
        state.value = 'error';
        errorText.value = err instanceof ApiFailure ? err.message : '加载失败';
      }
    }
  }

  /** After an action: the server's answer is the new state of the case. */
  function replace(next: CaseDetail) {
    detail.value = next;
    void loadSuggestions(next);
  }

  return { detail, suggestions, state, errorText, load, replace };
}
