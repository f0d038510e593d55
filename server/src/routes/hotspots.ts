import { Hono } from 'hono';
import { z } from 'zod';
import { hotspots } from '../domain/hotspots.js';
import { scopeFilter } from '../domain/scope.js';
import type { AppEnv } from '../http/auth.js';
import { ApiError } from '../errors.js';
import { validate } from '../http/validate.js';
import { cockpitViewer, screenAccess } from './screen-credentials.js';

export function hotspotRoutes() {
  return new Hono<AppEnv>().use(screenAccess()).get('/', validate('query', z.object({ regionId: z.string().max(64).optional() })), (c) => {
    const user = cockpitViewer(c, ['leader', 'office', 'admin']);
    const deps = c.get('deps');
    const { regionId } = c.req.valid('query');
    const scope = scopeFilter(user, deps.reference);
    if (regionId) {
      if (!deps.reference.region(regionId)) throw new ApiError('invalid_input', '地区不存在', 'regionId');
      const ids = deps.reference.subtree(regionId);
      scope.where.push(`region_id IN (${ids.map(() => '?').join(',')})`);
      scope.params.push(...ids);
    }
    return c.json(hotspots(deps, scope, `${user.role}:${user.regionId}:${regionId ?? ''}`), 200);
  });
}
