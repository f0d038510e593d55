import { computed, ref, watch } from 'vue';
import { ROLE_LABELS, type AdminUser, type Role } from '@minqing/shared';
import { quietApi } from '../../../api';
import { usePagedList } from '../../../ui/usePagedList';
import { useAccountForm } from './accounts';
import type { AdminList, ListRow } from './useAdminList';

export const ADMIN_PAGE_SIZE = 20;
/** Typing waits this long before searching; 搜索 on the keyboard searches at once. */
const SEARCH_DELAY_MS = 350;
const ROLE_TABS: (Role | '')[] = ['', 'deputy', 'office', 'unit', 'leader', 'admin', 'citizen'];

/** What the account is bound to: its deputy, unit or region. */
const scopeOf = (u: AdminUser) =>
  u.role === 'deputy' ? [u.deputyName, u.deputyCode].filter(Boolean).join(' · ') : (u.unitName ?? u.regionName ?? '');
/** How the account signs in (a citizen through 浙里办: their masked phone). */
const loginOf = (u: AdminUser) =>
  u.role === 'citizen'
    ? u.phone
      ? `浙里办 · ${u.phone}`
      : '浙里办'
    : [u.dingUserId && `浙政钉 ${u.dingUserId}`, u.username && `用户名 ${u.username}`].filter(Boolean).join(' · ');

/**
 * 账号管理 (admin): every account by role and search, newest first, 20 at a time from the server;
 * tap one to change it, 新增账号 to open one.
 */
export function useAccountsList(): AdminList {
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

  const row = (u: AdminUser): ListRow => ({
    key: u.id,
    item: u,
    name: u.name,
    muted: u.disabled,
    tags: [{ text: ROLE_LABELS[u.role], plain: true }, ...(u.disabled ? [{ text: '已停用', testid: 'disabled-tag' }] : [])],
    lines: [scopeOf(u), loginOf(u)].filter(Boolean).map((text) => ({ text })),
    attrs: { 'data-user': u.id, 'data-username': u.username ?? undefined },
  });
  const rows = computed(() => list.items.value.map(row));

  return {
    name: 'user',
    title: '账号管理',
    noun: '账号',
    addLabel: '新增账号',
    searchPlaceholder: '姓名、用户名、浙政钉账号或手机号',
    q,
    filters: computed(() => [
      { kind: 'tabs', model: role, options: ROLE_TABS.map((t) => ({ value: t, text: t ? ROLE_LABELS[t] : '全部' })), testid: 'role-tabs' },
    ]),
    loading: list.loading,
    failed: list.error,
    load: () => void list.load(),
    paged: { finished: list.finished, error: list.error, searchNow },
    groups: computed(() => (rows.value.length ? [{ key: '', rows: rows.value }] : [])),
    total: computed(() => (list.finished.value && rows.value.length ? `共 ${list.total.value} 个账号` : null)),
    form: useAccountForm(),
    /** A new account is at the top of a fresh list; a changed one is put in place. */
    saved: (u: AdminUser, created: boolean) => (created ? void list.reload() : list.replace(u, (a, b) => a.id === b.id)),
    nav: { rightText: '操作日志', to: '/admin/events' },
  };
}
