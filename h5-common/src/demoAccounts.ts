import { ref, type Ref } from 'vue';
import type { MockAccount } from '@minqing/shared';
import { ApiFailure } from './api/errors';
import { useLoad } from './useLoad';

/**
 * The stand-in identity provider's accounts that sign in to this app (demo mode). `demo` is
 * false when the provider is not there (production: sign-in happens in 浙里办 or 浙政钉), null
 * while unknown; `failed` when it could not be asked.
 */
export function useDemoAccounts(fetch: () => Promise<MockAccount[]>, keep: (account: MockAccount) => boolean) {
  const accounts = ref<MockAccount[]>([]);
  const demo = ref<boolean | null>(null);
  const { loading, failed, load } = useLoad(
    async () => {
      try {
        accounts.value = (await fetch()).filter(keep);
        demo.value = true;
      } catch (err) {
        // no provider is an answer (production), not a failure
        if (err instanceof ApiFailure && err.status === 404) demo.value = false;
        else throw err;
      }
    },
    { immediate: false },
  );

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
