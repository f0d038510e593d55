import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import {
  adminDeputyQuerySchema,
  adminEventQuerySchema,
  adminUserQuerySchema,
  createDeputySchema,
  createStaffUserSchema,
  createStationSchema,
  createUnitSchema,
  createVillageSchema,
  updateCategorySchema,
  updateDeputySchema,
  updateStationSchema,
  updateUnitSchema,
  updateUserSchema,
  updateVillageSchema,
} from '@minqing/shared';
import { createStaffUser, presentAdminEvent, presentAdminUser, updateUser } from '../domain/accounts.js';
import { createDeputy, listManagedDeputies, updateDeputy } from '../domain/deputies.js';
import { createStation, listStations, updateStation } from '../domain/stations.js';
import { createVillage, listVillages, updateVillage } from '../domain/villages.js';
import { createUnit, listUnits, updateCategory, updateUnit } from '../domain/units.js';
import type { Deps } from '../deps.js';
import type { SessionUser } from '../domain/session.js';
import { currentUser, type AppEnv } from '../http/auth.js';
import { validate } from '../http/validate.js';

/**
 * A reference list the office keeps (承办单位, 联络站, 村（社区）): GET lists it, POST adds one
 * (201), PATCH /:id changes one. Office staff and admins; each domain function checks the
 * caller's region.
 */
function officeCollection<Create extends z.ZodType, Update extends z.ZodType, Item extends object>(
  createSchema: Create,
  updateSchema: Update,
  domain: {
    list: (deps: Deps, user: SessionUser) => Item[];
    create: (deps: Deps, user: SessionUser, input: z.output<Create>) => Item;
    update: (deps: Deps, user: SessionUser, id: string, input: z.output<Update>) => Item;
  },
) {
  const officeStaff = (c: Context<AppEnv>) => currentUser(c, ['office', 'admin']);
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ items: domain.list(c.get('deps'), officeStaff(c)) }, 200))
    .post('/', validate('json', createSchema), (c) => c.json(domain.create(c.get('deps'), officeStaff(c), c.req.valid('json')), 201))
    .patch('/:id', validate('json', updateSchema), (c) =>
      c.json(domain.update(c.get('deps'), officeStaff(c), c.req.param('id'), c.req.valid('json')), 200),
    );
}

/** 账号管理 and 操作日志: admins only; 代表名册: office staff (their region) and admins; 承办单位与分类: the city's office and admins; 联络站 and 村（社区）: office staff (their region) and admins. */
export function adminRoutes(ctx: { demoMode: boolean }) {
  return (
    new Hono<AppEnv>()
      .get('/users', validate('query', adminUserQuerySchema), (c) => {
        currentUser(c, ['admin']);
        const deps = c.get('deps');
        const q = c.req.valid('query');
        const like = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : undefined;
        const filter = {
          ...(q.role ? { role: q.role } : {}),
          ...(like ? { like } : {}),
          ...(q.disabled ? { disabled: q.disabled === 'true' } : {}),
        };
        const { rows, total } = deps.admin.users(filter, q.page, q.pageSize);
        return c.json({ items: rows.map((r) => presentAdminUser(deps, r)), total, page: q.page, pageSize: q.pageSize }, 200);
      })
      .post('/users', validate('json', createStaffUserSchema), (c) => {
        const user = currentUser(c, ['admin']);
        return c.json(createStaffUser(c.get('deps'), user, c.req.valid('json'), ctx.demoMode), 201);
      })
      .patch('/users/:id', validate('json', updateUserSchema), (c) => {
        const user = currentUser(c, ['admin']);
        return c.json(updateUser(c.get('deps'), user, c.req.param('id'), c.req.valid('json'), ctx.demoMode), 200);
      })
      // 代表名册: every deputy of the caller's region, in office or not (no public cache: it changes here)
      .get('/deputies', validate('query', adminDeputyQuerySchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json({ items: listManagedDeputies(c.get('deps'), user, c.req.valid('query')) }, 200);
      })
      .post('/deputies', validate('json', createDeputySchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(createDeputy(c.get('deps'), user, c.req.valid('json')), 201);
      })
      .patch('/deputies/:code', validate('json', updateDeputySchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(updateDeputy(c.get('deps'), user, c.req.param('code'), c.req.valid('json')), 200);
      })
      // 承办单位与分类: the office of the city and admins (a town's office 403); every unit, stopped ones too
      .route('/units', officeCollection(createUnitSchema, updateUnitSchema, { list: listUnits, create: createUnit, update: updateUnit }))
      .patch('/categories/:id', validate('json', updateCategorySchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(updateCategory(c.get('deps'), user, c.req.param('id'), c.req.valid('json')), 200);
      })
      // 联络站: office staff for their region (a town's office its town's: another's is 404, creating there 403) and admins
      .route(
        '/stations',
        officeCollection(createStationSchema, updateStationSchema, { list: listStations, create: createStation, update: updateStation }),
      )
      // 村（社区）: office staff for their towns (another town's village is 404, creating there 403) and admins
      .route(
        '/villages',
        officeCollection(createVillageSchema, updateVillageSchema, { list: listVillages, create: createVillage, update: updateVillage }),
      )
      .get('/events', validate('query', adminEventQuerySchema), (c) => {
        currentUser(c, ['admin']);
        const deps = c.get('deps');
        const q = c.req.valid('query');
        const { rows, total } = deps.admin.events(q.page, q.pageSize);
        return c.json({ items: rows.map(presentAdminEvent), total, page: q.page, pageSize: q.pageSize }, 200);
      })
  );
}
