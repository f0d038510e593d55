import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import type { CaseDetail } from '@minqing/shared';

/** The case just submitted, handed from the form to the receipt without another request. */
export const useSubmissionStore = defineStore('submission', () => {
  const lastCreated = shallowRef<CaseDetail | null>(null);
  function remember(created: CaseDetail) {
    lastCreated.value = created;
  }
  return { lastCreated, remember };
});
