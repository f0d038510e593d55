import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { sign, verify } from 'hono/jwt';
import type { Role } from '@minqing/shared';
import type { Deps } from '../deps.js';
import { sessionFromRow, type SessionUser } from '../domain/session.js';
import { ApiError } from './errors.js';

export interface TokenConfig {
  secret: string;
  ttlSeconds: number;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    user: SessionUser | null;
    /** The JSON text of a cacheable answer (cacheableJson), for responseCache. */
    jsonBody: string | undefined;
    /** deps.dataVersion() as read when the request came in (once: each read is a statement). */
    dataVersion: string | undefined;
    /** The answer was built with every header it needs, security headers included (cacheableJson). */
    headersComplete: boolean | undefined;
    /** Whether responseCache answered from memory (hit) or computed the answer (miss). */
    cacheState: 'hit' | 'miss' | undefined;
  };
};

export async function issueToken(config: TokenConfig, user: SessionUser, now: Date) {
  const exp = Math.floor(now.getTime() / 1000) + config.ttlSeconds;
  const token = await sign({ sub: user.id, role: user.role, iat: Math.floor(now.getTime() / 1000), exp }, config.secret, 'HS256');
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** Reads the bearer token if there is one; routes decide whether they need a user. */
export function authenticate(config: TokenConfig): MiddlewareHandler<AppEnv> {
  // Signatures already checked, by token: a signed-in user's every request need not redo
  // the HMAC. Expiry and the account's state are still checked on every request.
  const verified = new Map<string, { sub?: unknown; exp?: unknown }>();
  const sessions = new Map<string, { version: string; user: SessionUser }>();
  return async (c, next) => {
    c.set('user', null);
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new ApiError('unauthorized', '登录凭证格式不正确');
      const token = match[1]!;
      let payload = verified.get(token);
      if (!payload) {
        try {
          // time claims are checked below against the app's clock (injected in tests)
          payload = await verify(token, config.secret, { alg: 'HS256', exp: false, nbf: false, iat: false });
        } catch {
          throw new ApiError('unauthorized', '登录凭证无效，请重新登录');
        }
        if (verified.size >= 20_000) verified.clear();
        verified.set(token, payload);
      }
      const deps = c.get('deps');
      if (typeof payload.exp !== 'number' || payload.exp * 1000 <= deps.clock.now().getTime()) {
        throw new ApiError('token_expired');
      }
      if (typeof payload.sub !== 'string') throw new ApiError('unauthorized', '账号不存在或已停用');
      // the account is re-read whenever anything was written since (a role change, a disabled account)
      const version = deps.dataVersion();
      c.set('dataVersion', version);
      let session = sessions.get(payload.sub);
      if (!session || session.version !== version) {
        const row = deps.users.get(payload.sub);
        if (!row || row.disabled) throw new ApiError('unauthorized', '账号不存在或已停用');
        if (sessions.size >= 20_000) sessions.clear();
        sessions.set(payload.sub, (session = { version, user: sessionFromRow(row) }));
      }
      c.set('user', session.user);
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

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (!stored) return false;
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N: 16384, r: 8, p: 1 });
  return timingSafeEqual(expected, actual);
}
