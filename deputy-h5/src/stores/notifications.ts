import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { NotificationList } from '@minqing/shared';
import { quietApi } from '../api';

/** In-app notices (工作通知) and the unread badge, shared by the tab bar and the messages page. */
export const useNotificationStore = defineStore('notifications', () => {
  const items = ref<NotificationList['items']>([]);
  const unread = ref(0);
  let timer: ReturnType<typeof setInterval> | null = null;
  let last = 0;

  async function refresh() {
    last = Date.now();
    try {
      const list = await quietApi.notifications.list();
      items.value = list.items;
      unread.value = list.unread;
    } catch {
      /* the badge simply keeps its last value */
    }
  }

  /** A refresh unless one ran in the last few seconds (called on every page change). */
  function refreshSoon(minGapMs = 5_000) {
    if (Date.now() - last >= minGapMs) void refresh();
  }

  async function markAllRead() {
    await quietApi.notifications.markAllRead().catch(() => undefined);
    unread.value = 0;
    items.value = items.value.map((i) => ({ ...i, read: true }));
  }

  function startPolling(ms = 30_000) {
    void refresh();
    timer ??= setInterval(() => void refresh(), ms);
  }

  function stop() {
    if (timer) clearInterval(timer);
    timer = null;
    items.value = [];
    unread.value = 0;
  }

  return { items, unread, refresh, refreshSoon, markAllRead, startPolling, stop };
});
