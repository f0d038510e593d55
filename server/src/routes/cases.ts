import { Hono, type MiddlewareHandler } from 'hono';
import { CASE_ACTIONS, caseListQuerySchema, createCaseSchema, similarQuerySchema, transitionSchema } from '@minqing/shared';
import { caseDetail, createCase, listCases, loadVisible, transition } from '../domain/cases.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { jsonAnswer } from '../http/json-answer.js';
import { ApiError } from '../errors.js';
import { validate } from '../http/validate.js';
import { textFor } from '../domain/present.js';
import { similarOpenCases, suggestionsFor } from '../domain/suggestions.js';

/** `revalidate`: the ETag middleware (etag.ts) for a list or case asked again (pull-to-refresh, going back to it). */
export function caseRoutes(revalidate: MiddlewareHandler<AppEnv>) {
  return new Hono<AppEnv>()
    .post('/', validate('json', createCaseSchema), async (c) => {
      const user = currentUser(c);
      const deps = c.get('deps');
      const input = c.req.valid('json');
      const key = c.req.header('Idempotency-Key');
      const { detail, replayed } = await deps.writes.run(() => createCase(deps, user, input, key));
      const location = `/api/cases/${detail.id}`;
      return jsonAnswer(c, 201, JSON.stringify(detail), replayed ? { location, 'idempotent-replayed': 'true' } : { location });
    })
    .post('/similar', validate('json', similarQuerySchema), (c) => {
      // before submitting: "附近已有类似诉求" — for the citizen writing one (rate limited in app.ts):
      // open cases of the deputy's town whose citizen gave their name, masked titles only
      const user = currentUser(c, ['citizen']);
      const deps = c.get('deps');
      const { deputyCode, text } = c.req.valid('json');
      const deputy = deps.reference.deputy(deputyCode);
      if (!deputy) throw new ApiError('invalid_input', '未找到该代表', 'deputyCode');
      const town = deps.reference.townOf(deputy.region_id)?.id ?? deputy.region_id;
      const items = similarOpenCases(deps, town, text, null, { named: true }).map((r) => ({
        title: textFor(user, r, r.title),
        status: r.status,
        submittedAt: r.submitted_at,
        score: Math.round(r.score * 100) / 100,
      }));
      return c.json({ items }, 200);
    })
    .get('/', revalidate, validate('query', caseListQuerySchema), (c) => {
      const user = currentUser(c);
      return jsonAnswer(c, 200, JSON.stringify(listCases(c.get('deps'), user, c.req.valid('query'))));
    })
    .get('/:id', revalidate, (c) => {
      const user = currentUser(c);
      const deps = c.get('deps');
      return jsonAnswer(c, 200, JSON.stringify(caseDetail(deps, user, loadVisible(deps, user, c.req.param('id')))));
    })
    .post(
      '/:id/transitions',
      async (c, next) => {
        currentUser(c);
        const body = (await c.req.json()) as unknown;
        const action = typeof body === 'object' && body !== null ? (body as { action?: unknown }).action : undefined;
        if (typeof action !== 'string' || !(CASE_ACTIONS as readonly string[]).includes(action)) {
          throw new ApiError('unknown_action', `不支持的操作：${typeof action === 'string' ? action.slice(0, 40) : '未填写'}`, 'action');
        }
        await next();
      },
      validate('json', transitionSchema),
      async (c) => {
        const user = currentUser(c);
        const deps = c.get('deps');
        const input = c.req.valid('json');
        const detail = await deps.writes.run(() => transition(deps, user, c.req.param('id'), input));
        return jsonAnswer(c, 200, JSON.stringify(detail));
      },
    )
    .get('/:id/suggestions', (c) => {
      const user = currentUser(c, ['office', 'admin']);
      const deps = c.get('deps');
      return c.json(suggestionsFor(deps, deps.classifier(), loadVisible(deps, user, c.req.param('id')), user), 200);
    });
}
