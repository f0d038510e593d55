import { Hono } from 'hono';
import { limitsSchema } from '../domain/limits.js';
import { currentUser, type AppEnv } from '../http/auth.js';
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
    });
}
