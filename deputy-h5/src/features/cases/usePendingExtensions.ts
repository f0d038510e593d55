import { ref, watch } from 'vue';
import type { CaseSummary } from '@minqing/shared';
import { quietApi } from '../../api';
import { useNotificationStore } from '../../stores/notifications';

/**
 * 延期申请待审批 for the office: the cases in its scope whose unit asked for an extension that no
 * one has decided on yet (GET /api/cases?extensionPending=true), looked at again whenever a
 * work notice arrives (a new request is one).
 */
export function usePendingExtensions() {
  const notices = useNotificationStore();
  const items = ref<CaseSummary[]>([]);

  async function refresh() {
    const page = await quietApi.cases.list({ extensionPending: 'true', pageSize: 50 }).catch(() => null);
    if (page) items.value = page.items;
  }

  watch(
    () => notices.items,
    () => void refresh(),
    { immediate: true },
  );
  return { items, refresh };
}
