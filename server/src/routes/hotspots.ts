import { Hono } from 'hono';
import { z } from 'zod';
import { hotspots } from '../domain/hotspots.js';
import { caseScope } from '../domain/scope.js';
import type { AppEnv } from '../http/auth.js';
import { ApiError } from '../errors.js';
import { validate } from '../http/validate.js';
import { cockpitViewer, screenAccess } from './screen-credentials.js';

export function hotspotRoutes() {
  return new Hono<AppEnv>().use(screenAccess()).get('/', validate('query', z.object({ regionId: z.string().max(64).optional() })), (c) => {
    const user = cockpitViewer(c, ['leader', 'office', 'admin']);
    const deps = c.get('deps');
    const { regionId } = c.req.valid('query');
    if (regionId && !deps.reference.region(regionId)) throw new ApiError('invalid_input', '地区不存在', 'regionId');
    const within = regionId ? deps.reference.subtree(regionId) : null;
    return c.json(hotspots(deps, caseScope(user, deps.reference), within, `${user.role}:${user.regionId}:${regionId ?? ''}`), 200);
  });
}
