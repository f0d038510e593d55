import type { Db } from './open.js';

interface Pending {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while the event loop is busy are run together in one
 * transaction, each in its own savepoint (a failing one rolls back alone), and every caller
 * is answered only after the COMMIT — with synchronous=FULL, after the fsync that covers its
 * write. Under load one fsync serves many requests; alone, a write commits on the next tick.
 */
export function groupCommitter(db: Db) {
  let queue: Pending[] = [];
  let scheduled = false;
  const observers: ((size: number, seconds: number) => void)[] = [];

  function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    const started = performance.now();
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      db.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: db.transaction(item.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    const seconds = (performance.now() - started) / 1000;
    for (const observe of observers) observe(batch.length, seconds);
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  return {
    /** Called after each group's COMMIT with how many writes it held and how long it took (the metrics). */
    observe(listener: (size: number, seconds: number) => void) {
      observers.push(listener);
    },
    /** Writes waiting for the next group (graceful shutdown waits for none to be left). */
    get pending() {
      return queue.length;
    },
    /** Runs `work` (synchronous, database only) in the next group transaction. */
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
export type GroupCommitter = ReturnType<typeof groupCommitter>;
