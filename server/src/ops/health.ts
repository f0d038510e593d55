import { statfsSync } from 'node:fs';
import { MIGRATIONS } from '../db/migrations/index.js';
import type { Deps } from '../deps.js';
import type { RuntimeStatus } from './status.js';

/** The IETF health-check draft (draft-inadarei-api-health-check): pass, warn (still ready) or fail. */
export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface HealthCheck {
  status: HealthStatus;
  componentType?: string;
  observedValue?: number | string;
  observedUnit?: string;
  time?: string;
  output?: string;
}

export interface HealthReport {
  status: HealthStatus;
  version: string;
  releaseId: string;
  serviceId: string;
  description: string;
  checks?: Record<string, HealthCheck[]>;
}

export const HEALTH_CONTENT_TYPE = 'application/health+json';
/** Two missed scheduler ticks (one a minute) and the instance is no longer ready. */
const SCHEDULER_STALE_SECONDS = 120;
/** Below this the database cannot grow through a busy day and its backups. */
const LOW_DISK_BYTES = 1024 ** 3;

export interface ReadinessSettings {
  releaseId: string;
  outboxBacklogWarn: number;
  /** The folder the database lives in (free space); none for an in-memory database. */
  dataDir?: string;
}

const worst = (statuses: HealthStatus[]): HealthStatus =>
  statuses.includes('fail') ? 'fail' : statuses.includes('warn') ? 'warn' : 'pass';

/** The process answers: nothing else is asked (the database may be busy or gone). */
export function liveness(releaseId: string): HealthReport {
  return { status: 'pass', version: '1', releaseId, serviceId: 'minqingtong', description: '民情通' };
}

/**
 * Whether this instance should be sent traffic: the database answers and takes writes at the
 * schema this code expects, the scheduler is ticking, the outbox is draining, and it is not
 * stopping. Backups and disk space warn (the service still works) rather than fail.
 */
export function readiness(deps: Deps, status: RuntimeStatus, settings: ReadinessSettings): HealthReport {
  const now = deps.clock.now();
  const time = now.toISOString();
  const checks: Record<string, HealthCheck[]> = {
    'process:accepting': [
      status.draining
        ? { status: 'fail', time, output: '正在停止，不再接收新请求 (shutting down)' }
        : { status: 'pass', time, observedValue: Math.round((now.getTime() - status.startedAt.getTime()) / 1000), observedUnit: 's' },
    ],
    'sqlite:writable': [probe(() => deps.health.probeWrite(), time)],
    'sqlite:migrations': [migrationsCheck(deps, time)],
    'scheduler:lastTick': [schedulerCheck(status, now)],
    'outbox:backlog': [outboxCheck(deps, settings.outboxBacklogWarn, time)],
    'backup:last': [backupCheck(status, now)],
  };
  if (settings.dataDir) checks['disk:free'] = [diskCheck(settings.dataDir, time)];
  return {
    ...liveness(settings.releaseId),
    status: worst(Object.values(checks).flatMap((list) => list.map((c) => c.status))),
    checks,
  };
}

function probe(fn: () => void, time: string): HealthCheck {
  try {
    fn();
    return { status: 'pass', componentType: 'datastore', time };
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    return {
      status: 'fail',
      componentType: 'datastore',
      time,
      output: `数据库不可写 (not writable): ${code} ${(err as Error).message}`.trim(),
    };
  }
}

function migrationsCheck(deps: Deps, time: string): HealthCheck {
  try {
    const version = deps.health.schemaVersion();
    return version === MIGRATIONS.length
      ? { status: 'pass', componentType: 'datastore', observedValue: version, time }
      : {
          status: 'fail',
          componentType: 'datastore',
          observedValue: version,
          time,
          output: `数据库版本 ${version}，程序需要 ${MIGRATIONS.length}`,
        };
  } catch (err) {
    return { status: 'fail', componentType: 'datastore', time, output: (err as Error).message };
  }
}

function schedulerCheck(status: RuntimeStatus, now: Date): HealthCheck {
  if (!status.schedulerEnabled) {
    return { status: 'warn', componentType: 'component', output: '定时任务已关闭（SCHEDULER=0）：超期提醒和自动办结不会发生' };
  }
  const since = status.lastTick ?? status.startedAt;
  const seconds = Math.round((now.getTime() - since.getTime()) / 1000);
  const check: HealthCheck = {
    status: 'pass',
    componentType: 'component',
    observedValue: seconds,
    observedUnit: 's',
    time: since.toISOString(),
  };
  return seconds > SCHEDULER_STALE_SECONDS ? { ...check, status: 'fail', output: `定时任务 ${seconds} 秒未运行` } : check;
}

function outboxCheck(deps: Deps, warnAt: number, time: string): HealthCheck {
  const waiting = deps.health.outboxBacklog().reduce((sum, row) => sum + row.waiting, 0);
  const check: HealthCheck = { status: 'pass', componentType: 'component', observedValue: waiting, observedUnit: 'notifications', time };
  return waiting >= warnAt ? { ...check, status: 'warn', output: `待发送通知积压 ${waiting} 条` } : check;
}

function backupCheck(status: RuntimeStatus, now: Date): HealthCheck {
  const interval = status.backupIntervalMinutes;
  if (interval === 0) return { status: 'warn', componentType: 'component', output: '定时备份已关闭（BACKUP_INTERVAL_MINUTES=0）' };
  const last = status.lastBackup;
  const failure = status.lastBackupFailure;
  if (failure && (!last || failure.at > last.at)) {
    return { status: 'warn', componentType: 'component', time: failure.at.toISOString(), output: `最近一次备份失败：${failure.message}` };
  }
  // two intervals, counted from the start when there is no backup yet: one missed run is not yet a warning
  const since = last?.at ?? status.startedAt;
  if (now.getTime() - since.getTime() > 2 * interval * 60_000) {
    return { status: 'warn', componentType: 'component', time: since.toISOString(), output: last ? '备份已过期' : '尚无备份' };
  }
  return last
    ? { status: 'pass', componentType: 'component', time: last.at.toISOString(), observedValue: last.bytes, observedUnit: 'bytes' }
    : { status: 'pass', componentType: 'component', output: '首次备份尚未到时间' };
}

function diskCheck(dir: string, time: string): HealthCheck {
  try {
    const fs = statfsSync(dir);
    const free = fs.bavail * fs.bsize;
    const check: HealthCheck = { status: 'pass', componentType: 'system', observedValue: free, observedUnit: 'bytes', time };
    return free < LOW_DISK_BYTES ? { ...check, status: 'warn', output: '磁盘剩余空间不足 1 GB' } : check;
  } catch (err) {
    return { status: 'warn', componentType: 'system', time, output: (err as Error).message };
  }
}
