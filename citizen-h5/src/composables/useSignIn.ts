import { ref } from 'vue';
import { demoSignIn, useDemoAccounts as useDemoAccountsOf } from '@minqing/h5-common/demoAccounts';
import { api, quietApi, ApiFailure } from '../api';
import { useAuthStore } from '../stores/auth';

/**
 * Sign-in: a super-app ticket (from the URL, or from the stand-in provider in demo mode)
 * exchanged by the server for our token.
 */
export function useSignIn() {
  const auth = useAuthStore();
  const busyAccount = ref<string | null>(null);

  const withTicket = (ticket: string) => auth.signIn(api.auth.citizen(ticket));

  /** Demo mode only: the stand-in provider issues a one-time ticket for a demo account. */
  const asDemoAccount = demoSignIn(busyAccount, async (account) => {
    const { ticket } = await api.mockIdp.ticket(account);
    if (!ticket) throw new ApiFailure('该账号不是群众账号', 400, 'invalid_input');
    return withTicket(ticket);
  });

  return { withTicket, asDemoAccount, busyAccount };
}

/** The stand-in provider's citizen accounts (demo mode). */
export const useDemoAccounts = () =>
  useDemoAccountsOf(
    () => quietApi.mockIdp.accounts(),
    (a) => a.role === 'citizen',
  );
