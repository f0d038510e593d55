import { createRouter, createWebHistory, type RouteLocationNormalized, type Router, type RouteRecordRaw } from 'vue-router';

/** An app's router: browser history under the app's base path; a new page opens at its top, 返回 goes back to where it was. */
export function createAppRouter(base: string, routes: RouteRecordRaw[]) {
  return createRouter({ history: createWebHistory(base), scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 }, routes });
}

/** Where to send someone who must sign in first, and bring them back afterwards. */
export function signInRoute(to: Pick<RouteLocationNormalized, 'fullPath'>) {
  return { name: 'login', query: { redirect: to.fullPath } } as const;
}

/**
 * What both apps' routers do besides their own guard: each page's title in the browser tab, and
 * a signed-in call answered 401 (token expired or revoked) sends to sign in again, then back.
 */
export function installTitleAndSignIn(router: Router, setUnauthorizedHandler: (handler: () => void) => void) {
  router.afterEach((to) => {
    document.title = to.meta.title ? `${to.meta.title} · 民情通` : '民情通';
  });
  setUnauthorizedHandler(() => {
    const current = router.currentRoute.value;
    if (current.name !== 'login') void router.replace(signInRoute(current));
  });
}
