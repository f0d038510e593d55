/** A key's count in its current window. */
export interface CountWindow {
  count: number;
  resetAt: number;
}

/** Past this many keys, windows that have ended are swept out before a new key is added. */
const SWEEP_ABOVE = 50_000;

/**
 * Counts per key in fixed windows on the app's clock: what every request limit counts with
 * (rateLimit, PasswordGuard). With `maxKeys`, when full even running windows are dropped, those
 * ending soonest first (they hold the least); without it, only ended ones are.
 */
export class FixedWindows<W extends CountWindow = CountWindow> {
  private readonly windows = new Map<string, W>();
  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = Number.POSITIVE_INFINITY,
  ) {}

  /** The key's window if it is still running. */
  get(key: string, now: number): W | undefined {
    const w = this.windows.get(key);
    return w && w.resetAt > now ? w : undefined;
  }

  /** Counts one for the key, in a new window if its last one has ended. */
  add(key: string, now: number): W {
    let w = this.get(key, now);
    if (!w) {
      this.windows.delete(key); // re-inserted last, so the map stays in the order windows end
      if (this.windows.size >= this.maxKeys || this.windows.size > SWEEP_ABOVE) this.makeRoom(now);
      w = { count: 0, resetAt: now + this.windowMs } as W;
      this.windows.set(key, w);
    }
    w.count++;
    return w;
  }

  reset(key: string) {
    this.windows.delete(key);
  }

  private makeRoom(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}
