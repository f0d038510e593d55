import { Hono } from 'hono';
import { replyReviewSettingsSchema } from '@minqing/shared';
import { limitsSchema } from '../domain/limits.js';
import { REPLY_REVIEW_KEY } from '../domain/reply-review.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { ApiError } from '../http/errors.js';
import { validate } from '../http/validate.js';

/** Time limits per case type (PRODUCT.md defaults), readable by staff, changed by an admin. */
export function settingsRoutes() {
  return new Hono<AppEnv>()
    .get('/limits', (c) => {
      currentUser(c, ['office', 'leader', 'admin', 'deputy', 'unit']);
      return c.json(c.get('deps').limits, 200);
    })
    .put('/limits', validate('json', limitsSchema), (c) => {
      const admin = currentUser(c, ['admin']);
      const deps = c.get('deps');
      const limits = c.req.valid('json');
      deps.db.transaction(() => {
        deps.settings.put('limits', JSON.stringify(limits));
        deps.admin.appendEvent(admin.id, 'settings_update', 'limits', changedFields(deps.limits, limits), deps.clock.now().toISOString());
      }).immediate();
      // new deadlines use the new limits; deadlines already set stay as they were promised
      deps.limits = limits;
      return c.json(limits, 200);
    })
    // 答复审核: which regions' unit replies the office reviews before they reach the citizen
    .get('/reply-review', (c) => {
      currentUser(c, ['office', 'leader', 'admin']);
      return c.json(c.get('deps').replyReview, 200);
    })
    .put('/reply-review', async (c) => {
      const admin = currentUser(c, ['admin']);
      const deps = c.get('deps');
      const input = replyReviewSettingsSchema.parse(await c.req.json());
      input.regionIds.forEach((id, i) => {
        if (!deps.reference.region(id)) throw new ApiError('invalid_input', `地区不存在：${id}`, `regionIds.${i}`);
      });
      const settings = { regionIds: [...new Set(input.regionIds)] };
      deps.db.transaction(() => {
        deps.settings.put(REPLY_REVIEW_KEY, JSON.stringify(settings));
        deps.admin.appendEvent(admin.id, 'settings_update', REPLY_REVIEW_KEY, changedFields(deps.replyReview, settings), deps.clock.now().toISOString());
      }).immediate();
      // applies to replies from now on; a reply already waiting stays pending until decided
      deps.replyReview = settings;
      return c.json(settings, 200);
    });
}

/** The top-level fields whose value differs, with their new values (for the 操作日志). */
function changedFields(before: object, after: object): Record<string, unknown> {
  const old = before as Record<string, unknown>;
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k])));
}
