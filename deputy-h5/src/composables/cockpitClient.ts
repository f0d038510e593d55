import axios from 'axios';
import { createApiClient, type ApiClient } from '@minqing/shared';

/**
 * The API client the cockpit pages use. The staff app may hand its own client in with
 * `provideCockpitClient(api)`; otherwise a plain client sends the staff app's signed-in token
 * (its session in localStorage) — or, for a wall screen opened with `?token=…`, that one.
 */
let client: ApiClient | null = null;

export function provideCockpitClient(c: ApiClient) {
  client = c;
}

const STAFF_SESSION_KEY = 'mq.staff.session';
const SCREEN_TOKEN_KEY = 'mq.cockpit.token';

export function cockpitToken(): string | null {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('token');
    if (fromUrl) sessionStorage.setItem(SCREEN_TOKEN_KEY, fromUrl);
    const screen = fromUrl ?? sessionStorage.getItem(SCREEN_TOKEN_KEY);
    if (screen) return screen;
    const session = JSON.parse(localStorage.getItem(STAFF_SESSION_KEY) ?? 'null') as { token?: unknown } | null;
    return typeof session?.token === 'string' ? session.token : null;
  } catch {
    return null;
  }
}

export function useCockpitClient(): ApiClient {
  if (client) return client;
  const http = axios.create({ timeout: 60_000 });
  http.interceptors.request.use((config) => {
    const token = cockpitToken();
    if (token && !config.headers.has('Authorization')) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  http.interceptors.response.use(undefined, async (err: unknown) => {
    // the server's Chinese message, when it sent one (a download's error body arrives as a Blob)
    let data: unknown = axios.isAxiosError(err) ? err.response?.data : undefined;
    if (typeof Blob !== 'undefined' && data instanceof Blob)
      data = await data
        .text()
        .then((t) => JSON.parse(t) as unknown)
        .catch(() => undefined);
    const message = (data as { error?: { message?: string } } | undefined)?.error?.message;
    throw message ? Object.assign(new Error(message), { status: axios.isAxiosError(err) ? err.response?.status : undefined }) : err;
  });
  client = createApiClient(http);
  return client;
}
