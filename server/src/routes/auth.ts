import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { citizenAuthSchema, PASSWORD_ROLES, passwordAuthSchema, staffAuthSchema, STAFF_ROLES } from '@minqing/shared';
import { sessionFromRow, toUserDto, type SessionUser } from '../domain/session.js';
import { issueToken, type AppEnv } from '../http/auth.js';
import { dummyPasswordHash, verifyPassword } from '../domain/passwords.js';
import type { ClientIpOf } from '../http/client-ip.js';
import { ApiError } from '../errors.js';
import type { PasswordGuard } from '../http/password-guard.js';
import { validate } from '../http/validate.js';
import type { RouteContext } from './context.js';

export function authRoutes(ctx: RouteContext, limits: { passwords: PasswordGuard; clientIp: ClientIpOf }) {
  dummyPasswordHash(); // made before the first sign-in, which would otherwise take longer for an unknown name
  const signedIn = async (deps: AppEnv['Variables']['deps'], user: SessionUser) => ({
    ...(await issueToken(ctx.tokens, user, deps.clock.now())),
    user: toUserDto(user, deps.reference),
  });

  return new Hono<AppEnv>()
    .post('/citizen', validate('json', citizenAuthSchema), async (c) => {
      const deps = c.get('deps');
      const info = await ctx.idp.citizenByTicket(c.req.valid('json').ticket);
      let row = deps.users.byIdp('zlb', info.userId);
      if (!row) {
        // A citizen's first visit: the super-app vouches for them, so an account is opened.
        deps.users.insert({
          id: randomUUID(),
          role: 'citizen',
          name: info.name,
          phone: info.mobile,
          idp_kind: 'zlb',
          idp_user_id: info.userId,
          username: null,
          password_hash: null,
          region_id: null,
          unit_id: null,
          deputy_code: null,
          created_at: deps.clock.now().toISOString(),
        });
        row = deps.users.byIdp('zlb', info.userId)!;
      } else if (row.role === 'citizen' && (row.name !== info.name || row.phone !== info.mobile)) {
        deps.users.updateContact(row.id, info.name, info.mobile);
        row = deps.users.get(row.id)!;
      }
      if (row.disabled) throw new ApiError('forbidden', '账号已停用');
      return c.json(await signedIn(deps, sessionFromRow(row)), 200);
    })
    .post('/staff', validate('json', staffAuthSchema), async (c) => {
      const deps = c.get('deps');
      const info = await ctx.idp.staffByAuthCode(c.req.valid('json').authCode);
      const row = deps.users.byIdp('ding', info.userId);
      // the workplace app has vouched for who this is, so a stopped account may be told so
      if (row?.disabled) throw new ApiError('forbidden', '您的民情通工作账号已停用，请联系人大办公室');
      if (!row || !(STAFF_ROLES as readonly string[]).includes(row.role)) {
        throw new ApiError('forbidden', '您尚未开通民情通工作账号，请联系人大办公室');
      }
      return c.json(await signedIn(deps, sessionFromRow(row)), 200);
    })
    .post('/password', validate('json', passwordAuthSchema), async (c) => {
      const deps = c.get('deps');
      const { username, password } = c.req.valid('json');
      const ip = limits.clientIp(c);
      const now = deps.clock.now();
      const row = deps.users.byUsername(username);
      limits.passwords.check(ip, username, row !== undefined, now.getTime());
      // Hashed whoever it is, before anything else is looked at, so the time tells nothing. Synchronous
      // on purpose: check, hash and count happen in one turn, so parallel guesses cannot pass the count.
      const verified = verifyPassword(password, row?.password_hash ?? null);
      if (!row || row.disabled || !(PASSWORD_ROLES as readonly string[]).includes(row.role) || !verified) {
        const lockout = limits.passwords.failed(ip, username, row !== undefined, now.getTime());
        // 操作日志: once, when the failure that locks the account is counted
        if (lockout && row) deps.admin.appendEvent(null, 'user_lockout', row.id, lockout, now.toISOString());
        throw new ApiError('unauthorized', '用户名或密码错误');
      }
      limits.passwords.succeeded(username);
      return c.json(await signedIn(deps, sessionFromRow(row)), 200);
    });
}
