import { Hono } from 'hono';
import type { AppEnv } from '../http/auth.js';
import { HEALTH_CONTENT_TYPE, liveness, readiness, type HealthReport, type ReadinessSettings } from '../ops/health.js';
import type { RuntimeStatus } from '../ops/status.js';

const answer = (report: HealthReport, httpStatus: 200 | 503) =>
  new Response(JSON.stringify(report), {
    status: httpStatus,
    headers: { 'Content-Type': HEALTH_CONTENT_TYPE, 'Cache-Control': 'no-store' },
  });

/**
 * GET /api/health (kept as it was: the database answers), /api/health/live (the process answers;
 * the container's HEALTHCHECK) and /api/health/ready (whether to send it traffic: 503 on fail).
 */
export function healthRoutes(status: RuntimeStatus, settings: ReadinessSettings) {
  return new Hono<AppEnv>()
    .get('/', (c) => {
      c.get('deps').health.ping();
      return c.json({ ok: true as const, version: settings.releaseId }, 200);
    })
    .get('/live', () => answer(liveness(settings.releaseId), 200))
    .get('/ready', (c) => {
      const report = readiness(c.get('deps'), status, settings);
      return answer(report, report.status === 'fail' ? 503 : 200);
    });
}
