import axios from 'axios';
import { createApiClient, SCREEN_KEY_HEADER, SCREEN_KEY_PATTERN, type ApiClient } from '@minqing/shared';

/**
 * The API clients the cockpit pages use: the staff app's own (its signed-in session, toasts),
 * handed in with `provideCockpitClient(api)`, or — for a wall screen — one that sends the
 * screen's read-only credential (大屏凭证) and nothing of a person.
 */
let client: ApiClient | null = null;

export function provideCockpitClient(c: ApiClient) {
  client = c;
}

export function useCockpitClient(): ApiClient {
  if (!client) throw new Error('provideCockpitClient(api) first');
  return client;
}

/** Where a wall screen keeps its credential: this tab only, gone when the browser closes it. */
const SCREEN_KEY = 'mq.screen.key';

/**
 * The screen's credential: taken from the address's fragment (`#k=…`, which browsers never send
 * to a server, so it is in no access log) and kept in sessionStorage, so that a reload still
 * works after the router has dropped the fragment from the address bar; null when there is none.
 */
export function takeScreenKey(hash: string): string | null {
  try {
    const fromUrl = new URLSearchParams(hash.replace(/^#/, '')).get('k');
    if (fromUrl && SCREEN_KEY_PATTERN.test(fromUrl)) sessionStorage.setItem(SCREEN_KEY, fromUrl);
    const kept = sessionStorage.getItem(SCREEN_KEY);
    return kept && SCREEN_KEY_PATTERN.test(kept) ? kept : null;
  } catch {
    return null;
  }
}

/** The server's Chinese message, when it sent one (a download's error body arrives as a Blob). */
async function messageOf(err: unknown): Promise<string | undefined> {
  let data: unknown = axios.isAxiosError(err) ? err.response?.data : undefined;
  if (typeof Blob !== 'undefined' && data instanceof Blob)
    data = await data
      .text()
      .then((t) => JSON.parse(t) as unknown)
      .catch(() => undefined);
  return (data as { error?: { message?: string } } | undefined)?.error?.message;
}

/**
 * A wall screen's client: every request carries the credential in X-Screen-Key; `refused` hears
 * the server's words when it no longer accepts it (revoked, expired: 401), so the screen can say so.
 */
export function screenCockpitClient(key: string, refused: (message: string) => void): ApiClient {
  const http = axios.create({ timeout: 60_000, headers: { [SCREEN_KEY_HEADER]: key } });
  http.interceptors.response.use(undefined, async (err: unknown) => {
    const message = await messageOf(err);
    const status = axios.isAxiosError(err) ? err.response?.status : undefined;
    if (status === 401) refused(message ?? '大屏凭证无效');
    throw message ? Object.assign(new Error(message), { status }) : err;
  });
  return createApiClient(http);
}
