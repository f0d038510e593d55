import { describe, expect } from 'vitest';
import { seedReference } from '../../server/src/seed/reference.js';
import { apiError, type TestServer } from '../helpers/server.js';
import { it } from '../helpers/server-test.js';

/** 村（社区）: the office (its towns) and admins add, rename, re-order and stop villages; the seed keeps its hands off. */

const counts = (s: TestServer) =>
  s.db
    .prepare(
      `SELECT (SELECT count(*) FROM admin_events) AS events,
              (SELECT group_concat(id || ':' || name || ':' || coalesce(parent_id, '-') || ':' || sort || ':' || active) FROM regions) AS regions`,
    )
    .get() as Record<string, unknown>;
/** What the citizen's 群众能找 picker offers under a town. */
const offered = async (s: TestServer, townId: string) =>
  (await s.anonymous().reference.regions()).items.filter((r) => r.parentId === townId && r.kind === 'village').map((r) => r.name);

describe('村（社区）', () => {
  it('should let the office add a community that citizens can pick at once, rename and re-order it, and log each change', async ({
    s,
    office,
  }) => {
    const created = await office.admin.createVillage({ name: '新华社区', townId: 'danghu' });
    expect(created).toEqual({
      id: 'danghu-07',
      name: '新华社区',
      townId: 'danghu',
      townName: '当湖街道',
      sort: 7,
      active: true,
      stations: 0,
    });
    expect(await offered(s, 'danghu')).toContain('新华社区');

    const renamed = await office.admin.updateVillage('danghu-07', { name: '新华里社区', sort: 0 });
    expect(renamed).toMatchObject({ name: '新华里社区', sort: 0 });
    const list = (await office.admin.villages()).items.filter((v) => v.townId === 'danghu');
    expect(list[0]).toMatchObject({ id: 'danghu-07', name: '新华里社区' }); // 排序 0 comes first
    const log = (await (await s.as('ding-admin')).admin.events()).items.slice(0, 2);
    expect(log).toMatchObject([
      { action: 'village_update', target: 'danghu-07', targetName: '新华里社区', changes: { name: '新华里社区', sort: 0 } },
      { action: 'village_create', target: 'danghu-07', changes: { id: 'danghu-07', name: '新华社区', townId: 'danghu' } },
    ]);
  });

  it('should keep a town’s office to its own town, refuse a second village of the same name, and change nothing when refusing', async ({
    s,
  }) => {
    const zhongdai = await s.as('ding-office-zhongdai');
    expect(new Set((await zhongdai.admin.villages()).items.map((v) => v.townId))).toEqual(new Set(['zhongdai']));
    const before = counts(s);
    expect(await apiError(zhongdai.admin.createVillage({ name: '新华社区', townId: 'danghu' }))).toMatchObject({
      status: 403,
      field: 'townId',
    });
    expect(await apiError(zhongdai.admin.updateVillage('danghu-01', { name: '改名' }))).toMatchObject({ status: 404 });
    // a town is not a village: not changed here
    expect(await apiError(zhongdai.admin.updateVillage('zhongdai', { name: '改名' }))).toMatchObject({ status: 404 });
    expect(await apiError(zhongdai.admin.createVillage({ name: '钟埭社区', townId: 'zhongdai' }))).toMatchObject({
      status: 409,
      field: 'name',
    });
    expect(await apiError(zhongdai.admin.createVillage({ name: '新村', townId: 'zhongdai-01' }))).toMatchObject({
      status: 400,
      field: 'townId',
    });
    expect(await apiError(zhongdai.admin.updateVillage('zhongdai-01', { sort: 10_000 }))).toMatchObject({ status: 400, field: 'sort' });
    expect(await apiError(zhongdai.admin.updateVillage('zhongdai-02', { name: '钟埭社区' }))).toMatchObject({ status: 409, field: 'name' });
    expect(await apiError((await s.as('ding-leader')).admin.villages())).toMatchObject({ status: 403 });
    expect(counts(s)).toEqual(before);
  });

  it('should stop a village: out of the citizen’s picker and the station form, unless an open station still serves it', async ({
    s,
    office,
  }) => {
    const station = await office.admin.createStation({
      name: '通界村代表联络点',
      regionId: 'danghu-06',
      address: '通界村村委会',
      receptionDays: '每月1日上午',
    });
    expect((await office.admin.villages()).items.find((v) => v.id === 'danghu-06')?.stations).toBe(1);
    const before = counts(s);
    expect(await apiError(office.admin.updateVillage('danghu-06', { active: false }))).toMatchObject({ status: 409, field: 'active' });
    expect(counts(s)).toEqual(before);

    await office.admin.updateStation(station.id, { active: false });
    expect(await office.admin.updateVillage('danghu-06', { active: false })).toMatchObject({ active: false, stations: 0 });
    expect(await offered(s, 'danghu')).not.toContain('通界村');
    // still listed for the office, marked stopped; no new station may serve it
    expect((await office.admin.villages()).items.find((v) => v.id === 'danghu-06')).toMatchObject({ name: '通界村', active: false });
    expect(
      await apiError(
        office.admin.createStation({ name: '通界村第二联络点', regionId: 'danghu-06', address: '通界村', receptionDays: '每月2日' }),
      ),
    ).toMatchObject({ status: 409, field: 'regionId' });

    await office.admin.updateVillage('danghu-06', { active: true });
    expect(await offered(s, 'danghu')).toContain('通界村');
  });

  it('should keep the office’s changes when the seed runs again', async ({ s, office }) => {
    await office.admin.updateVillage('danghu-01', { name: '东湖新社区' });
    await office.admin.updateVillage('danghu-02', { active: false });
    seedReference(s.db);
    s.deps.reloadReference();
    const villages = (await office.admin.villages()).items;
    expect(villages.find((v) => v.id === 'danghu-01')?.name).toBe('东湖新社区');
    expect(villages.find((v) => v.id === 'danghu-02')?.active).toBe(false);
    expect(villages.find((v) => v.id === 'danghu-03')?.name).toBe('虹霓社区');
  });
});
