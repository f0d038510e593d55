import axios, { type AxiosInstance } from 'axios';
import { showToast } from 'vant';
import 'vant/es/toast/style';
import { useAuthStore } from '../stores/auth';
import { toApiFailure } from './errors';

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** The router registers what happens when a signed-in call comes back 401 (go to sign-in). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler) {
  onUnauthorized = handler;
}

/**
 * The staff app's axios instance: bearer token from the auth store; every error becomes an
 * ApiFailure with a Chinese message, shown as a Vant toast unless `quiet`.
 */
function createHttp(quiet: boolean): AxiosInstance {
  const http = axios.create({ timeout: 30_000 });
  http.interceptors.request.use((config) => {
    const token = useAuthStore().token;
    if (token && !config.headers.has('Authorization')) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  http.interceptors.response.use(undefined, (err: unknown) => {
    const failure = toApiFailure(err);
    const sentToken = axios.isAxiosError(err) && Boolean(err.config?.headers?.Authorization);
    const isSignIn = axios.isAxiosError(err) && /\/api\/auth\//.test(err.config?.url ?? '');
    if (failure.status === 401 && sentToken && !isSignIn) {
      useAuthStore().signOut();
      showToast({ message: '登录已过期，请重新登录', position: 'middle' });
      onUnauthorized();
    } else if (!quiet) {
      showToast({ message: failure.message, position: 'middle', duration: failure.message.length > 16 ? 3000 : 2000 });
    }
    return Promise.reject(failure);
  });
  return http;
}

export const http = createHttp(false);
export const quietHttp = createHttp(true);
