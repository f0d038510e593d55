import { createAppRouter, installTitleAndSignIn, signInRoute } from '@minqing/h5-common/router';
import { setUnauthorizedHandler } from './api';
import { useSignIn } from './composables/useSignIn';
import { useAuthStore } from './stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    /** Needs a signed-in citizen: others are sent to sign in and brought back. */
    auth?: boolean;
    /** Shows the bottom tab bar. */
    tab?: boolean;
  }
}

export const router = createAppRouter('/citizen/', [
  { path: '/', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { title: '找代表', tab: true } },
  { path: '/d/:code', name: 'deputy', component: () => import('./pages/DeputyPage.vue'), meta: { title: '人大代表' } },
  { path: '/d/:code/submit', name: 'submit', component: () => import('./pages/SubmitPage.vue'), meta: { title: '反映问题', auth: true } },
  { path: '/receipt/:id', name: 'receipt', component: () => import('./pages/ReceiptPage.vue'), meta: { title: '提交成功', auth: true } },
  {
    path: '/cases',
    name: 'cases',
    component: () => import('./pages/MyCasesPage.vue'),
    meta: { title: '我的诉求', auth: true, tab: true },
  },
  { path: '/cases/:id', name: 'case', component: () => import('./pages/CaseDetailPage.vue'), meta: { title: '诉求详情', auth: true } },
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { title: '实名登录' } },
  { path: '/me', name: 'me', component: () => import('./pages/MinePage.vue'), meta: { title: '我的', tab: true } },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
]);

router.beforeEach(async (to) => {
  // The super-app opens us with its single sign-on ticket in the URL: exchange it once.
  const ticket = to.query.ticket;
  if (typeof ticket === 'string' && ticket) {
    try {
      await useSignIn().withTicket(ticket);
    } catch {
      /* the toast has said why; the page still opens, and sign-in is asked again where needed */
    }
    const query = { ...to.query };
    delete query.ticket;
    return { path: to.path, query, hash: to.hash, replace: true };
  }
  if (to.meta.auth && !useAuthStore().signedIn) return signInRoute(to);
  return true;
});

installTitleAndSignIn(router, setUnauthorizedHandler);

// A lazy page that fails to load (a new deployment replaced its file, or the network dropped)
// is retried with a full load of the target URL, once.
router.onError((err, to) => {
  if (
    /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module/i.test(
      String(err),
    )
  ) {
    const key = `mq.reload.${to.fullPath}`;
    if (!sessionStorage.getItem(key)) {
      sessionStorage.setItem(key, '1');
      window.location.assign(router.resolve(to).href);
    }
  }
});
