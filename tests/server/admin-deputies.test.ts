import { describe, expect } from 'vitest';
import type { CreateDeputyInput } from '@minqing/shared';
import { seedReference } from '../../server/src/seed/reference.js';
import { caseIn } from '../helpers/builders.js';
import { apiError, newKey, uploadPhoto, validCase, type TestServer } from '../helpers/server.js';
import { expectRefusals, it, type Refusal } from '../helpers/server-test.js';

/** 代表名册: the office adds deputies, corrects them and marks those who have left office; the seed keeps its hands off. */

const newDeputy = (over: Partial<CreateDeputyInput> = {}): CreateDeputyInput => ({
  name: '钱立群',
  level: 'county',
  regionId: 'xindai',
  stationId: 'st-xindai',
  constituency: '新埭镇第2选区',
  bio: '新埭镇星火村党总支书记。',
  ...over,
});
const counts = (s: TestServer) =>
  s.db
    .prepare(
      'SELECT (SELECT count(*) FROM deputies) AS deputies, (SELECT count(*) FROM admin_events) AS events, (SELECT count(*) FROM cases) AS cases',
    )
    .get() as { deputies: number; events: number; cases: number };

describe('代表名册', () => {
  it('should let the city office add a deputy with an assigned code who is then public, has an avatar and a QR code, and can get an account', async ({
    s,
    office,
  }) => {
    const created = await office.admin.createDeputy(newDeputy());
    expect(created).toMatchObject({
      code: 'D035',
      name: '钱立群',
      level: 'county',
      levelLabel: '平湖市人大代表',
      regionId: 'xindai',
      regionName: '新埭镇',
      stationId: 'st-xindai',
      inOffice: true,
    });
    expect(created.photoUrl).toBe('/api/deputies/D035/avatar.svg');

    const res = await office.http.post('/api/admin/deputies', newDeputy({ name: '孙晓雯', code: 'XD2026', stationId: undefined }));
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ code: 'XD2026', stationId: null, inOffice: true });

    const anon = s.anonymous();
    const inTown = await anon.deputies.list({ regionId: 'xindai' });
    expect(inTown.items.map((d) => d.code)).toEqual(expect.arrayContaining(['D035', 'XD2026']));
    expect((await anon.deputies.list({ q: '钱立群' })).items.map((d) => d.code)).toEqual(['D035']);
    expect(await anon.deputies.get('D035')).toEqual(created);
    const avatar = await anon.http.get('/api/deputies/D035/avatar.svg');
    expect(avatar.headers['content-type']).toContain('image/svg+xml');
    const qr = await anon.http.get('/api/deputies/D035/qrcode.svg');
    expect(qr.headers['x-qr-target']).toBe('https://minqing.example.cn/citizen/d/D035');

    const admin = await s.as('ding-admin');
    const account = await admin.admin.createUser({ role: 'deputy', name: '钱立群', dingUserId: 'ding-d035', deputyCode: 'D035' });
    expect(account).toMatchObject({ deputyCode: 'D035', deputyName: '钱立群', regionId: 'xindai' });
    expect((await (await s.as('ding-d035')).me()).deputyCode).toBe('D035');
  });

  it('should refuse a used code with 409 and bad input field by field, writing nothing', async ({ s, office }) => {
    const before = counts(s);
    const cases: Refusal[] = [
      [newDeputy({ code: 'D001' }), 409, 'code', '该代表编号已被使用'],
      [newDeputy({ code: 'd-1' }), 400, 'code', '代表编号为3–16位大写字母或数字，以字母开头（如 D035）'],
      [newDeputy({ stationId: 'st-danghu' }), 400, 'stationId', '当湖街道人大代表联络站不属于新埭镇'],
      [newDeputy({ stationId: 'st-atlantis' }), 400, 'stationId', '联络站不存在'],
      [newDeputy({ regionId: 'atlantis', stationId: undefined }), 400, 'regionId', '所属地区不存在'],
      [{ ...newDeputy(), inOffice: false }, 400, undefined, '不支持的字段：inOffice'],
      [{ ...newDeputy(), photoUrl: 'http://evil.example/x.png' }, 400, undefined, '不支持的字段：photoUrl'],
      [newDeputy({ name: '钱\u200b立群' }), 400, 'name', '姓名含有不可见字符'],
      [newDeputy({ name: '  ' }), 400, 'name', '请填写姓名'],
      [newDeputy({ bio: '长'.repeat(501) }), 400, 'bio', '简介最多500个字'],
      [newDeputy({ constituency: '选'.repeat(65) }), 400, 'constituency', '选区最多64个字'],
      [{ ...newDeputy(), level: 'village' }, 400, 'level', '请选择代表层级（省、嘉兴市、平湖市或镇人大代表）'],
    ];
    await expectRefusals((body) => office.http.post('/api/admin/deputies', body), cases);
    await expectRefusals(
      (body) => office.http.patch('/api/admin/deputies/D001', body),
      [
        [{ inOffice: 'no' }, 400, 'inOffice', 'inOffice 必须是 true 或 false'],
        [{ stationId: 'st-zhongdai' }, 400, 'stationId', '钟埭街道人大代表联络站不属于当湖街道'],
        [{ regionId: 'atlantis' }, 400, 'regionId', '所属地区不存在'],
        [{ bio: 'x'.repeat(501) }, 400, 'bio', '简介最多500个字'],
      ],
    );
    expect((await apiError(office.http.patch('/api/admin/deputies/D001', { code: 'D999' }))).message).toBe('不支持的字段：code');
    expect(await apiError(office.http.patch('/api/admin/deputies/NOPE', { name: '某某' }))).toMatchObject({ status: 404 });
    expect(counts(s)).toEqual(before);
  });

  it("should keep a town's office to its own town and refuse deputies, units, leaders and citizens", async ({ s }) => {
    const danghu = await s.as('ding-office-danghu');
    const before = counts(s);
    // D002 is of 钟埭街道: not danghu's to change, nor to see here
    expect(await apiError(danghu.admin.updateDeputy('D002', { name: '改名' }))).toMatchObject({ status: 404 });
    expect(await apiError(danghu.admin.createDeputy(newDeputy()))).toMatchObject({ status: 403, field: 'regionId' });
    // nor move its own deputy out of its town
    expect(await apiError(danghu.admin.updateDeputy('D001', { regionId: 'zhongdai', stationId: 'st-zhongdai' }))).toMatchObject({
      status: 403,
      field: 'regionId',
    });
    for (const account of ['zlb-zhang', 'ding-d001', 'ding-unit-zjj', 'ding-leader']) {
      const other = await s.as(account);
      expect(await apiError(other.admin.createDeputy(newDeputy({ regionId: 'danghu', stationId: 'st-danghu' }))), account).toMatchObject({
        status: 403,
      });
      expect(await apiError(other.admin.updateDeputy('D001', { name: '改名' })), account).toMatchObject({ status: 403 });
    }
    expect(counts(s)).toEqual(before);
    // its own town: yes
    const mine = await danghu.admin.createDeputy(
      newDeputy({ regionId: 'danghu', stationId: 'st-danghu', constituency: '当湖街道第5选区' }),
    );
    expect(mine).toMatchObject({ code: 'D035', regionId: 'danghu' });
    expect((await danghu.admin.deputies()).items.every((d) => d.regionId === 'danghu')).toBe(true);
  });

  it('should take a deputy who left office out of lists and refuse new submissions to them, keeping their old cases', async ({ s }) => {
    const oldCase = caseIn(s, 'submitted');
    const office = await s.as('ding-office');
    const marked = await office.admin.updateDeputy('D001', { inOffice: false });
    expect(marked).toMatchObject({ code: 'D001', inOffice: false });

    const anon = s.anonymous();
    for (const query of [{}, { regionId: 'danghu' }, { regionId: 'pinghu' }, { stationId: 'st-danghu' }, { q: marked.name }]) {
      expect(
        (await anon.deputies.list(query)).items.map((d) => d.code),
        JSON.stringify(query),
      ).not.toContain('D001');
    }
    expect(await anon.deputies.get('D001')).toMatchObject({ code: 'D001', inOffice: false });
    expect((await anon.http.get('/api/deputies/D001/qrcode.svg')).status).toBe(200);
    // the roster still lists them, marked
    expect((await office.admin.deputies({ inOffice: 'false' })).items.map((d) => d.code)).toEqual(['D001']);

    const citizen = await s.as('zlb-zhang');
    const before = counts(s);
    const err = await apiError(citizen.cases.create(validCase(), newKey()));
    expect(err).toMatchObject({ status: 409, code: 'conflict', field: 'deputyCode', message: '该代表已不再履职，请选择本镇街的其他代表' });
    const deputy = await s.as('ding-d001');
    expect(await apiError(deputy.cases.create(validCase(), newKey()))).toMatchObject({ status: 409 });
    expect(counts(s)).toEqual(before);

    // what was sent before stays reachable by those who could reach it
    expect((await citizen.cases.get(oldCase)).deputyCode).toBe('D001');
    expect((await deputy.cases.get(oldCase)).events.length).toBeGreaterThan(0);
    expect((await deputy.cases.list()).items.map((c) => c.id)).toContain(oldCase);
    expect((await office.deputies.performance('D001')).received).toBe(1);

    // back in office: submissions open again
    await office.admin.updateDeputy('D001', { inOffice: true });
    expect((await citizen.cases.create(validCase(), newKey())).status).toBe('submitted');
  });

  it("should keep the office's changes and the not-in-office flag when the reference seed runs again", async ({ s, office }) => {
    await office.admin.updateDeputy('D003', { name: '曹桥新名', constituency: '曹桥街道第9选区', inOffice: false });
    await office.admin.createDeputy(newDeputy());
    const untouched = await s.anonymous().deputies.get('D004');
    s.db.prepare("UPDATE deputies SET name = '漂移' WHERE code = 'D004'").run();

    seedReference(s.db);
    s.deps.reloadReference();
    const anon = s.anonymous();
    expect(await anon.deputies.get('D003')).toMatchObject({ name: '曹桥新名', constituency: '曹桥街道第9选区', inOffice: false });
    expect(await anon.deputies.get('D035')).toMatchObject({ name: '钱立群', inOffice: true });
    // a seeded deputy nobody changed is still the seed's: drift is fixed
    expect((await anon.deputies.get('D004')).name).toBe(untouched.name);
  });

  it('should log each change field by field in the 操作日志', async ({ office, admin }) => {
    await office.admin.createDeputy(newDeputy());
    await admin.admin.updateDeputy('D035', { name: '钱立群', level: 'town', inOffice: false });
    // nothing changed: nothing logged
    await admin.admin.updateDeputy('D035', { level: 'town' });
    const log = await admin.admin.events();
    expect(log.items.slice(0, 2)).toMatchObject([
      {
        action: 'deputy_update',
        target: 'D035',
        targetName: '钱立群',
        actorName: '系统管理员',
        changes: { level: 'town', inOffice: false },
      },
      {
        action: 'deputy_create',
        target: 'D035',
        targetName: '钱立群',
        actorName: '平湖市人大常委会办公室 沈敏',
        changes: { code: 'D035', name: '钱立群', regionId: 'xindai', stationId: 'st-xindai' },
      },
    ]);
    expect(Object.keys(log.items[0]!.changes)).toEqual(['level', 'inOffice']);
    expect(log.total).toBe(2);
  });

  it('should have a browser ask again for a deputy’s profile and get 304 while nothing changed, then the deputy marked 不再履职 at once', async ({
    s,
  }) => {
    const profile = () => fetch(`${s.baseUrl}/api/deputies/D001`);
    const first = await profile();
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const tag = first.headers.get('etag');
    expect(tag).toBeTruthy();
    expect(((await first.json()) as { inOffice: boolean }).inOffice).toBe(true);
    const again = await fetch(`${s.baseUrl}/api/deputies/D001`, { headers: { 'if-none-match': tag! } });
    expect(again.status).toBe(304);

    await (await s.as('ding-office')).admin.updateDeputy('D001', { inOffice: false });
    const after = await fetch(`${s.baseUrl}/api/deputies/D001`, { headers: { 'if-none-match': tag! } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { inOffice: boolean }).inOffice).toBe(false);
    // the public list too
    const list = await fetch(`${s.baseUrl}/api/deputies?regionId=danghu`);
    expect(list.headers.get('cache-control')).toBe('public, no-cache');
    expect(((await list.json()) as { items: { code: string }[] }).items.map((d) => d.code)).not.toContain('D001');
  });

  it('should put an uploaded photo on a deputy’s public profile, serve only that photo, and go back to the portrait', async ({ s }) => {
    const office = await s.as('ding-office-danghu');
    const upload = async (as: Awaited<ReturnType<TestServer['as']>>) => ({ id: await uploadPhoto(as, 'portrait.png') });
    const photo = await upload(office);
    const before = counts(s);

    // another user's upload, or a made-up id: refused under photoId, nothing written
    const citizenPhoto = await upload(await s.as('zlb-zhang'));
    for (const photoId of [citizenPhoto.id, 'f'.repeat(32)]) {
      expect(await apiError(office.admin.updateDeputy('D001', { photoId }))).toMatchObject({ status: 400, field: 'photoId' });
    }
    expect(await apiError(office.admin.updateDeputy('D001', { photoId: '../../etc/passwd' }))).toMatchObject({
      status: 400,
      field: 'photoId',
    });
    expect(counts(s)).toEqual(before);
    expect((await s.anonymous().deputies.get('D001')).photoUrl).toBe('/api/deputies/D001/avatar.svg');

    const updated = await office.admin.updateDeputy('D001', { photoId: photo.id });
    expect(updated.photoUrl).toBe(`/api/deputies/D001/photo/${photo.id}`);
    const anon = s.anonymous();
    expect((await anon.deputies.get('D001')).photoUrl).toBe(updated.photoUrl);
    const served = await fetch(`${s.baseUrl}${updated.photoUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    // the route gives out the deputy's photo only: not another upload, not the photo under another deputy
    expect((await fetch(`${s.baseUrl}/api/deputies/D001/photo/${citizenPhoto.id}`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/api/deputies/D002/photo/${photo.id}`)).status).toBe(404);
    const log = await (await s.as('ding-admin')).admin.events();
    expect(log.items[0]).toMatchObject({ action: 'deputy_update', target: 'D001', changes: { photo: '已更换' } });

    // a newly elected deputy can be added with their photo at once
    const another = await upload(office);
    const added = await office.admin.createDeputy({
      name: '陆新民',
      level: 'town',
      regionId: 'danghu',
      constituency: '当湖街道第3选区',
      photoId: another.id,
    });
    expect(added.photoUrl).toBe(`/api/deputies/${added.code}/photo/${another.id}`);
    expect((await fetch(`${s.baseUrl}${added.photoUrl}`)).status).toBe(200);
    expect(
      await apiError(
        office.admin.createDeputy({
          name: '陆新民',
          level: 'town',
          regionId: 'danghu',
          constituency: '当湖街道第3选区',
          photoId: citizenPhoto.id,
        }),
      ),
    ).toMatchObject({
      status: 400,
      field: 'photoId',
    });

    const reset = await office.admin.updateDeputy('D001', { photoId: null });
    expect(reset.photoUrl).toBe('/api/deputies/D001/avatar.svg');
    expect((await fetch(`${s.baseUrl}${updated.photoUrl}`)).status).toBe(404);
  });
});
