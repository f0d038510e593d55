import type { IdentityProvider } from '../idp/client.js';
import type { TokenConfig } from '../http/auth.js';

/** What routes need beyond the per-request deps: configuration and the identity provider. */
export interface RouteContext {
  idp: IdentityProvider;
  tokens: TokenConfig;
  version: string;
  /** Where the apps are reached from outside (configured, never from the request): what QR codes point at. */
  publicBaseUrl: () => string;
}
