import { ref } from 'vue';
import type { MockAccount } from '@minqing/shared';
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

  async function withAuthCode(authCode: string) {
    const result = await api.auth.staff(authCode);
    auth.setSession(result);
    return result.user;
  }

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

  async function asDemoAccount(account: string) {
    if (busy.value) return null;
    busy.value = account;
    try {
      const { authCode } = await api.mockIdp.ticket(account);
      if (!authCode) throw new ApiFailure('该账号不是工作人员账号', 400, 'invalid_input');
      return await withAuthCode(authCode);
    } finally {
      busy.value = null;
    }
  }

  async function withPassword(username: string, password: string) {
    busy.value = 'password';
    try {
      const result = await api.auth.password(username, password);
      auth.setSession(result);
      return result.user;
    } finally {
      busy.value = null;
    }
  }

  return { withAuthCode, withDingTalk, asDemoAccount, withPassword, busy };
}

/** The stand-in provider's staff accounts (demo mode); `demo` false when it is absent. */
export function useDemoAccounts() {
  const accounts = ref<MockAccount[]>([]);
  const demo = ref<boolean | null>(null);
  const loading = ref(false);

  async function load() {
    loading.value = true;
    try {
      const staff: readonly string[] = STAFF_ROLES;
      accounts.value = (await quietApi.mockIdp.accounts()).filter((a) => staff.includes(a.role));
      demo.value = true;
    } catch (err) {
      demo.value = err instanceof ApiFailure && err.status === 404 ? false : null;
    } finally {
      loading.value = false;
    }
  }

  return { accounts, demo, loading, load };
}
