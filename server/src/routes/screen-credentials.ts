import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { SCREEN_KEY_HEADER, issueScreenCredentialSchema, type Role } from '@minqing/shared';
import {
  SCREEN_ISSUER_ROLES,
  issueScreenCredential,
  listScreenCredentials,
  revokeScreenCredential,
  screenStatsViewer,
  screenViewerOf,
} from '../domain/screen-credentials.js';
import type { SessionUser } from '../domain/session.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { validate } from '../http/validate.js';
import type { RouteContext } from './context.js';

/**
 * 大屏凭证: leaders, the office and admins issue wall screens' read-only credentials for their
 * region, list them and revoke them. The secret is in the issuing answer only (not kept by caches).
 */
export function screenCredentialRoutes(ctx: RouteContext) {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const user = currentUser(c, SCREEN_ISSUER_ROLES);
      return c.json({ items: listScreenCredentials(c.get('deps'), user) }, 200);
    })
    .post('/', validate('json', issueScreenCredentialSchema), (c) => {
      const user = currentUser(c, SCREEN_ISSUER_ROLES);
      c.header('Cache-Control', 'no-store');
      return c.json(issueScreenCredential(c.get('deps'), user, c.req.valid('json'), ctx.publicBaseUrl()), 201);
    })
    .post('/:id/revoke', (c) => {
      const user = currentUser(c, SCREEN_ISSUER_ROLES);
      return c.json(revokeScreenCredential(c.get('deps'), user, c.req.param('id')), 200);
    });
}

/**
 * For the cockpit's GETs only (stats and hotspots): a request without a signed-in user that
 * carries a screen's credential (X-Screen-Key) reads as that screen; an invalid, revoked or expired
 * one is a 401 at once. Every other route never looks at the header, so it is a stranger there.
 */
export function screenAccess(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('screen', undefined);
    const secret = c.req.header(SCREEN_KEY_HEADER);
    const reading = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (secret !== undefined && reading && !c.get('user')) c.set('screen', screenViewerOf(c.get('deps'), secret));
    await next();
  };
}

/** Whom the cockpit's figures are for: the signed-in user of one of `roles`, else the screen screenAccess let in. */
export function cockpitViewer(c: Context<AppEnv>, roles: readonly Role[]): SessionUser {
  const screen = c.get('screen');
  if (screen && !c.get('user')) return screenStatsViewer(screen);
  return currentUser(c, roles);
}
