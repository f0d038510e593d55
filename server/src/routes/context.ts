import type { IdentityProvider } from '../idp/client.js';
import type { TokenConfig } from '../http/auth.js';

/** What routes need beyond the per-request deps: configuration and the identity provider. */
export interface RouteContext {
  idp: IdentityProvider;
  tokens: TokenConfig;
  version: string;
  /** Where the apps are reached from outside, for QR codes; null: where the request came to (demo, a phone on the same network). */
  publicBaseUrl: string | null;
}

/** The origin QR codes point at. */
export function publicBase(ctx: RouteContext, requestUrl: string): string {
  return ctx.publicBaseUrl ?? new URL(requestUrl).origin;
}
