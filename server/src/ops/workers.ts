import type { Logger } from 'pino';
import type { Deps } from '../deps.js';
import { deliverOutbox } from '../domain/outbox.js';
import { schedulerTick } from '../domain/scheduler.js';
import type { IdentityProvider } from '../idp/client.js';
import { listBackups, takeScheduledBackup } from './backups.js';
import type { Metrics } from './metrics.js';
import type { RuntimeStatus } from './status.js';

const TICK_MS = 60_000;
const OUTBOX_MS = 2_000;
/** A backup that is due at start waits this long, so a restart does not begin with a full copy. */
const BACKUP_AFTER_START_MS = 60_000;

export interface WorkerSettings {
  scheduler: boolean;
  /** `firstDelayMs`: how long a backup that is already due waits after the start (a minute unless given). */
  backups: { dir: string; intervalMinutes: number; keep: number; firstDelayMs?: number } | null;
}

/**
 * The server's background work: the scheduler (deadlines, reminders, auto-close) every minute, the
 * outbox every two seconds, one pass at a time, and the scheduled backups. `stop` ends them between
 * runs: it waits for a delivery pass or backup under way, never cuts one off.
 */
export function startWorkers(
  deps: Deps,
  idp: IdentityProvider,
  status: RuntimeStatus,
  metrics: Metrics,
  log: Logger,
  settings: WorkerSettings,
) {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };
  const track = <T>(p: Promise<T>) => {
    running.add(p);
    void p.finally(() => running.delete(p)).catch(() => undefined);
    return p;
  };

  if (settings.scheduler) {
    // planned times, not "a minute after the last one": lateness shows as lag instead of drifting away
    let planned = Date.now();
    const tick = () => {
      status.lastTickLagSeconds = Math.max(0, (Date.now() - planned) / 1000);
      const started = performance.now();
      try {
        const done = schedulerTick(deps);
        if (done.warned || done.overdue || done.autoClosed || done.uploadsDeleted) log.info({ ...done }, 'scheduler tick');
      } catch (err) {
        log.error({ err }, 'scheduler tick failed');
      }
      metrics.observeTick((performance.now() - started) / 1000);
      status.lastTick = deps.clock.now();
      planned += TICK_MS;
      later(Math.max(0, planned - Date.now()), tick);
    };
    later(0, tick);
  }

  const deliver = () => {
    void track(
      deliverOutbox(deps, idp, 50, metrics.observeDelivery)
        .then((r) => r.failed && log.warn({ ...r }, 'outbox: some deliveries failed, will retry'))
        .catch((err) => log.error({ err }, 'outbox pass failed'))
        .finally(() => later(OUTBOX_MS, deliver)),
    );
  };
  later(OUTBOX_MS, deliver);

  const backups = settings.backups;
  if (backups && backups.intervalMinutes > 0) {
    const intervalMs = backups.intervalMinutes * 60_000;
    const newest = listBackups(backups.dir).at(-1);
    if (newest) status.lastBackup = { ...newest, seconds: 0 };
    const backup = () => {
      const at = deps.clock.now();
      void track(
        takeScheduledBackup(deps.db, backups.dir, backups.keep, at)
          .then((record) => {
            status.lastBackup = record;
            log.info({ file: record.file, bytes: record.bytes, cases: record.cases, seconds: record.seconds }, 'backup taken and checked');
          })
          .catch((err) => {
            status.lastBackupFailure = { at, message: (err as Error).message };
            metrics.observeBackupFailure();
            log.error({ err }, 'backup failed');
          })
          .finally(() => later(intervalMs, backup)),
      );
    };
    const due = newest ? newest.at.getTime() + intervalMs - Date.now() : 0;
    later(Math.max(backups.firstDelayMs ?? BACKUP_AFTER_START_MS, due), backup);
  }

  return {
    /** Stops between runs; resolves once the pass or backup under way (if any) has finished. */
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
