/**
 * The API as other users see it, for browser tests: the shared typed client (responses
 * validated against the contract) signed in through the stand-in identity provider.
 */
import axios from 'axios';
import { createApiClient, type ApiClient } from '@minqing/shared';

export type SignedInClient = ApiClient & { token: string };

export function apiClient(baseUrl: string, token?: string): ApiClient {
  const http = axios.create({ baseURL: baseUrl, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return createApiClient(http, { validate: true });
}

/** Signs in as a demo account (citizen `zlb-…` or staff `ding-…`) the way the apps do. */
export async function signInAs(baseUrl: string, account: string): Promise<SignedInClient> {
  const anon = apiClient(baseUrl);
  const code = await anon.mockIdp.ticket(account);
  const auth = code.ticket ? await anon.auth.citizen(code.ticket) : await anon.auth.staff(code.authCode!);
  return Object.assign(apiClient(baseUrl, auth.token), { token: auth.token });
}

/** The HTTP status an API call ends with: 200 if it succeeded, else the error response's status. */
export function httpStatus(call: Promise<unknown>): Promise<number | undefined> {
  return call.then(
    () => 200,
    (e: { response?: { status: number } }) => e.response?.status,
  );
}
