import { Hono } from 'hono';
import { statsQuerySchema } from '@minqing/shared';
import { overview } from '../domain/stats.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { validate } from '../http/validate.js';

export function statsRoutes() {
  return new Hono<AppEnv>().get('/overview', validate('query', statsQuerySchema), (c) => {
    const user = currentUser(c, ['leader', 'office', 'admin']);
    return c.json(overview(c.get('deps'), user, c.req.valid('query')), 200);
  });
}
