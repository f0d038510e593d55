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
      currentUser(c, ['admin']);
      const deps = c.get('deps');
      const limits = c.req.valid('json');
      deps.settings.put('limits', JSON.stringify(limits));
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
      currentUser(c, ['admin']);
      const deps = c.get('deps');
      const input = replyReviewSettingsSchema.parse(await c.req.json());
      input.regionIds.forEach((id, i) => {
        if (!deps.reference.region(id)) throw new ApiError('invalid_input', `地区不存在：${id}`, `regionIds.${i}`);
      });
      const settings = { regionIds: [...new Set(input.regionIds)] };
      deps.settings.put(REPLY_REVIEW_KEY, JSON.stringify(settings));
      // applies to replies from now on; a reply already waiting stays pending until decided
      deps.replyReview = settings;
      return c.json(settings, 200);
    });
}
