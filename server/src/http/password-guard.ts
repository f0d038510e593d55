import { ApiError } from '../errors.js';
import { FixedWindows, type CountWindow } from './fixed-windows.js';

/** The window failed password sign-ins are counted in, per account and per client address. */
export const PASSWORD_WINDOW_MS = 15 * 60_000;

/** An account's window also keeps the client addresses of its failures, for 操作日志. */
type FailureWindow = CountWindow & { ips?: Set<string> };

export interface PasswordLimits {
  /** Failed sign-ins of one username (existing or not) per window, after which it is locked for the rest of it; 0: off. */
  perAccount: number;
  /** Failed sign-ins from one client address per window, after which it may not try for the rest of it; 0: off. */
  perIp: number;
}

/**
 * Failed password sign-ins, counted per username and per client address, in this process's
 * memory on the app's clock (a restart or a second process starts from zero). Only failures
 * count, so a busy office behind one address is never refused for signing in. Names that
 * belong to no account are counted and locked exactly like real ones (the answer must not tell
 * which exist), but kept in a map of bounded size; existing accounts are as many as there are.
 */
export class PasswordGuard {
  private readonly accounts: FixedWindows<FailureWindow>;
  private readonly unknownNames: FixedWindows<FailureWindow>;
  private readonly ips: FixedWindows;

  constructor(
    private readonly limits: PasswordLimits,
    windowMs = PASSWORD_WINDOW_MS,
    maxKeys = 50_000,
  ) {
    this.accounts = new FixedWindows(windowMs);
    this.unknownNames = new FixedWindows(windowMs, maxKeys);
    this.ips = new FixedWindows(windowMs, maxKeys);
  }

  private names(known: boolean) {
    return known ? this.accounts : this.unknownNames;
  }

  /** Throws 429 with Retry-After when this address or this username may not try now. */
  check(ip: string, username: string, known: boolean, now: number) {
    const byIp = this.limits.perIp > 0 ? this.ips.get(ip, now) : undefined;
    if (byIp && byIp.count >= this.limits.perIp) throw refused(byIp.resetAt - now, '登录失败次数过多');
    const byName = this.limits.perAccount > 0 ? this.names(known).get(username, now) : undefined;
    if (byName && byName.count >= this.limits.perAccount) throw refused(byName.resetAt - now, '该账号密码错误次数过多，已暂时锁定');
  }

  /**
   * Counts a failure; when it is the one that locks an existing account, returns what 操作日志
   * records of the lockout (once per lockout, not per refused attempt).
   */
  failed(ip: string, username: string, known: boolean, now: number): { failures: number; ips: string[]; lockedUntil: string } | null {
    if (this.limits.perIp > 0) this.ips.add(ip, now);
    if (this.limits.perAccount <= 0) return null;
    const w = this.names(known).add(username, now);
    if (!known) return null;
    (w.ips ??= new Set()).add(ip);
    if (w.count !== this.limits.perAccount) return null;
    return { failures: w.count, ips: [...w.ips], lockedUntil: new Date(w.resetAt).toISOString() };
  }

  /** A right password clears the account's own count (not its address's: that counts failures only). */
  succeeded(username: string) {
    this.accounts.reset(username);
  }
}

function refused(ms: number, reason: string): ApiError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new ApiError('rate_limited', `${reason}，请 ${minutes} 分钟后再试`, undefined, { 'Retry-After': String(seconds) });
}
