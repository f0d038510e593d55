import axios, { type AxiosInstance } from 'axios';
import type { ToastOptions } from 'vant';
import { createApiClient } from '@minqing/shared';
import { toApiFailure } from './errors';

export interface AppApiOptions {
  /** The app's signed-in session, asked on every call (its store, once Pinia is installed). */
  session: () => { token: string | null; signOut(): void };
  /**
   * Shows a message. Each app brings its own: the citizen app loads Vant's Toast only on first
   * use (it is not on the QR landing page's path), the staff app imports it outright.
   */
  toast: (options: ToastOptions) => void;
}

/**
 * An app's API clients over its axios instances: the bearer token from the session on every
 * call; every error becomes an ApiFailure with a Chinese message, shown as a toast by `api`
 * and not by `quietApi` (the caller then shows it where it belongs, e.g. under a photo).
 * A signed-in call answered 401 signs out, says so, and calls the handler the router
 * registers with `setUnauthorizedHandler` (go to sign-in).
 */
export function createAppApi({ session, toast }: AppApiOptions) {
  let onUnauthorized: () => void = () => {};

  function createHttp(quiet: boolean): AxiosInstance {
    const http = axios.create({ timeout: 30_000 });
    http.interceptors.request.use((config) => {
      const token = session().token;
      if (token && !config.headers.has('Authorization')) config.headers.set('Authorization', `Bearer ${token}`);
      return config;
    });
    http.interceptors.response.use(undefined, (err: unknown) => {
      const failure = toApiFailure(err);
      const sentToken = axios.isAxiosError(err) && Boolean(err.config?.headers?.Authorization);
      const isSignIn = axios.isAxiosError(err) && /\/api\/auth\//.test(err.config?.url ?? '');
      if (failure.status === 401 && sentToken && !isSignIn) {
        session().signOut();
        toast({ message: '登录已过期，请重新登录', position: 'middle' });
        onUnauthorized();
      } else if (!quiet) {
        toast({ message: failure.message, position: 'middle', duration: failure.message.length > 16 ? 3000 : 2000 });
      }
      return Promise.reject(failure);
    });
    return http;
  }

  const http = createHttp(false);
  const quietHttp = createHttp(true);
  return {
    /** The axios instance behind `api`, for a request the typed client does not know. */
    http,
    /** The typed API client; failures are toasted in Chinese. */
    api: createApiClient(http),
    /** The same client without toasts: for calls whose failure the page shows in place. */
    quietApi: createApiClient(quietHttp),
    /** What happens when a signed-in call comes back 401 (the router: go to sign-in). */
    setUnauthorizedHandler(handler: () => void) {
      onUnauthorized = handler;
    },
  };
}
