import { Hono, type MiddlewareHandler } from 'hono';
import { toUserDto } from '../domain/session.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { jsonAnswer } from '../http/json-answer.js';

/** `revalidate`: the ETag middleware (etag.ts) for the notices, which the staff app's badge polls every 30 s. */
export function meRoutes(revalidate: MiddlewareHandler<AppEnv>) {
  return new Hono<AppEnv>()
    .get('/', (c) => c.json(toUserDto(currentUser(c), c.get('deps').reference), 200))
    .get('/notifications', revalidate, (c) => {
      const user = currentUser(c);
      const deps = c.get('deps');
      const items = deps.notifications.forUser(user.id).map((n) => ({
        id: n.id,
        caseId: n.case_id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        read: n.read_at !== null,
        createdAt: n.created_at,
      }));
      return jsonAnswer(c, 200, JSON.stringify({ items, unread: deps.notifications.unreadCount(user.id) }));
    })
    .post('/notifications/read', (c) => {
      const user = currentUser(c);
      const deps = c.get('deps');
      deps.notifications.markAllRead(user.id, deps.clock.now().toISOString());
      return c.json({ unread: 0 }, 200);
    });
}
