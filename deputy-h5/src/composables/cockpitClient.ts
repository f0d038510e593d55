import axios from 'axios';
import { createApiClient, type ApiClient } from '@minqing/shared';

/**
 * The API client the cockpit pages use. The staff app hands its own client in with
 * `provideCockpitClient(api)` (token interceptor, toasts); until it does, a plain client
 * reads a bearer token from `?token=` or sessionStorage (big screens are opened that way).
 */
let client: ApiClient | null = null;

export function provideCockpitClient(c: ApiClient) {
  client = c;
}

const TOKEN_KEY = 'mq.cockpit.token';

function fallbackToken(): string | null {
  try {
    const fromUrl = new URLSearchParams(window.location.search).get('token');
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function useCockpitClient(): ApiClient {
  if (client) return client;
  const http = axios.create({ timeout: 30_000 });
  http.interceptors.request.use((config) => {
    const token = fallbackToken();
    if (token && !config.headers.has('Authorization')) config.headers.set('Authorization', `Bearer ${token}`);
    return config;
  });
  client = createApiClient(http);
  return client;
}
