import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { mockTicketRequestSchema, type MockAccount, type MockMessage } from '@minqing/shared';
import type { Db } from '../db/open.js';
import type { Clock } from '../deps.js';
import { ApiError } from '../errors.js';
import { validate } from '../http/validate.js';

const CODE_TTL_MS = 5 * 60_000;
const SESSION_TTL_MS = 60 * 60_000;

interface AccountRow {
  account: string;
  kind: 'zlb' | 'ding';
  role: MockAccount['role'];
  name: string;
  mobile: string | null;
}

/**
 * The stand-in identity provider for demo, development and tests: the same HTTP shapes as
 * the 浙里办 ticket validation and the DingTalk (浙政钉) user/message APIs, over its own
 * accounts. Codes and tickets are single use and expire after 5 minutes. What it delivered is
 * read as the phone of its recipient would show it: with a session of the stand-in itself for that
 * account (POST /sessions), one account's messages at a time, never all to anyone who asks.
 */
export function createMockIdp(db: Db, clock: Clock) {
  const accounts = db.prepare<[], AccountRow>('SELECT * FROM mock_idp_accounts ORDER BY sort, account');
  const account = db.prepare<[string], AccountRow>('SELECT * FROM mock_idp_accounts WHERE account = ?');
  const recordMessage = db.prepare(
    `INSERT INTO mock_idp_messages (channel, recipient, msg_key, title, body, received_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (msg_key) DO NOTHING`,
  );
  const messagesOf = db.prepare<[string], MockMessage>(
    'SELECT channel, recipient, msg_key AS msgKey, title, body, received_at AS receivedAt FROM mock_idp_messages WHERE recipient = ? ORDER BY id DESC LIMIT 500',
  );

  // one-time codes: code → account (and the zlb session tokens they turn into)
  const codes = new Map<string, { account: string; expiresAt: number }>();
  const zlbTokens = new Map<string, { account: string; expiresAt: number }>();
  const dingTokens = new Set<string>();
  // sessions with the stand-in itself: session → account
  const sessions = new Map<string, { account: string; expiresAt: number }>();

  const issue = (map: typeof codes, accountId: string) => {
    const code = randomBytes(16).toString('hex');
    map.set(code, { account: accountId, expiresAt: clock.now().getTime() + CODE_TTL_MS });
    return code;
  };
  /** Takes a code once: a second use, or one after 5 minutes, finds nothing. */
  const redeem = (map: typeof codes, code: unknown): AccountRow | undefined => {
    if (typeof code !== 'string') return undefined;
    const entry = map.get(code);
    map.delete(code);
    if (!entry || entry.expiresAt < clock.now().getTime()) return undefined;
    return account.get(entry.account);
  };
  const body = async (c: { req: { json: () => Promise<unknown> } }) =>
    ((await c.req.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;

  const app = new Hono()
    .get('/accounts', (c) =>
      c.json(
        accounts.all().map(({ account, role, name }) => ({ account, role, name })),
        200,
      ),
    )
    .post('/tickets', validate('json', mockTicketRequestSchema), (c) => {
      const a = account.get(c.req.valid('json').account);
      if (!a) throw new ApiError('not_found', '没有这个模拟账号', 'account');
      const code = issue(codes, a.account);
      return c.json(a.kind === 'zlb' ? { ticket: code } : { authCode: code }, 200);
    })
    .post('/sessions', validate('json', mockTicketRequestSchema), (c) => {
      const a = account.get(c.req.valid('json').account);
      if (!a) throw new ApiError('not_found', '没有这个模拟账号', 'account');
      const now = clock.now().getTime();
      for (const [key, entry] of sessions) if (entry.expiresAt < now) sessions.delete(key);
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, { account: a.account, expiresAt: now + SESSION_TTL_MS });
      return c.json({ session, account: a.account, expiresAt: new Date(now + SESSION_TTL_MS).toISOString() }, 200);
    })
    .get('/messages', (c) => {
      const entry = sessions.get(/^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
      if (!entry || entry.expiresAt < clock.now().getTime()) {
        throw new ApiError('unauthorized', '请先以演示账号登录模拟统一身份认证（POST /mock-idp/sessions）');
      }
      return c.json({ account: entry.account, items: messagesOf.all(entry.account) }, 200);
    })

    // 浙里办-style single sign-on
    .post('/zlb/sso/servlet/simpleauth', async (c) => {
      const method = c.req.query('method');
      const b = await body(c);
      if (method === 'ticketValidation') {
        const a = redeem(codes, b.st);
        if (!a || a.kind !== 'zlb') return c.json({ result: '6001', errmsg: 'ticket 无效或已过期' }, 200);
        return c.json({ result: '0', errmsg: '成功', token: issue(zlbTokens, a.account) }, 200);
      }
      if (method === 'getUserInfo') {
        const entry = typeof b.token === 'string' ? zlbTokens.get(b.token) : undefined;
        const a = entry && entry.expiresAt >= clock.now().getTime() ? account.get(entry.account) : undefined;
        if (!a) return c.json({ result: '6002', errmsg: 'token 无效' }, 200);
        return c.json({ result: '0', errmsg: '成功', userid: a.account, username: a.name, mobile: a.mobile }, 200);
      }
      return c.json({ result: '1', errmsg: '未知方法' }, 200);
    })
    .post('/zlb/message/send', async (c) => {
      const b = await body(c);
      if (typeof b.userid !== 'string' || typeof b.msgKey !== 'string') return c.json({ result: '1', errmsg: '参数错误' }, 200);
      recordMessage.run('zlb', b.userid, b.msgKey, String(b.title ?? ''), String(b.content ?? ''), clock.now().toISOString());
      return c.json({ result: '0', errmsg: '成功' }, 200);
    })

    // DingTalk-style workplace app
    .get('/ding/gettoken', (c) => {
      if (!c.req.query('appkey') || !c.req.query('appsecret')) return c.json({ errcode: 40089, errmsg: '不合法的appkey或appsecret' }, 200);
      const token = randomBytes(16).toString('hex');
      dingTokens.add(token);
      return c.json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 }, 200);
    })
    .post('/ding/topapi/v2/user/getuserinfo', async (c) => {
      if (!dingTokens.has(c.req.query('access_token') ?? '')) return c.json({ errcode: 88, errmsg: '不合法的access_token' }, 200);
      const a = redeem(codes, (await body(c)).code);
      if (!a || a.kind !== 'ding') return c.json({ errcode: 40078, errmsg: '不存在的临时授权码' }, 200);
      return c.json({ errcode: 0, errmsg: 'ok', result: { userid: a.account, name: a.name, unionid: `u-${a.account}` } }, 200);
    })
    .post('/ding/topapi/message/corpconversation/asyncsend_v2', async (c) => {
      if (!dingTokens.has(c.req.query('access_token') ?? '')) return c.json({ errcode: 88, errmsg: '不合法的access_token' }, 200);
      const b = await body(c);
      const msg = b.msg as { oa?: { body?: { title?: string; content?: string } } } | undefined;
      if (typeof b.userid_list !== 'string' || typeof b.msg_key !== 'string') return c.json({ errcode: 40035, errmsg: '缺少参数' }, 200);
      recordMessage.run(
        'ding',
        b.userid_list,
        b.msg_key,
        msg?.oa?.body?.title ?? '',
        msg?.oa?.body?.content ?? '',
        clock.now().toISOString(),
      );
      return c.json({ errcode: 0, errmsg: 'ok', task_id: Date.now(), request_id: randomBytes(8).toString('hex') }, 200);
    });
  return app;
}
