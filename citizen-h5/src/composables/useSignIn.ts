import { ref } from 'vue';
import type { MockAccount } from '@minqing/shared';
import { api, quietApi, ApiFailure } from '../api';
import { useAuthStore } from '../stores/auth';

/**
 * Sign-in: a super-app ticket (from the URL, or from the stand-in provider in demo mode)
 * exchanged by the server for our token.
 */
export function useSignIn() {
  const auth = useAuthStore();
  const busyAccount = ref<string | null>(null);

  async function withTicket(ticket: string) {
    const result = await api.auth.citizen(ticket);
    auth.setSession(result);
    return result.user;
  }

  /** Demo mode only: the stand-in provider issues a one-time ticket for a demo account. */
  async function asDemoAccount(account: string) {
    if (busyAccount.value) return null;
    busyAccount.value = account;
    try {
      const { ticket } = await api.mockIdp.ticket(account);
      if (!ticket) throw new ApiFailure('该账号不是群众账号', 400, 'invalid_input');
      return await withTicket(ticket);
    } finally {
      busyAccount.value = null;
    }
  }

  return { withTicket, asDemoAccount, busyAccount };
}

/**
 * The stand-in provider's citizen accounts. `demo` is false when the provider is not there
 * (production: sign-in happens in the super-app), null while unknown.
 */
export function useDemoAccounts() {
  const accounts = ref<MockAccount[]>([]);
  const demo = ref<boolean | null>(null);
  const loading = ref(false);
  const failed = ref(false);

  async function load() {
    loading.value = true;
    failed.value = false;
    try {
      accounts.value = (await quietApi.mockIdp.accounts()).filter((a) => a.role === 'citizen');
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
