import { ref } from 'vue';
import { demoSignIn, useDemoAccounts as useDemoAccountsOf } from '@minqing/h5-common/demoAccounts';
import { STAFF_ROLES } from '@minqing/shared';
import { api, quietApi, ApiFailure } from '../../api';
import { useAuthStore } from '../../stores/auth';

/** True inside DingTalk / 浙政钉 (its user agent says so). */
export function inDingTalk(): boolean {
  return /DingTalk|TaurusApp/i.test(navigator.userAgent);
}

/** The workplace app's corp id, from <meta name="ding-corp-id"> in index.html. */
export function dingCorpId(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="ding-corp-id"]')?.content || 'ding-demo-corp';
}

/**
 * Staff sign-in: a DingTalk auth code (requestAuthCode inside the workplace app, or the
 * stand-in provider's code in demo mode) exchanged at /api/auth/staff; or a password.
 */
export function useSignIn() {
  const auth = useAuthStore();
  const busy = ref<string | null>(null);

  const withAuthCode = (authCode: string) => auth.signIn(api.auth.staff(authCode));

  /** Inside DingTalk: ask the host for a one-time auth code. dingtalk-jsapi loads only here. */
  async function withDingTalk(timeoutMs = 10_000) {
    const dd = (await import('dingtalk-jsapi')).default;
    const { code } = await new Promise<{ code: string }>((resolve, reject) => {
      // a host that never answers must not leave the page waiting forever
      const timer = setTimeout(() => reject(new Error('requestAuthCode timed out')), timeoutMs);
      const fail = (err: unknown) => (clearTimeout(timer), reject(err));
      dd.ready(() => {
        dd.runtime.permission
          .requestAuthCode({ corpId: dingCorpId() } as { corpId: string; clientId?: string })
          .then((r: { code: string }) => (clearTimeout(timer), resolve(r)), fail);
      });
      dd.error(fail);
    });
    return withAuthCode(code);
  }

  const asDemoAccount = demoSignIn(busy, async (account) => {
    const { authCode } = await api.mockIdp.ticket(account);
    if (!authCode) throw new ApiFailure('该账号不是工作人员账号', 400, 'invalid_input');
    return withAuthCode(authCode);
  });

  async function withPassword(username: string, password: string) {
    busy.value = 'password';
    try {
      return await auth.signIn(api.auth.password(username, password));
    } finally {
      busy.value = null;
    }
  }

  return { withAuthCode, withDingTalk, asDemoAccount, withPassword, busy };
}

/** The stand-in provider's staff accounts (demo mode). */
export const useDemoAccounts = () =>
  useDemoAccountsOf(
    () => quietApi.mockIdp.accounts(),
    (a) => (STAFF_ROLES as readonly string[]).includes(a.role),
  );
