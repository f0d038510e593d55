import { Hono } from 'hono';
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
import { currentUser, type AppEnv } from '../http/auth.js';
import { validate } from '../http/validate.js';

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
      .get('/units', (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json({ items: listUnits(c.get('deps'), user) }, 200);
      })
      .post('/units', validate('json', createUnitSchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(createUnit(c.get('deps'), user, c.req.valid('json')), 201);
      })
      .patch('/units/:id', validate('json', updateUnitSchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(updateUnit(c.get('deps'), user, c.req.param('id'), c.req.valid('json')), 200);
      })
      .patch('/categories/:id', validate('json', updateCategorySchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(updateCategory(c.get('deps'), user, c.req.param('id'), c.req.valid('json')), 200);
      })
      // 联络站: office staff for their region (a town's office its town's: another's is 404, creating there 403) and admins
      .get('/stations', (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json({ items: listStations(c.get('deps'), user) }, 200);
      })
      .post('/stations', validate('json', createStationSchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(createStation(c.get('deps'), user, c.req.valid('json')), 201);
      })
      .patch('/stations/:id', validate('json', updateStationSchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(updateStation(c.get('deps'), user, c.req.param('id'), c.req.valid('json')), 200);
      })
      // 村（社区）: office staff for their towns (another town's village is 404, creating there 403) and admins
      .get('/villages', (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json({ items: listVillages(c.get('deps'), user) }, 200);
      })
      .post('/villages', validate('json', createVillageSchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(createVillage(c.get('deps'), user, c.req.valid('json')), 201);
      })
      .patch('/villages/:id', validate('json', updateVillageSchema), (c) => {
        const user = currentUser(c, ['office', 'admin']);
        return c.json(updateVillage(c.get('deps'), user, c.req.param('id'), c.req.valid('json')), 200);
      })
      .get('/events', validate('query', adminEventQuerySchema), (c) => {
        currentUser(c, ['admin']);
        const deps = c.get('deps');
        const q = c.req.valid('query');
        const { rows, total } = deps.admin.events(q.page, q.pageSize);
        return c.json({ items: rows.map(presentAdminEvent), total, page: q.page, pageSize: q.pageSize }, 200);
      })
  );
}
