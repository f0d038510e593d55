import { ref, watch } from 'vue';
import type { AdminUser, Role } from '@minqing/shared';
import { quietApi } from '../api';
import { usePagedList } from './usePagedList';

export const ADMIN_PAGE_SIZE = 20;
/** Typing waits this long before searching; 搜索 on the keyboard searches at once. */
const SEARCH_DELAY_MS = 350;

/** 账号管理's list: accounts of one role (or all) matching the search, newest first, 20 at a time. */
export function useAdminUsers() {
  const role = ref<Role | ''>('');
  const q = ref('');
  // failures show in the list (van-list's error row, tap to retry), not as toasts
  const list = usePagedList<AdminUser>((page) =>
    quietApi.admin.users({ role: role.value || undefined, q: q.value.trim() || undefined, page, pageSize: ADMIN_PAGE_SIZE }),
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  function searchNow() {
    clearTimeout(timer);
    void list.reload();
  }
  watch(q, () => {
    clearTimeout(timer);
    timer = setTimeout(searchNow, SEARCH_DELAY_MS);
  });
  watch(role, searchNow);

  /** After a save: a new account is at the top of a fresh list; a changed one is put in place. */
  function saved(user: AdminUser, created: boolean) {
    if (created) void list.reload();
    else list.replace(user, (a, b) => a.id === b.id);
  }

  return { role, q, list, searchNow, saved };
}
