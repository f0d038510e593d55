import type { MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import type { Role } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { Logger } from 'pino';
import type { ScreenViewer, SessionUser } from '../session-user.js';
import { ApiError } from '../errors.js';

export interface TokenConfig {
  secret: string;
  ttlSeconds: number;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    user: SessionUser | null;
    /** A wall screen's read-only credential, on the cockpit's GETs only (routes/screen-credentials.ts); never a user. */
    screen: ScreenViewer | undefined;
    /** The answer was built with every header it needs, security headers included (jsonAnswer). */
    headersComplete: boolean | undefined;
    /** The ETag a 200 of this request gets, known before the handler ran (etag.ts; jsonAnswer sends it). */
    etag: string | undefined;
    /** X-Request-Id: sent back, and on every log line of this request (request-log.ts). */
    requestId: string;
    /** The logger for this request, carrying its id. */
    log: Logger;
  };
};

export async function issueToken(config: TokenConfig, user: SessionUser, now: Date) {
  const exp = Math.floor(now.getTime() / 1000) + config.ttlSeconds;
  const token = await sign({ sub: user.id, role: user.role, iat: Math.floor(now.getTime() / 1000), exp }, config.secret, 'HS256');
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

type TokenClaims = { sub?: unknown; exp?: unknown };

/**
 * Who a bearer token speaks for. Signatures already checked are remembered by token, so a
 * signed-in user's every request need not redo the HMAC; expiry is checked on every request,
 * and the account (role, scope, disabled) is re-read whenever anything was written since.
 */
export class Sessions {
  private readonly verified = new Map<string, TokenClaims>();
  private readonly users = new Map<string, { version: string; user: SessionUser }>();
  /** `loadUser` reads the account afresh (the composition root passes the domain's reader). */
  constructor(
    private readonly config: TokenConfig,
    private readonly loadUser: (deps: Deps, id: string) => SessionUser | null,
  ) {}

  /** The user of a token, checking everything; throws the ApiError the client gets. */
  async userOf(token: string, deps: Deps, version: string): Promise<SessionUser> {
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        // time claims are checked below against the app's clock (injected in tests)
        claims = await verify(token, this.config.secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
      } catch {
        throw new ApiError('unauthorized', '登录凭证无效，请重新登录');
      }
      if (this.verified.size >= 20_000) this.verified.clear();
      this.verified.set(token, claims);
    }
    if (typeof claims.exp !== 'number' || claims.exp * 1000 <= deps.clock.now().getTime()) throw new ApiError('token_expired');
    if (typeof claims.sub !== 'string') throw new ApiError('unauthorized', '账号不存在或已停用');
    let session = this.users.get(claims.sub);
    if (!session || session.version !== version) {
      const user = this.loadUser(deps, claims.sub);
      if (!user) throw new ApiError('unauthorized', '账号不存在或已停用');
      if (this.users.size >= 20_000) this.users.clear();
      this.users.set(claims.sub, (session = { version, user }));
    }
    return session.user;
  }
}

/** The token of an `Authorization: Bearer …` header; null if the header is malformed. */
export function bearerToken(header: string): string | null {
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? null;
}

/** Reads the bearer token if there is one; routes decide whether they need a user. */
export function authenticate(sessions: Sessions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    const header = c.req.header('authorization');
    if (header) {
      const token = bearerToken(header);
      if (!token) throw new ApiError('unauthorized', '登录凭证格式不正确');
      const deps = c.get('deps');
      c.set('user', await sessions.userOf(token, deps, deps.dataVersion()));
    }
    await next();
  };
}

export function currentUser(c: { get: (k: 'user') => SessionUser | null }, roles?: readonly Role[]): SessionUser {
  const user = c.get('user');
  if (!user) throw new ApiError('unauthorized');
  if (roles && !roles.includes(user.role)) throw new ApiError('forbidden');
  return user;
}
