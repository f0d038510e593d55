import type { RouteRecordRaw } from 'vue-router';
import { createAppRouter, installTitleAndSignIn, signInRoute } from '@minqing/h5-common/router';
import type { Role } from '@minqing/shared';
import { setUnauthorizedHandler } from './api';
import type { AdminListName } from './features/admin/kit/lists';
import { takeScreenKey } from './features/cockpit/cockpitClient';
import { inDingTalk, useSignIn } from './features/session/useSignIn';
import { useAuthStore } from './stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Roles that may open the page (signed in); absent = public. */
    roles?: readonly Role[];
    /** Shows the bottom tab bar. */
    tab?: boolean;
  }
}

const STAFF = ['deputy', 'office', 'unit', 'leader', 'admin'] as const;
const OFFICE = ['office', 'admin'] as const;
const LEADERS = ['leader', 'office', 'admin'] as const;

/** One of the admin kit's lists: AdminListPage drawing the descriptor named `list` (see kit/lists.ts). */
const adminList = (list: AdminListName, title: string, roles: readonly Role[]): RouteRecordRaw => ({
  path: `/admin/${list}`,
  name: `admin-${list}`,
  component: () => import('./features/admin/kit/AdminListPage.vue'),
  props: { list },
  meta: { title, roles },
});

export const router = createAppRouter('/deputy/', [
  { path: '/', name: 'home', component: () => import('./features/session/HomePage.vue'), meta: { title: '工作台', roles: STAFF } },
  { path: '/login', name: 'login', component: () => import('./features/session/LoginPage.vue'), meta: { title: '登录' } },
  {
    path: '/inbox',
    name: 'inbox',
    component: () => import('./features/cases/DeputyInboxPage.vue'),
    meta: { title: '代表工作台', roles: ['deputy'], tab: true },
  },
  {
    path: '/triage',
    name: 'triage',
    component: () => import('./features/cases/OfficeQueuePage.vue'),
    meta: { title: '分办工作台', roles: OFFICE, tab: true },
  },
  {
    path: '/unit',
    name: 'unit',
    component: () => import('./features/cases/UnitQueuePage.vue'),
    meta: { title: '承办工作台', roles: ['unit'], tab: true },
  },
  {
    path: '/cases/:id',
    name: 'case',
    component: () => import('./features/cases/CaseDetailPage.vue'),
    meta: { title: '民情件详情', roles: STAFF },
  },
  {
    path: '/new',
    name: 'new-case',
    component: () => import('./features/cases/NewCasePage.vue'),
    meta: { title: '代群众录入', roles: ['deputy'] },
  },
  {
    path: '/visits',
    name: 'visits',
    component: () => import('./features/field/VisitsPage.vue'),
    meta: { title: '走访记录', roles: ['deputy'], tab: true },
  },
  {
    path: '/visits/new',
    name: 'visit-new',
    component: () => import('./features/field/VisitFormPage.vue'),
    meta: { title: '记录走访', roles: ['deputy'] },
  },
  {
    path: '/poster',
    name: 'poster',
    component: () => import('./features/field/PosterPage.vue'),
    meta: { title: '我的二维码', roles: ['deputy', 'office', 'admin'] },
  },
  {
    path: '/scan',
    name: 'scan',
    component: () => import('./features/field/ScanPage.vue'),
    meta: { title: '扫一扫', roles: STAFF, tab: true },
  },
  {
    path: '/checkin/:stationId',
    name: 'checkin',
    component: () => import('./features/field/CheckinPage.vue'),
    meta: { title: '进站履职', roles: ['deputy'] },
  },
  {
    path: '/messages',
    name: 'messages',
    component: () => import('./features/session/MessagesPage.vue'),
    meta: { title: '消息', roles: STAFF, tab: true },
  },
  {
    path: '/me',
    name: 'me',
    component: () => import('./features/session/MinePage.vue'),
    meta: { title: '我的', roles: STAFF, tab: true },
  },
  {
    path: '/cockpit',
    name: 'cockpit',
    component: () => import('./features/cockpit/CockpitPage.vue'),
    meta: { title: '数据驾驶舱', roles: LEADERS, tab: true },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('./features/settings/SettingsPage.vue'),
    meta: { title: '系统设置', roles: LEADERS },
  },
  {
    path: '/settings/holidays',
    name: 'holidays',
    component: () => import('./features/settings/HolidaysPage.vue'),
    meta: { title: '节假日安排', roles: LEADERS },
  },
  adminList('users', '账号管理', ['admin']),
  adminList('deputies', '代表名册', OFFICE),
  adminList('units', '承办单位', OFFICE),
  adminList('stations', '联络站', OFFICE),
  adminList('villages', '村（社区）', OFFICE),
  {
    path: '/admin/events',
    name: 'admin-events',
    component: () => import('./features/admin/AdminEventsPage.vue'),
    meta: { title: '操作日志', roles: ['admin'] },
  },
  {
    path: '/admin/screens',
    name: 'screen-credentials',
    component: () => import('./features/admin/ScreenCredentialsPage.vue'),
    meta: { title: '大屏凭证', roles: LEADERS },
  },
  // a wall screen opens it with its credential (#k=…, see the guard below) and no login; a
  // signed-in leader, office or admin may look at it with their own session
  {
    path: '/screen',
    name: 'screen',
    component: () => import('./features/cockpit/BigScreenPage.vue'),
    meta: { title: '数据大屏', roles: LEADERS },
  },
  {
    path: '/:rest(.*)*',
    name: 'not-found',
    component: () => import('./features/session/NotFoundPage.vue'),
    meta: { title: '页面不存在' },
  },
]);

let triedDingTalk = false;

router.beforeEach(async (to) => {
  if (to.name === 'screen') {
    // the screen's credential is kept for this tab and taken out of the address bar at once
    // (replacing the history entry), so it is not left in view, in history or in a bookmark
    const key = takeScreenKey(to.hash);
    if (to.hash) return { path: to.path, query: to.query, hash: '', replace: true };
    if (key) return true;
  }
  const auth = useAuthStore();
  // Inside the workplace app, sign in silently with its auth code (once per load).
  if (!auth.signedIn && to.meta.roles && inDingTalk() && !triedDingTalk) {
    triedDingTalk = true;
    try {
      await useSignIn().withDingTalk();
    } catch {
      /* fall through to the sign-in page */
    }
  }
  if (to.meta.roles && !auth.signedIn) return signInRoute(to);
  if (to.meta.roles && auth.role && !to.meta.roles.includes(auth.role)) return { path: auth.homePath, replace: true };
  return true;
});

installTitleAndSignIn(router, setUnauthorizedHandler);
