import { describe, expect } from 'vitest';
import type { CreateStationInput } from '@minqing/shared';
import { stationKey } from '../../server/src/domain/field.js';
import { seedReference } from '../../server/src/seed/reference.js';
import { apiError, type TestServer } from '../helpers/server.js';
import { expectRefusals, it, type Refusal } from '../helpers/server-test.js';

/** 联络站: the office (its region) and admins add, correct and stop liaison stations; the seed keeps its hands off. */

const SECRET = 'test-secret-test-secret-test-secret-0123';
const newStation = (over: Partial<CreateStationInput> = {}): CreateStationInput => ({
  name: '东湖社区代表之家',
  regionId: 'danghu',
  address: '平湖市当湖街道东湖路8号',
  receptionDays: '每月15日上午',
  ...over,
});
const counts = (s: TestServer) =>
  s.db
    .prepare(
      `SELECT (SELECT count(*) FROM stations) AS stations, (SELECT count(*) FROM admin_events) AS events,
              (SELECT count(*) FROM checkins) AS checkins,
              (SELECT group_concat(id || ':' || name || ':' || address || ':' || reception_days || ':' || region_id || ':' || active) FROM stations) AS rows,
              (SELECT group_concat(code || ':' || coalesce(station_id, '-')) FROM deputies) AS places`,
    )
    .get() as Record<string, unknown>;
const publicStations = async (s: TestServer) => (await s.anonymous().reference.regions()).stations;

describe('联络站', () => {
  it('should let the office add a station with an assigned or a given id, listed publicly with its reception days and usable at once', async ({
    s,
    office,
  }) => {
    const created = await office.admin.createStation(newStation());
    expect(created).toEqual({
      id: 'st-001',
      name: '东湖社区代表之家',
      regionId: 'danghu',
      regionName: '当湖街道',
      address: '平湖市当湖街道东湖路8号',
      receptionDays: '每月15日上午',
      active: true,
      deputies: 0,
    });
    // a town's office in its own town, with an id of its choosing; the same name in another town is fine
    const town = await s.as('ding-office-zhongdai');
    const res = await town.http.post('/api/admin/stations', { ...newStation({ regionId: 'zhongdai-01' }), id: 'st-zhongdai-jx' });
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({
      id: 'st-zhongdai-jx',
      name: '东湖社区代表之家',
      regionId: 'zhongdai-01',
      regionName: '钟埭社区',
      active: true,
    });
    expect((await office.admin.createStation(newStation({ name: '当湖街道第二联络站', receptionDays: '每周三下午' }))).id).toBe('st-002');

    const listed = await publicStations(s);
    expect(listed.find((x) => x.id === 'st-001')).toEqual({
      id: 'st-001',
      name: '东湖社区代表之家',
      regionId: 'danghu',
      address: '平湖市当湖街道东湖路8号',
      receptionDays: '每月15日上午',
      active: true,
    });
    expect(listed.every((x) => x.active)).toBe(true);
    expect((await office.admin.stations()).items.map((x) => x.id)).toEqual(
      expect.arrayContaining(['st-001', 'st-002', 'st-zhongdai-jx', 'st-danghu']),
    );
    // a town's office lists its own town's stations only
    expect((await town.admin.stations()).items.map((x) => x.id).sort()).toEqual(['st-zhongdai', 'st-zhongdai-jx']);

    // a deputy is placed there, shows its reception days, and its check-in QR code answers
    const deputy = await office.admin.createDeputy({
      name: '周新',
      level: 'town',
      regionId: 'danghu',
      stationId: 'st-001',
      constituency: '当湖街道第九选区',
    });
    expect(deputy).toMatchObject({ stationId: 'st-001', stationName: '东湖社区代表之家', receptionDays: '每月15日上午' });
    expect((await office.admin.stations()).items.find((x) => x.id === 'st-001')!.deputies).toBe(1);
    const qr = await office.http.get('/api/stations/st-001/qrcode.svg');
    expect(qr.status).toBe(200);
    expect(qr.headers['x-qr-target']).toContain('/deputy/checkin/st-001?k=');
  });

  it('should refuse a used id or a name used in the region with 409 and bad input field by field, writing nothing', async ({
    s,
    admin,
  }) => {
    const before = counts(s);
    const idMessage = '联络站编号为2–32位小写字母、数字或 -，以字母开头（如 st-001）';
    const cases: Refusal[] = [
      [newStation({ id: 'st-danghu' }), 409, 'id', '该联络站编号已被使用'],
      [newStation({ name: '当湖街道人大代表联络站' }), 409, 'name', '本地区已有同名的联络站'],
      [newStation({ name: ' 当湖街道人大代表联络站  ' }), 409, 'name', '本地区已有同名的联络站'],
      [newStation({ id: 'St-1' }), 400, 'id', idMessage],
      [newStation({ id: '9st' }), 400, 'id', idMessage],
      [newStation({ id: 'x' }), 400, 'id', idMessage],
      [newStation({ name: '  ' }), 400, 'name', '请填写联络站名称'],
      [newStation({ name: '站'.repeat(33) }), 400, 'name', '联络站名称最多32个字'],
      [newStation({ name: '东湖\u200b代表之家' }), 400, 'name', '联络站名称含有不可见字符'],
      [newStation({ address: '' }), 400, 'address', '请填写联络站地址'],
      [newStation({ address: '路'.repeat(101) }), 400, 'address', '地址最多100个字'],
      // a line break is joined to a space (text-input.test.ts); other control characters are refused
      [newStation({ address: '东湖路\u00078号' }), 400, 'address', '地址含有不可见字符'],
      [newStation({ receptionDays: ' ' }), 400, 'receptionDays', '请填写接待日（如 每月15日上午）'],
      [newStation({ receptionDays: '日'.repeat(51) }), 400, 'receptionDays', '接待日最多50个字'],
      [newStation({ receptionDays: '每月15日\u202e上午' }), 400, 'receptionDays', '接待日含有不可见字符'],
      [newStation({ regionId: 'atlantis' }), 400, 'regionId', '所属地区不存在'],
      [{ ...newStation(), regionId: undefined }, 400, 'regionId', '请选择所属地区'],
      [{ ...newStation(), active: false }, 400, undefined, '不支持的字段：active'],
    ];
    await expectRefusals((body) => admin.http.post('/api/admin/stations', body), cases);
    const patches: [string, Record<string, unknown>, number, string | undefined, string][] = [
      ['st-danghu', { name: '当湖街道人大代表联络站' }, 200, undefined, ''],
      ['st-zhongdai', { name: '钟埭街道人大代表联络站', regionId: 'danghu' }, 409, 'regionId', ''],
      ['st-danghu', { active: 'no' }, 400, 'active', 'active 必须是 true 或 false'],
      ['st-danghu', { id: 'st-x' }, 400, undefined, '不支持的字段：id'],
      ['st-danghu', { receptionDays: '' }, 400, 'receptionDays', '请填写接待日（如 每月15日上午）'],
      ['st-danghu', { regionId: 'atlantis' }, 400, 'regionId', '所属地区不存在'],
      ['nope', { name: '某站' }, 404, undefined, '未找到该联络站'],
    ];
    for (const [id, body, status, field, message] of patches) {
      if (status === 200) {
        // the same values: nothing to change, nothing logged
        expect((await admin.http.patch(`/api/admin/stations/${id}`, body)).status).toBe(200);
        continue;
      }
      const err = await apiError(admin.http.patch(`/api/admin/stations/${id}`, body));
      expect(err, JSON.stringify(body)).toMatchObject({ status, ...(message ? { message } : {}), ...(field ? { field } : {}) });
    }
    // a station cannot move away from the deputies placed there
    expect(await apiError(admin.admin.updateStation('st-zhongdai', { regionId: 'danghu' }))).toMatchObject({
      status: 409,
      field: 'regionId',
    });
    // nor take the name of another station of the region it moves to
    await admin.admin.createStation(newStation({ name: '钟埭街道人大代表联络站', regionId: 'danghu', id: 'st-spare' }));
    const afterCreate = counts(s);
    expect(await apiError(admin.admin.updateStation('st-spare', { regionId: 'zhongdai' }))).toMatchObject({
      status: 409,
      field: 'name',
      message: '本地区已有同名的联络站',
    });
    expect(counts(s)).toEqual(afterCreate);
    expect(afterCreate.events).toBe((before.events as number) + 1);
  });

  it("should keep stations to office staff and admins, a town's office to its own town: others 403, another town's station 404", async ({
    s,
  }) => {
    const before = counts(s);
    for (const account of ['zlb-zhang', 'ding-d001', 'ding-unit-zjj', 'ding-leader']) {
      const other = await s.as(account);
      expect(await apiError(other.admin.stations()), account).toMatchObject({ status: 403 });
      expect(await apiError(other.admin.createStation(newStation())), account).toMatchObject({ status: 403 });
      expect(await apiError(other.admin.updateStation('st-danghu', { receptionDays: '每周一' })), account).toMatchObject({ status: 403 });
    }
    expect(await apiError(s.anonymous().admin.stations())).toMatchObject({ status: 401 });
    const town = await s.as('ding-office-zhongdai');
    expect(await apiError(town.admin.createStation(newStation()))).toMatchObject({
      status: 403,
      field: 'regionId',
      message: '只能管理本镇街的联络站',
    });
    expect(await apiError(town.admin.createStation(newStation({ regionId: 'pinghu' })))).toMatchObject({ status: 403, field: 'regionId' });
    expect(await apiError(town.admin.updateStation('st-danghu', { receptionDays: '每周一' }))).toMatchObject({
      status: 404,
      message: '未找到该联络站',
    });
    // its own station cannot be handed to another town
    expect(await apiError(town.admin.updateStation('st-zhongdai', { regionId: 'danghu' }))).toMatchObject({
      status: 403,
      field: 'regionId',
    });
    expect(counts(s)).toEqual(before);
  });

  it('should stop a station: out of the public list and the deputy form, check-in refused with nothing written, its deputies and past check-ins kept', async ({
    s,
  }) => {
    const office = await s.as('ding-office-danghu');
    const d001 = await s.as('ding-d001');
    const leader = await s.as('ding-leader');
    const station = await office.admin.createStation(newStation());
    // D001 checks in there once, and a new deputy is placed there
    expect((await d001.checkins.create(station.id, stationKey(SECRET, station.id))).stationName).toBe('东湖社区代表之家');
    const placed = await office.admin.createDeputy({
      name: '周新',
      level: 'town',
      regionId: 'danghu',
      stationId: station.id,
      constituency: '当湖街道第九选区',
    });

    // a deputy in office is still there: refused, naming how many
    let before = counts(s);
    expect(await apiError(office.admin.updateStation(station.id, { active: false }))).toMatchObject({
      status: 409,
      field: 'active',
      message: '该联络站还有1位在任代表，请先在代表名册中为他们改选联络站再停用',
    });
    const seededInOffice = (
      s.db.prepare("SELECT count(*) AS n FROM deputies WHERE station_id = 'st-danghu' AND in_office = 1").get() as { n: number }
    ).n;
    expect(seededInOffice).toBeGreaterThan(0);
    expect(await apiError(office.admin.updateStation('st-danghu', { active: false }))).toMatchObject({
      status: 409,
      message: `该联络站还有${seededInOffice}位在任代表，请先在代表名册中为他们改选联络站再停用`,
    });
    expect(counts(s)).toEqual(before);

    // once the deputy has left office, the station closes
    await office.admin.updateDeputy(placed.code, { inOffice: false });
    const stopped = await office.admin.updateStation(station.id, { active: false });
    expect(stopped).toMatchObject({ id: station.id, active: false, deputies: 0 });
    expect((await publicStations(s)).map((x) => x.id)).not.toContain(station.id);
    expect((await office.admin.stations()).items.find((x) => x.id === station.id)).toMatchObject({ active: false });

    // scanning its QR code: 409, nothing written
    before = counts(s);
    s.clock.advanceHours(48);
    expect(await apiError(d001.checkins.create(station.id, stationKey(SECRET, station.id)))).toMatchObject({
      status: 409,
      field: 'stationId',
      message: '该联络站已停用，不能进站签到',
    });
    expect(counts(s)).toEqual(before);
    // the past check-in stays in D001's list and figures
    expect((await d001.checkins.list()).items.map((c) => c.stationName)).toEqual(['东湖社区代表之家']);
    const duty = await leader.stats.deputies({ from: '2026-03-01', to: '2026-03-31' });
    expect(duty.items.find((d) => d.deputyCode === 'D001')).toMatchObject({ checkins: 1 });

    // the deputy form cannot place anyone there, new or moved
    const stationErr = { status: 409, field: 'stationId', message: '该联络站已停用，请选择其他联络站' };
    expect(
      await apiError(
        office.admin.createDeputy({
          name: '吴越',
          level: 'town',
          regionId: 'danghu',
          stationId: station.id,
          constituency: '当湖街道第十选区',
        }),
      ),
    ).toMatchObject(stationErr);
    expect(await apiError(office.admin.updateDeputy('D001', { stationId: station.id }))).toMatchObject(stationErr);
    expect(counts(s)).toEqual(before);

    // the deputy already placed there keeps it: profile unchanged, other details still editable
    const profile = await s.anonymous().deputies.get(placed.code);
    expect(profile).toMatchObject({
      stationId: station.id,
      stationName: '东湖社区代表之家',
      receptionDays: '每月15日上午',
      inOffice: false,
    });
    expect(await office.admin.updateDeputy(placed.code, { bio: '原当湖街道代表。' })).toMatchObject({
      stationId: station.id,
      bio: '原当湖街道代表。',
    });

    // open again: listed and checked in
    await office.admin.updateStation(station.id, { active: true });
    expect((await publicStations(s)).map((x) => x.id)).toContain(station.id);
    expect((await d001.checkins.create(station.id, stationKey(SECRET, station.id))).repeated).toBe(false);
  });

  it("should keep the office's stations when the reference seed runs again, and log each change in the 操作日志", async ({ s, admin }) => {
    const office = await s.as('ding-office-danghu');
    await office.admin.createStation(newStation());
    await admin.admin.updateStation('st-danghu', { address: '平湖市当湖街道新华路1号', receptionDays: '每月15日上午' });
    // nothing changed: nothing logged
    await admin.admin.updateStation('st-danghu', { receptionDays: '每月15日上午' });
    s.db.prepare("UPDATE stations SET name = '漂移' WHERE id = 'st-caoqiao'").run();

    seedReference(s.db);
    s.deps.reloadReference();
    const stations = await publicStations(s);
    expect(stations.find((x) => x.id === 'st-danghu')).toMatchObject({
      name: '当湖街道人大代表联络站',
      address: '平湖市当湖街道新华路1号',
      receptionDays: '每月15日上午',
    });
    expect(stations.find((x) => x.id === 'st-001')).toMatchObject({ name: '东湖社区代表之家', receptionDays: '每月15日上午' });
    // a seeded station nobody changed is still the seed's: drift is fixed
    expect(stations.find((x) => x.id === 'st-caoqiao')!.name).toBe('曹桥街道人大代表联络站');
    // deputies show the corrected reception days
    expect((await s.anonymous().deputies.get('D001')).receptionDays).toBe('每月15日上午');

    const log = await admin.admin.events();
    expect(log.total).toBe(2);
    expect(log.items).toMatchObject([
      {
        action: 'station_update',
        target: 'st-danghu',
        targetName: '当湖街道人大代表联络站',
        actorName: '系统管理员',
        changes: { address: '平湖市当湖街道新华路1号', receptionDays: '每月15日上午' },
      },
      {
        action: 'station_create',
        target: 'st-001',
        targetName: '东湖社区代表之家',
        actorName: '当湖街道人大工委 陆燕',
        changes: {
          id: 'st-001',
          name: '东湖社区代表之家',
          regionId: 'danghu',
          address: '平湖市当湖街道东湖路8号',
          receptionDays: '每月15日上午',
        },
      },
    ]);
    expect(Object.keys(log.items[0]!.changes)).toEqual(['address', 'receptionDays']);
  });
});
