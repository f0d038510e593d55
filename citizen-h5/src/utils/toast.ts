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
  void load().then(
    (m) => m.showToast(options),
    () => undefined,
  );
}

/**
 * Fetches the toast's code once the page has had its chance to paint: at the first touch or
 * key press, or a few seconds after load — never competing with the landing page's own
 * requests on a slow network.
 */
export function preloadToast(afterMs = 4000) {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    window.removeEventListener('pointerdown', start, true);
    window.removeEventListener('keydown', start, true);
    void load().catch(() => undefined);
  };
  window.addEventListener('pointerdown', start, true);
  window.addEventListener('keydown', start, true);
  const later = () =>
    setTimeout(() => ('requestIdleCallback' in window ? window.requestIdleCallback(start, { timeout: 2000 }) : start()), afterMs);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
