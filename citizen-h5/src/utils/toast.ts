import type { ToastOptions } from 'vant';

/**
 * Toasts for code on the landing page's path (the API client's error handler): Vant's Toast
 * (with its icon font, ~35 KB) loads on first use instead of with the page, and is fetched
 * in the background once the page is idle so it is there when needed, even offline.
 */
let loading: Promise<typeof import('vant/es/toast')> | null = null;

function load() {
  loading ??= Promise.all([import('vant/es/toast'), import('vant/es/toast/style')]).then(([m]) => m);
  loading.catch(() => (loading = null));
  return loading;
}

export function toast(options: ToastOptions) {
  void load().then((m) => m.showToast(options), () => undefined);
}

export function preloadToast() {
  const start = () => void load().catch(() => undefined);
  if ('requestIdleCallback' in window) window.requestIdleCallback(start, { timeout: 4000 });
  else setTimeout(start, 2000);
}
