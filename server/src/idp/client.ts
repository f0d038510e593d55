import { ApiError } from '../errors.js';

/** What our server needs from the two identity providers and their message channels. */
export interface IdentityProvider {
  /** 浙里办-style: validate a single-sign-on ticket, then read the user's info. */
  citizenByTicket(ticket: string): Promise<{ userId: string; name: string; mobile: string | null }>;
  /** 浙政钉/DingTalk-style: exchange a requestAuthCode code for the user id. */
  staffByAuthCode(code: string): Promise<{ userId: string; name: string }>;
  /** A work notice to staff in the workplace app (asyncsend_v2 shape). */
  sendWorkNotice(idpUserId: string, title: string, body: string, msgKey: string): Promise<void>;
  /** A message to a citizen in the super-app's message channel. */
  sendCitizenMessage(idpUserId: string, title: string, body: string, msgKey: string): Promise<void>;
}

export interface HttpIdpConfig {
  /** A function where the address is known only once the server listens (the demo's own stand-in). */
  zlbBaseUrl: string | (() => string);
  zlbAppId: string;
  dingBaseUrl: string | (() => string);
  dingAppKey: string;
  dingAppSecret: string;
  dingAgentId: string;
  /** Injected so tests can route the same HTTP requests into an in-process app. */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The real exchanges, over HTTP, against the configured base URLs. */
export function createHttpIdp(config: HttpIdpConfig): IdentityProvider {
  const doFetch = config.fetch ?? fetch;
  const zlb = () => (typeof config.zlbBaseUrl === 'function' ? config.zlbBaseUrl() : config.zlbBaseUrl);
  const ding = () => (typeof config.dingBaseUrl === 'function' ? config.dingBaseUrl() : config.dingBaseUrl);
  let dingToken: { value: string; expiresAt: number } | null = null;

  async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs ?? 5000) });
    } catch {
      throw new ApiError('idp_unavailable');
    }
    if (!res.ok) throw new ApiError('idp_unavailable', `统一身份认证服务返回 ${res.status}`);
    return (await res.json()) as T;
  }
  const postJson = <T>(url: string, body: unknown) =>
    call<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function dingAccessToken(): Promise<string> {
    if (dingToken && dingToken.expiresAt > Date.now() + 60_000) return dingToken.value;
    const q = new URLSearchParams({ appkey: config.dingAppKey, appsecret: config.dingAppSecret });
    const r = await call<{ errcode: number; errmsg: string; access_token?: string; expires_in?: number }>(`${ding()}/gettoken?${q}`);
    if (r.errcode !== 0 || !r.access_token) throw new ApiError('idp_unavailable', `浙政钉接口错误：${r.errmsg}`);
    dingToken = { value: r.access_token, expiresAt: Date.now() + (r.expires_in ?? 7200) * 1000 };
    return dingToken.value;
  }

  return {
    async citizenByTicket(ticket) {
      const base = `${zlb()}/sso/servlet/simpleauth`;
      const v = await postJson<{ result: string; errmsg: string; token?: string }>(`${base}?method=ticketValidation`, {
        st: ticket,
        servicecode: config.zlbAppId,
        datatype: 'json',
      });
      if (v.result !== '0' || !v.token) throw new ApiError('unauthorized', '登录票据无效或已过期，请重新进入');
      const info = await postJson<{ result: string; errmsg: string; userid?: string; username?: string; mobile?: string }>(
        `${base}?method=getUserInfo`,
        { token: v.token, servicecode: config.zlbAppId, datatype: 'json' },
      );
      if (info.result !== '0' || !info.userid) throw new ApiError('unauthorized', '无法获取用户信息，请重新进入');
      return { userId: info.userid, name: info.username ?? '群众', mobile: info.mobile ?? null };
    },

    async staffByAuthCode(code) {
      const token = await dingAccessToken();
      const r = await postJson<{ errcode: number; errmsg: string; result?: { userid: string; name: string } }>(
        `${ding()}/topapi/v2/user/getuserinfo?access_token=${encodeURIComponent(token)}`,
        { code },
      );
      if (r.errcode !== 0 || !r.result) throw new ApiError('unauthorized', '免登授权码无效或已过期，请重新进入');
      return { userId: r.result.userid, name: r.result.name };
    },

    async sendWorkNotice(idpUserId, title, body, msgKey) {
      const token = await dingAccessToken();
      const r = await postJson<{ errcode: number; errmsg: string }>(
        `${ding()}/topapi/message/corpconversation/asyncsend_v2?access_token=${encodeURIComponent(token)}`,
        {
          agent_id: config.dingAgentId,
          userid_list: idpUserId,
          msg: { msgtype: 'oa', oa: { head: { text: '民情通' }, body: { title, content: body } } },
          msg_key: msgKey,
        },
      );
      if (r.errcode !== 0) throw new Error(`asyncsend_v2 errcode ${r.errcode}: ${r.errmsg}`);
    },

    async sendCitizenMessage(idpUserId, title, body, msgKey) {
      const r = await postJson<{ result: string; errmsg: string }>(`${zlb()}/message/send`, {
        servicecode: config.zlbAppId,
        userid: idpUserId,
        title,
        content: body,
        msgKey,
      });
      if (r.result !== '0') throw new Error(`zlb message: ${r.errmsg}`);
    },
  };
}
