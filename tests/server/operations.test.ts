import axios from 'axios';
import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeStatus } from '../../server/src/ops/status.js';
import { capturedLogger } from '../helpers/log-capture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = (url: string, headers: Record<string, string> = {}) => axios.get(url, { headers, validateStatus: () => true });

describe('operations: health', () => {
  it('should answer liveness and readiness as application/health+json, and fail readiness when the database stops taking writes', async () => {
    const status = new RuntimeStatus({ now: new Date('2026-03-02T02:00:00Z'), schedulerEnabled: true, backupIntervalMinutes: 1440 });
    server = await startTestServer({ ops: { status } });
    status.lastTick = server.clock.now();

    const live = await get(`${server.baseUrl}/api/health/live`);
    expect(live.status).toBe(200);
    expect(live.headers['content-type']).toBe('application/health+json');
    expect(live.data).toMatchObject({ status: 'pass', releaseId: 'test' });

    const ready = await get(`${server.baseUrl}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.headers['content-type']).toBe('application/health+json');
    expect(ready.headers['cache-control']).toBe('no-store');
    expect(ready.data.status).toBe('pass');
    for (const check of [
      'process:accepting',
      'sqlite:writable',
      'sqlite:migrations',
      'scheduler:lastTick',
      'outbox:backlog',
      'backup:last',
    ]) {
      expect(ready.data.checks[check][0].status, check).toBe('pass');
    }

    // the file went read-only (a full or remounted disk does the same): no more traffic, but still alive
    server.db.pragma('query_only = 1');
    const readOnly = await get(`${server.baseUrl}/api/health/ready`);
    expect(readOnly.status).toBe(503);
    expect(readOnly.data.status).toBe('fail');
    expect(readOnly.data.checks['sqlite:writable'][0]).toMatchObject({ status: 'fail' });
    expect(readOnly.data.checks['sqlite:writable'][0].output).toContain('SQLITE_READONLY');
    expect((await get(`${server.baseUrl}/api/health/live`)).status).toBe(200);
    server.db.pragma('query_only = 0');
    expect((await get(`${server.baseUrl}/api/health/ready`)).status).toBe(200);
    // the old route is kept as it was
    expect((await get(`${server.baseUrl}/api/health`)).data).toEqual({ ok: true, version: 'test' });
  });

  it('should fail readiness when the scheduler has not ticked for two minutes or the server is stopping, and warn on an outbox backlog', async () => {
    const status = new RuntimeStatus({ now: new Date('2026-03-02T02:00:00Z'), schedulerEnabled: true, backupIntervalMinutes: 1440 });
    server = await startTestServer({ ops: { status, outboxBacklogWarn: 1 } });
    const ready = async () => (await get(`${server!.baseUrl}/api/health/ready`)).data;

    status.lastTick = server.clock.now();
    server.clock.advanceHours(1 / 60); // a minute: still fine
    expect((await ready()).checks['scheduler:lastTick'][0]).toMatchObject({ status: 'pass', observedValue: 60 });
    server.clock.advanceHours(2 / 60);
    const stale = await ready();
    expect(stale.status).toBe('fail');
    expect(stale.checks['scheduler:lastTick'][0]).toMatchObject({ status: 'fail', observedValue: 180 });
    status.lastTick = server.clock.now();

    // one case submitted tells its deputy: one notice waits in the outbox
    const citizen = await server.as('zlb-zhang');
    await citizen.cases.create({ deputyCode: 'D001', body: '当湖街道金桂苑小区3幢门口路灯坏了一个多月了。' }, 'ops-backlog-0001');
    const backlog = await ready();
    expect(backlog.status).toBe('warn');
    expect(backlog.checks['outbox:backlog'][0].status).toBe('warn');
    expect(backlog.checks['outbox:backlog'][0].observedValue).toBeGreaterThanOrEqual(1);

    status.draining = true;
    const res = await get(`${server.baseUrl}/api/health/ready`);
    expect(res.status).toBe(503);
    expect(res.data.checks['process:accepting'][0].status).toBe('fail');
  });
});

describe('operations: metrics', () => {
  it('should serve /metrics only with the bearer token or from an allowed address, with the named series', async () => {
    server = await startTestServer({ ops: { metricsAccess: { token: METRICS_TOKEN, allow: [] } } });
    const citizen = await server.as('zlb-zhang');
    const created = await citizen.cases.create(
      { deputyCode: 'D001', body: '当湖街道金桂苑小区3幢门口路灯坏了一个多月了。' },
      'ops-metrics-0001',
    );
    await citizen.cases.get(created.id);

    const url = `${server.baseUrl}/metrics`;
    expect((await get(url)).status).toBe(404);
    expect((await get(url, { Authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(404);
    const res = await get(url, { Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.data as string;
    for (const series of [
      'process_cpu_seconds_total',
      'nodejs_eventloop_lag_seconds',
      'http_request_duration_seconds_bucket',
      'minqing_group_commit_batch_size_bucket',
      'minqing_group_commit_duration_seconds_bucket',
      'minqing_scheduler_seconds_since_tick',
      'minqing_scheduler_tick_lag_seconds',
      'minqing_outbox_backlog',
      'minqing_outbox_deliveries_total',
      'minqing_cases',
      'minqing_rate_limit_refusals_total',
      'minqing_backup_last_success_timestamp_seconds',
    ]) {
      expect(text, series).toContain(`# TYPE ${series.replace(/_bucket$/, '')} `);
    }
    // by route pattern, never by the id in the path
    expect(text).toContain('http_request_duration_seconds_count{method="GET",route="/api/cases/:id",status_class="2xx"} 1');
    expect(text).not.toContain(created.id);
    expect(text).toMatch(/minqing_cases\{status="submitted"\} 1\n/);
    expect(text).toMatch(/minqing_group_commit_batch_size_count [1-9]/);
  });

  it('should let an allowed address read /metrics without the token, and count refusals by the abuse limits', async () => {
    server = await startTestServer({
      rateLimits: { similarPerUserPerMinute: 1 },
      ops: { metricsAccess: { allow: ['127.0.0.0/8'] } },
    });
    const citizen = await server.as('zlb-zhang');
    const ask = () =>
      citizen.http.post('/api/cases/similar', { deputyCode: 'D001', text: '金桂苑小区路灯坏了很久了' }, { validateStatus: () => true });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(429);
    const text = (await get(`${server.baseUrl}/metrics`)).data as string;
    expect(text).toContain('minqing_rate_limit_refusals_total{route="/api/cases/similar"} 1');
  });
});

describe('operations: logs', () => {
  it('should log one JSON line per request with its id, route and user, return X-Request-Id, and redact numbers and secrets', async () => {
    const log = capturedLogger();
    server = await startTestServer({ ops: { logger: log.logger } });
    const citizen = await server.as('zlb-zhang');
    const sent = await citizen.http.get('/api/cases', { headers: { 'X-Request-Id': 'proxy-req-42' } });
    expect(sent.headers['x-request-id']).toBe('proxy-req-42');
    const made = await citizen.http.get('/api/me');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // an id that is not a plain token is replaced, not echoed into logs and headers
    const odd = await citizen.http.get('/api/me', { headers: { 'X-Request-Id': 'a b\u0000c' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const line = log.lines.find((l) => l.reqId === 'proxy-req-42' && l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', route: '/api/cases', status: 200, userId: citizen.userId });
    expect(typeof line!.ms).toBe('number');
    expect(typeof line!.time).toBe('string');

    // what a careless log call could leak is taken out by key and by pattern
    const probe = log.logger.child({ reqId: 'probe' });
    probe.info(
      { phone: '13812345678', ticket: 'T-123', password: 'hunter2', nested: { token: 'abc' } },
      '来电 13912345678，身份证 330482199001011234',
    );
    probe.error({ err: new Error('idp said: ticket=ZLB-TICKET-1 for 13700001111 with Bearer eyJabc.def') }, 'failed');
    const raw = log.raw();
    for (const secret of [
      '13812345678',
      '13912345678',
      '330482199001011234',
      'T-123',
      'hunter2',
      '"abc"',
      'ZLB-TICKET-1',
      '13700001111',
      'eyJabc.def',
    ]) {
      expect(raw, secret).not.toContain(secret);
    }
    expect(raw).toContain('139****5678');
    expect(raw).toContain('330482********1234');
    const errLine = log.lines.find((l) => l.msg === 'failed')!;
    expect((errLine.err as { stack: string }).stack).toContain('operations.test.ts');
  });
});
