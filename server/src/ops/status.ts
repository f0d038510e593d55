/** A backup that was taken and checked (backups.ts). */
export interface BackupRecord {
  file: string;
  at: Date;
  bytes: number;
  /** Cases in it, as its check counted them (unknown for one found on disk at start). */
  cases?: number;
  seconds: number;
}

/**
 * What the running process knows about itself that the database does not: whether it is stopping,
 * when the scheduler last ran, how the last backup went. Written by the workers and the shutdown,
 * read by readiness and the metrics.
 */
export class RuntimeStatus {
  readonly startedAt: Date;
  /** Set once a stop signal came: readiness fails from then on. */
  draining = false;
  schedulerEnabled: boolean;
  lastTick: Date | null = null;
  /** How much later than planned the last tick ran (a busy event loop shows here first). */
  lastTickLagSeconds = 0;
  backupIntervalMinutes: number;
  lastBackup: BackupRecord | null = null;
  lastBackupFailure: { at: Date; message: string } | null = null;

  constructor(options: { now: Date; schedulerEnabled: boolean; backupIntervalMinutes: number }) {
    this.startedAt = options.now;
    this.schedulerEnabled = options.schedulerEnabled;
    this.backupIntervalMinutes = options.backupIntervalMinutes;
  }
}
