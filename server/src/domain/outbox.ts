import type { Deps } from '../deps.js';
import type { IdentityProvider } from '../idp/client.js';

const MAX_BACKOFF_MS = 3_600_000;

/**
 * Delivers queued notifications: staff work notices to the workplace app, citizen messages to
 * the super-app. A failure is retried with exponential backoff (capped at an hour), never
 * dropped. Each message carries its outbox key, so a resend after a crash between sending and
 * marking it sent is recognised as the same message by the receiver.
 */
export async function deliverOutbox(
  deps: Deps,
  idp: IdentityProvider,
  limit = 50,
  /** Told of every attempt (the metrics count deliveries by channel and outcome). */
  onAttempt?: (channel: 'ding' | 'zlb', delivered: boolean) => void,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  const due = deps.notifications.due(deps.clock.now().toISOString(), limit);
  for (const n of due) {
    const user = deps.users.get(n.recipient_user_id);
    // a coalesced notice is a new message each time more is folded into it (notify.ts)
    const msgKey = n.repeats > 1 ? `${n.dedupe_key}#${n.repeats}` : n.dedupe_key;
    try {
      if (user?.idp_user_id) {
        if (n.channel === 'ding') await idp.sendWorkNotice(user.idp_user_id, n.title, n.body, msgKey);
        else await idp.sendCitizenMessage(user.idp_user_id, n.title, n.body, msgKey);
      }
      // users without a provider account (password-only) read it in the app's inbox
      deps.notifications.markSent(n.id, deps.clock.now().toISOString(), n.repeats);
      result.sent++;
      onAttempt?.(n.channel, true);
    } catch (err) {
      const backoff = Math.min(MAX_BACKOFF_MS, 15_000 * 2 ** n.attempts);
      const next = new Date(deps.clock.now().getTime() + backoff).toISOString();
      deps.notifications.markRetry(n.id, next, err instanceof Error ? err.message.slice(0, 300) : String(err), false);
      result.failed++;
      onAttempt?.(n.channel, false);
    }
  }
  return result;
}
