import { describe, expect } from 'vitest';
import type { CreateUnitInput } from '@minqing/shared';
import { seedReference } from '../../server/src/seed/reference.js';
import { caseIn } from '../helpers/builders.js';
import { apiError, newKey, validCase, type TestServer } from '../helpers/server.js';
import { expectRefusals, it, type Refusal } from '../helpers/server-test.js';

/** 承办单位与分类: the city's office and admins add, rename and stop units and change a category's default unit; the seed keeps its hands off. */

const newUnit = (over: Partial<CreateUnitInput> = {}): CreateUnitInput => ({ name: '市综合行政执法局', kind: 'department', ...over });
const counts = (s: TestServer) =>
  s.db
    .prepare(
      `SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM admin_events) AS events,
              (SELECT count(*) FROM case_events) AS caseEvents, (SELECT group_concat(id || ':' || default_unit_id) FROM categories) AS defaults,
              (SELECT group_concat(id || ':' || name || ':' || active) FROM units) AS unitRows`,
    )
    .get() as Record<string, unknown>;
/** A construction complaint the classifier routes with confidence (tests/server/suggestions.test.ts). */
const BUILDING = {
  title: '有人违章搭建',
  body: '东湖社区有一户居民在院子外私自搭建彩钢棚，占用了公共通道，消防车都进不来，请城建部门核实处理。',
};

describe('承办单位与分类', () => {
  it('should let the city office add a unit with an assigned or a given id, listed publicly and offered for assignment', async ({
    s,
    office,
  }) => {
    const created = await office.admin.createUnit(newUnit());
    expect(created).toEqual({
      id: 'u-001',
      name: '市综合行政执法局',
      kind: 'department',
      regionId: null,
      regionName: null,
      active: true,
      sort: 9,
      defaultFor: [],
    });
    const res = await office.http.post('/api/admin/units', { id: 'sjj', name: '市数据资源管理局', kind: 'organ', regionId: 'pinghu' });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ id: 'sjj', kind: 'organ', regionId: 'pinghu', regionName: '平湖市', active: true });
    const town = await office.admin.createUnit({ name: '新埭镇综合治理中心', kind: 'town', regionId: 'xindai' });
    expect(town).toMatchObject({ id: 'u-002', regionName: '新埭镇' });

    const listed = (await s.anonymous().reference.units()).items;
    expect(listed.find((u) => u.id === 'u-001')).toEqual({
      id: 'u-001',
      name: '市综合行政执法局',
      kind: 'department',
      regionId: null,
      active: true,
    });
    expect(listed.every((u) => typeof u.active === 'boolean')).toBe(true);
    expect((await office.admin.units()).items.map((u) => u.id)).toEqual(
      expect.arrayContaining(['u-001', 'sjj', 'u-002', 'zjj', 'gov-danghu']),
    );
    expect((await office.admin.units()).items.find((u) => u.id === 'zjj')!.defaultFor).toEqual([{ id: 'construction', name: '城乡建设' }]);

    // assigned to at once, and its account sees the case
    const id = caseIn(s, 'triage');
    expect((await office.cases.transition(id, { action: 'assign', unitId: 'u-001' })).unitName).toBe('市综合行政执法局');
    const admin = await s.as('ding-admin');
    await admin.admin.createUser({ role: 'unit', name: '执法局承办人', dingUserId: 'ding-zfj', unitId: 'u-001' });
    expect((await (await s.as('ding-zfj')).cases.list()).items.map((c) => c.id)).toEqual([id]);
  });

  it('should refuse a used id or name with 409 and bad input field by field, writing nothing', async ({ s, admin }) => {
    const before = counts(s);
    const cases: Refusal[] = [
      [newUnit({ id: 'zjj' }), 409, 'id', '该单位编号已被使用'],
      [newUnit({ name: '市交通运输局' }), 409, 'name', '已有同名的承办单位'],
      [newUnit({ name: '  市交通运输局 ' }), 409, 'name', '已有同名的承办单位'],
      [newUnit({ id: 'Zjj2' }), 400, 'id', '单位编号为2–32位小写字母、数字或 -，以字母开头（如 u-001）'],
      [newUnit({ id: '1abc' }), 400, 'id', '单位编号为2–32位小写字母、数字或 -，以字母开头（如 u-001）'],
      [newUnit({ name: '  ' }), 400, 'name', '请填写单位名称'],
      [newUnit({ name: '局'.repeat(33) }), 400, 'name', '单位名称最多32个字'],
      [newUnit({ name: '市执法\u200b局' }), 400, 'name', '单位名称含有不可见字符'],
      // a line break is joined to a space (text-input.test.ts); other control characters are refused
      [newUnit({ name: '市执法\u0007局' }), 400, 'name', '单位名称含有不可见字符'],
      [{ ...newUnit(), kind: 'village' }, 400, 'kind', '请选择单位类别（部门、镇街或其他机关）'],
      [newUnit({ regionId: 'atlantis' }), 400, 'regionId', '所属地区不存在'],
      [newUnit({ kind: 'town' }), 400, 'regionId', '镇街单位须选择所属镇（街道）'],
      [{ ...newUnit(), active: false }, 400, undefined, '不支持的字段：active'],
    ];
    await expectRefusals((body) => admin.http.post('/api/admin/units', body), cases);
    await expectRefusals(
      (body) => admin.http.patch('/api/admin/units/jtj', body),
      [
        [{ name: '市住房和城乡建设局' }, 409, 'name', '已有同名的承办单位'],
        [{ active: 'no' }, 400, 'active', 'active 必须是 true 或 false'],
        [{ kind: 'organ' }, 400, undefined, '不支持的字段：kind'],
        [{ name: '' }, 400, 'name', '请填写单位名称'],
      ],
    );
    expect(await apiError(admin.http.patch('/api/admin/units/nope', { name: '某局' }))).toMatchObject({
      status: 404,
      message: '未找到该承办单位',
    });
    expect(await apiError(admin.admin.updateCategory('construction', { defaultUnitId: 'nope' }))).toMatchObject({
      status: 400,
      field: 'defaultUnitId',
      message: '承办单位不存在',
    });
    expect(await apiError(admin.http.patch('/api/admin/categories/construction', {}))).toMatchObject({
      status: 400,
      field: 'defaultUnitId',
    });
    expect(await apiError(admin.http.patch('/api/admin/categories/construction', { defaultUnitId: 'jtj', name: '改名' }))).toMatchObject({
      status: 400,
      message: '不支持的字段：name',
    });
    expect(await apiError(admin.admin.updateCategory('nope', { defaultUnitId: 'jtj' }))).toMatchObject({ status: 404 });
    expect(counts(s)).toEqual(before);
  });

  it("should keep units to the city's office and admins: a town's office, deputies, units, leaders and citizens get 403", async ({ s }) => {
    const before = counts(s);
    for (const account of ['ding-office-danghu', 'zlb-zhang', 'ding-d001', 'ding-unit-zjj', 'ding-leader']) {
      const other = await s.as(account);
      expect(await apiError(other.admin.units()), account).toMatchObject({ status: 403 });
      expect(await apiError(other.admin.createUnit(newUnit())), account).toMatchObject({ status: 403 });
      expect(await apiError(other.admin.updateUnit('jtj', { name: '改名局' })), account).toMatchObject({ status: 403 });
      expect(await apiError(other.admin.updateCategory('construction', { defaultUnitId: 'jtj' })), account).toMatchObject({ status: 403 });
    }
    expect(counts(s)).toEqual(before);
  });

  it('should stop a unit: no longer accepted or suggested for new assignments, while its own case stays visible and actionable by it', async ({
    s,
    office,
  }) => {
    const unit = await s.as('ding-unit-zfb');
    // a case already with 市政府办公室, and one waiting in triage
    const old = caseIn(s, 'triage');
    await office.cases.transition(old, { action: 'assign', unitId: 'zfb', categoryId: 'construction' });
    const citizen = await s.as('zlb-zhang');
    const probe = await citizen.cases.create(validCase(BUILDING), newKey());
    // what 市政府办公室 was given of 城乡建设 in 当湖 pulls the routing towards it …
    expect((await office.cases.suggestions(probe.id)).units.map((u) => u.id)).toContain('zfb');
    const waiting = caseIn(s, 'triage');

    const stopped = await office.admin.updateUnit('zfb', { active: false });
    expect(stopped).toMatchObject({ id: 'zfb', active: false });
    expect((await s.anonymous().reference.units()).items.find((u) => u.id === 'zfb')).toMatchObject({ active: false });

    const before = counts(s);
    const err = await apiError(office.cases.transition(waiting, { action: 'assign', unitId: 'zfb' }));
    expect(err).toMatchObject({ status: 409, field: 'unitId', message: '该承办单位已停用，不再接收新交办，请选择其他单位' });
    expect(counts(s)).toEqual(before);
    expect((await office.cases.get(waiting)).status).toBe('triage');

    // its own case: listed, signed and answered as before
    expect((await unit.cases.list()).items.map((c) => c.id)).toEqual([old]);
    expect((await unit.cases.get(old)).allowedActions).toContain('sign');
    await unit.cases.transition(old, { action: 'sign' });
    expect((await unit.cases.transition(old, { action: 'reply', note: '已协调处理完毕。' })).status).toBe('replied');
    // and its figures stay in the cockpit's unit ranking
    const ranking = await office.stats.units();
    expect(ranking.items.find((u) => u.unitId === 'zfb')).toMatchObject({ assigned: 1 });

    // … until it is stopped: then it is suggested no more
    expect((await office.cases.suggestions(probe.id)).units.map((u) => u.id)).not.toContain('zfb');

    // back in service: assignable again
    await office.admin.updateUnit('zfb', { active: true });
    expect((await office.cases.transition(waiting, { action: 'assign', unitId: 'zfb' })).unitId).toBe('zfb');
  });

  it("should route a category's new cases to its new default unit, refuse a stopped default and refuse stopping a default unit", async ({
    s,
    admin,
    office,
    citizen,
  }) => {
    const first = await citizen.cases.create(validCase(BUILDING), newKey());
    expect((await office.cases.suggestions(first.id)).units[0]!.id).toBe('zjj');

    // 住建局 is 城乡建设's default: it cannot be stopped before the category goes elsewhere
    const before = counts(s);
    expect(await apiError(admin.admin.updateUnit('zjj', { active: false }))).toMatchObject({
      status: 409,
      field: 'active',
      message: '该单位是“城乡建设”的默认承办单位，请先改选这些分类的默认承办单位再停用',
    });
    // nor can a stopped unit become a default
    await admin.admin.updateUnit('fy', { active: false });
    expect(await apiError(admin.admin.updateCategory('construction', { defaultUnitId: 'fy' }))).toMatchObject({
      status: 400,
      field: 'defaultUnitId',
      message: '市人民法院已停用，不能作为默认承办单位',
    });
    expect(counts(s).defaults).toEqual(before.defaults);

    const zfj = await admin.admin.createUnit(newUnit());
    expect(await admin.admin.updateCategory('construction', { defaultUnitId: zfj.id })).toEqual({
      id: 'construction',
      name: '城乡建设',
      defaultUnitId: 'u-001',
    });
    expect((await s.anonymous().reference.categories()).items.find((c) => c.id === 'construction')!.defaultUnitId).toBe('u-001');
    expect((await admin.admin.units()).items.find((u) => u.id === 'u-001')!.defaultFor).toEqual([{ id: 'construction', name: '城乡建设' }]);
    // new suggestions of the category go to the new unit
    const second = await citizen.cases.create(validCase(BUILDING), newKey());
    const sug = await office.cases.suggestions(second.id);
    expect(sug.categories[0]!.id).toBe('construction');
    expect(sug.units[0]).toMatchObject({ id: 'u-001', name: '市综合行政执法局' });
    // now 住建局 may stop, and is no longer suggested at all
    await admin.admin.updateUnit('zjj', { active: false, name: '市住房和城乡建设局（原）' });
    expect((await office.cases.suggestions(second.id)).units.map((u) => u.id)).not.toContain('zjj');
  });

  it("should keep the office's units and category defaults when the reference seed runs again, and log each change in the 操作日志", async ({
    s,
    admin,
    office,
  }) => {
    await office.admin.createUnit(newUnit());
    await office.admin.updateCategory('construction', { defaultUnitId: 'u-001' });
    await admin.admin.updateUnit('zjj', { name: '市住房和城乡建设局（原）', active: false });
    // nothing changed: nothing logged
    await admin.admin.updateUnit('zjj', { active: false });
    await admin.admin.updateCategory('construction', { defaultUnitId: 'u-001' });
    s.db.prepare("UPDATE units SET name = '漂移' WHERE id = 'jtj'").run();

    seedReference(s.db);
    s.deps.reloadReference();
    const units = (await s.anonymous().reference.units()).items;
    expect(units.find((u) => u.id === 'zjj')).toMatchObject({ name: '市住房和城乡建设局（原）', active: false });
    expect(units.find((u) => u.id === 'u-001')).toMatchObject({ name: '市综合行政执法局', active: true });
    // a seeded unit nobody changed is still the seed's: drift is fixed
    expect(units.find((u) => u.id === 'jtj')!.name).toBe('市交通运输局');
    expect((await s.anonymous().reference.categories()).items.find((c) => c.id === 'construction')!.defaultUnitId).toBe('u-001');

    const log = await admin.admin.events();
    expect(log.total).toBe(3);
    expect(log.items).toMatchObject([
      {
        action: 'unit_update',
        target: 'zjj',
        targetName: '市住房和城乡建设局（原）',
        actorName: '系统管理员',
        changes: { name: '市住房和城乡建设局（原）', active: false },
      },
      {
        action: 'category_update',
        target: 'construction',
        targetName: '城乡建设',
        actorName: '平湖市人大常委会办公室 沈敏',
        changes: { defaultUnitId: 'u-001' },
      },
      {
        action: 'unit_create',
        target: 'u-001',
        targetName: '市综合行政执法局',
        changes: { id: 'u-001', name: '市综合行政执法局', kind: 'department', regionId: null },
      },
    ]);
    expect(Object.keys(log.items[0]!.changes)).toEqual(['name', 'active']);
  });
});
