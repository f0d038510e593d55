import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './auth.js';
import { ApiError } from '../errors.js';
import { FixedWindows } from './fixed-windows.js';

/** Requests allowed per window; 0 turns a limit off (e.g. for a load benchmark on loopback). */
export interface RateLimits {
  submitPerUserPerHour: number;
  submitPerIpPerMinute: number;
  /** Citizens' ticket and staff's auth-code exchanges (/auth/citizen, /auth/staff) per client address. */
  signInPerIpPerMinute: number;
  /** Wrong passwords for one username per 15 minutes, after which it is locked for the rest of them. */
  passwordFailuresPerAccount: number;
  /** Wrong passwords from one client address per 15 minutes (successful sign-ins do not count). */
  passwordFailuresPerIp: number;
  uploadPerUserPerMinute: number;
  /** Lifecycle steps (supplement, urge, …) by one user on one case: each may notify someone. */
  transitionPerUserCasePerMinute: number;
  /** Lifecycle steps by one user over all cases. */
  transitionPerUserPerMinute: number;
  /** The similar-cases hint a citizen asks while writing (one ask per pause in typing). */
  similarPerUserPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  submitPerUserPerHour: 20,
  submitPerIpPerMinute: 120,
  signInPerIpPerMinute: 30,
  passwordFailuresPerAccount: 10,
  passwordFailuresPerIp: 30,
  uploadPerUserPerMinute: 60,
  transitionPerUserCasePerMinute: 10,
  transitionPerUserPerMinute: 60,
  similarPerUserPerMinute: 30,
};

/**
 * 429 with Retry-After once `keyOf` has made `limit` requests in the window. Counted before
 * the request runs, so a refused request changes nothing.
 */
export function rateLimit(limit: number, windowMs: number, keyOf: (c: Context<AppEnv>) => string | null): MiddlewareHandler<AppEnv> {
  const windows = new FixedWindows(windowMs);
  return async (c, next) => {
    const key = limit > 0 ? keyOf(c) : null;
    if (key !== null) {
      const now = c.get('deps').clock.now().getTime();
      const w = windows.add(key, now);
      if (w.count > limit) {
        const retryAfter = Math.max(1, Math.ceil((w.resetAt - now) / 1000));
        throw new ApiError('rate_limited', `操作太频繁，请 ${retryAfter} 秒后再试`, undefined, { 'Retry-After': String(retryAfter) });
      }
    }
    await next();
  };
}
