import { ref, type Ref } from 'vue';
import type { MockAccount } from '@minqing/shared';
import { ApiFailure } from './api/errors';

/**
 * The stand-in identity provider's accounts that sign in to this app (demo mode). `demo` is
 * false when the provider is not there (production: sign-in happens in 浙里办 or 浙政钉), null
 * while unknown; `failed` when it could not be asked.
 */
export function useDemoAccounts(fetch: () => Promise<MockAccount[]>, keep: (account: MockAccount) => boolean) {
  const accounts = ref<MockAccount[]>([]);
  const demo = ref<boolean | null>(null);
  const loading = ref(false);
  const failed = ref(false);

  async function load() {
    loading.value = true;
    failed.value = false;
    try {
      accounts.value = (await fetch()).filter(keep);
      demo.value = true;
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 404) demo.value = false;
      else failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  return { accounts, demo, loading, failed, load };
}

/**
 * Demo mode only: signing in as a demo account, one at a time (a second tap meanwhile does
 * nothing and gives null); `busy` names the account under way, for its row's spinner.
 */
export function demoSignIn<T>(busy: Ref<string | null>, signIn: (account: string) => Promise<T>) {
  return async (account: string): Promise<T | null> => {
    if (busy.value) return null;
    busy.value = account;
    try {
      return await signIn(account);
    } finally {
      busy.value = null;
    }
  };
}
