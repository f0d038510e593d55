import { ref, watch } from 'vue';
import type { CaseDetail } from '@minqing/shared';
import { quietApi } from '../api';
import { useNotificationStore } from '../stores/notifications';

/**
 * 延期申请待审批 for the office: the cases whose extension request reached this user as a work
 * notice (kind `request_extension`) and is still waiting, checked against the case itself.
 * (The case list has no "extension pending" filter yet; the notices cover the latest 50.)
 */
export function usePendingExtensions() {
  const notices = useNotificationStore();
  const items = ref<CaseDetail[]>([]);
  let checked = '';

  async function refresh() {
    const caseIds = [...new Set(notices.items.filter((n) => n.kind === 'request_extension' && n.caseId).map((n) => n.caseId!))];
    const key = caseIds.join(',');
    if (key === checked) return;
    checked = key;
    const found = await Promise.all(caseIds.map((id) => quietApi.cases.get(id).catch(() => null)));
    items.value = found.filter(
      (c): c is CaseDetail => c !== null && c.extensionPendingDays !== null && c.allowedActions.includes('approve_extension'),
    );
  }

  /** After a decision elsewhere, look again even if no new notice came. */
  function recheck() {
    checked = '';
    return refresh();
  }

  watch(() => notices.items, () => void refresh(), { immediate: true });
  return { items, refresh, recheck };
}
