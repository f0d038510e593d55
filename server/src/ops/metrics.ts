import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CASE_STATUSES } from '@minqing/shared';
import type { Deps } from '../deps.js';
import type { RequestRecord } from '../http/request-log.js';
import type { RuntimeStatus } from './status.js';

/**
 * The Prometheus series of one server (GET /metrics): Node's own (prom-client's defaults), the
 * HTTP answers by route pattern, the group commit, the scheduler, the outbox, cases by status,
 * refusals by the abuse limits and the backups. Figures the database holds are read at scrape time.
 */
export function createMetrics(deps: Deps, status: RuntimeStatus) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const refusals = new Counter({
    name: 'minqing_rate_limit_refusals_total',
    help: 'Requests refused with 429 by the abuse limits, by route pattern',
    labelNames: ['route'] as const,
    registers,
  });
  const batchSize = new Histogram({
    name: 'minqing_group_commit_batch_size',
    help: 'Writes committed together in one transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers,
  });
  const commitSeconds = new Histogram({
    name: 'minqing_group_commit_duration_seconds',
    help: 'Time to run and commit (fsync) one group of writes',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
    registers,
  });
  deps.writes.observe((size, seconds) => {
    batchSize.observe(size);
    commitSeconds.observe(seconds);
  });
  new Gauge({
    name: 'minqing_scheduler_seconds_since_tick',
    help: 'Seconds since the scheduler last ran (it runs every minute); since the start before its first run',
    registers,
    collect() {
      this.set((deps.clock.now().getTime() - (status.lastTick ?? status.startedAt).getTime()) / 1000);
    },
  });
  new Gauge({
    name: 'minqing_scheduler_tick_lag_seconds',
    help: 'How much later than planned the last scheduler tick ran',
    registers,
    collect() {
      this.set(status.lastTickLagSeconds);
    },
  });
  const tickSeconds = new Histogram({
    name: 'minqing_scheduler_tick_duration_seconds',
    help: 'Time one scheduler tick took (deadlines, reminders, auto-close, unused uploads)',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers,
  });
  // one read of the queue per series per scrape, each channel reported even when empty
  const outboxGauge = (name: string, help: string, pick: 'waiting' | 'retrying') =>
    new Gauge({
      name,
      help,
      labelNames: ['channel'] as const,
      registers,
      collect() {
        for (const channel of ['ding', 'zlb'] as const) this.set({ channel }, 0);
        for (const row of deps.health.outboxBacklog()) this.set({ channel: row.channel }, row[pick]);
      },
    });
  outboxGauge(
    'minqing_outbox_backlog',
    'Notifications waiting to be delivered, by channel (ding: staff work notices, zlb: citizens)',
    'waiting',
  );
  outboxGauge('minqing_outbox_retrying', 'Waiting notifications whose delivery has failed at least once, by channel', 'retrying');
  const deliveries = new Counter({
    name: 'minqing_outbox_deliveries_total',
    help: 'Delivery attempts by channel and result (sent, failed)',
    labelNames: ['channel', 'result'] as const,
    registers,
  });
  new Gauge({
    name: 'minqing_cases',
    help: 'Cases by status',
    labelNames: ['status'] as const,
    registers,
    collect() {
      for (const s of CASE_STATUSES) this.set({ status: s }, 0);
      for (const row of deps.health.casesByStatus()) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'minqing_backup_last_success_timestamp_seconds',
    help: 'When the last checked backup was taken (0: none yet)',
    registers,
    collect() {
      this.set(status.lastBackup ? status.lastBackup.at.getTime() / 1000 : 0);
    },
  });
  new Gauge({
    name: 'minqing_backup_last_size_bytes',
    help: 'Size of the last checked backup',
    registers,
    collect() {
      this.set(status.lastBackup?.bytes ?? 0);
    },
  });
  const backupFailures = new Counter({
    name: 'minqing_backup_failures_total',
    help: 'Backups that failed or did not pass their check',
    registers,
  });
  new Gauge({
    name: 'minqing_ready',
    help: '0 once the server is stopping (readiness fails), 1 otherwise',
    registers,
    collect() {
      this.set(status.draining ? 0 : 1);
    },
  });

  return {
    registry,
    observeRequest(r: RequestRecord) {
      httpDuration.observe({ method: r.method, route: r.route, status_class: `${Math.floor(r.status / 100)}xx` }, r.seconds);
      if (r.status === 429) refusals.inc({ route: r.route });
    },
    observeTick: (seconds: number) => tickSeconds.observe(seconds),
    observeDelivery: (channel: 'ding' | 'zlb', delivered: boolean) => deliveries.inc({ channel, result: delivered ? 'sent' : 'failed' }),
    observeBackupFailure: () => backupFailures.inc(),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
