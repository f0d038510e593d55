import { describe, expect } from 'vitest';
import type { CreateStaffUserInput } from '@minqing/shared';
import { apiError, type TestServer } from '../helpers/server.js';
import { expectRefusals, it, type Refusal } from '../helpers/server-test.js';

/** 账号管理: an admin opens, changes and stops staff accounts; every change is logged, append-only. */

const officeAccount = (over: Partial<CreateStaffUserInput> = {}): CreateStaffUserInput => ({
  role: 'office',
  name: '新埭镇人大 周婷',
  phone: '13957300001',
  username: 'office-xindai',
  password: 'Minqing2026',
  regionId: 'xindai',
  ...over,
});
const counts = (s: TestServer) =>
  s.db.prepare('SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM admin_events) AS events').get() as {
    users: number;
    events: number;
  };

describe('账号管理', () => {
  it('should let an admin open an office account that then signs in with its password, scoped to its region', async ({ s, admin }) => {
    const created = await admin.admin.createUser(officeAccount());
    expect(created).toMatchObject({
      role: 'office',
      name: '新埭镇人大 周婷',
      username: 'office-xindai',
      hasPassword: true,
      regionId: 'xindai',
      regionName: '新埭镇',
      disabled: false,
    });

    const signedIn = await s.anonymous().auth.password('office-xindai', 'Minqing2026');
    expect(signedIn.user).toMatchObject({ id: created.id, role: 'office', regionId: 'xindai' });

    const found = await admin.admin.users({ q: '周婷' });
    expect(found.items.map((u) => u.id)).toEqual([created.id]);
    const log = await admin.admin.events();
    expect(log.items[0]).toMatchObject({
      action: 'user_create',
      target: created.id,
      targetName: '新埭镇人大 周婷',
      actorName: '系统管理员',
    });
    expect(log.items[0]!.changes).toMatchObject({ role: 'office', username: 'office-xindai', password: '已设置' });
    expect(JSON.stringify(log.items[0])).not.toContain('Minqing2026');
    expect(JSON.stringify(s.db.prepare('SELECT * FROM admin_events').all())).not.toContain('Minqing2026');
  });

  it('should open a deputy account bound to its deputy that signs in through the workplace app (the stand-in learns it in demo mode)', async ({
    s,
    admin,
  }) => {
    const deputy = await admin.admin.createUser({
      role: 'deputy',
      name: '张建国（新手机）',
      dingUserId: 'ding-d001-new',
      deputyCode: 'D001',
    });
    expect(deputy).toMatchObject({ deputyCode: 'D001', deputyName: '张建国', dingUserId: 'ding-d001-new', hasPassword: false });
    expect((await s.anonymous().mockIdp.accounts()).map((a) => a.account)).toContain('ding-d001-new');
    const me = await s.as('ding-d001-new');
    expect((await me.me()).deputyCode).toBe('D001');
  });

  it('should refuse bad and conflicting input field by field and change nothing', async ({ s, admin }) => {
    const before = counts(s);
    const cases: Refusal[] = [
      [officeAccount({ password: 'short1' }), 400, 'password', '密码至少8位'],
      [officeAccount({ password: 'longenoughpassword' }), 400, 'password', '密码须同时包含字母和数字'],
      [officeAccount({ regionId: undefined }), 400, 'regionId', '请选择所属地区'],
      [officeAccount({ regionId: 'atlantis' }), 400, 'regionId', '所属地区不存在'],
      [officeAccount({ phone: '12345' }), 400, 'phone', '请输入正确的11位手机号码'],
      [officeAccount({ name: '  ' }), 400, 'name', '请填写姓名'],
      [officeAccount({ username: 'office' }), 409, 'username', '该用户名已被使用'],
      [{ role: 'unit', name: '住建局 新人', dingUserId: 'ding-unit-zjj', unitId: 'zjj' }, 409, 'dingUserId', '该浙政钉账号已开通'],
      [{ role: 'unit', name: '住建局 新人', dingUserId: 'ding-new-1' }, 400, 'unitId', '请选择承办单位'],
      [
        { role: 'unit', name: '住建局 新人', dingUserId: 'ding-new-1', unitId: 'zjj', username: 'zjj', password: 'Minqing2026' },
        400,
        'username',
        '只有人大工作人员和管理员可以用密码登录',
      ],
      [{ role: 'leader', name: '领导', regionId: 'pinghu' }, 400, 'dingUserId', '请填写浙政钉账号'],
      [{ role: 'citizen', name: '张三', dingUserId: 'x1' }, 400, 'role', '请选择角色（代表、人大工作人员、承办人、领导或管理员）'],
      [{ ...officeAccount(), isAdmin: true }, 400, undefined, '不支持的字段：isAdmin'],
      [{ ...officeAccount(), name: 42 }, 400, 'name', '姓名必须是文字'],
    ];
    await expectRefusals((body) => admin.http.post('/api/admin/users', body), cases);
    expect(counts(s)).toEqual(before);
  });

  it('should stop a disabled account at once: its open session and its next sign-in are refused', async ({ s, admin, unit }) => {
    expect((await unit.me()).role).toBe('unit');
    const changed = await admin.admin.updateUser(unit.userId, { disabled: true });
    expect(changed.disabled).toBe(true);
    expect(await apiError(unit.me())).toMatchObject({ status: 401 });
    expect(await apiError(s.as('ding-unit-zjj'))).toMatchObject({ status: 403, message: '您的民情通工作账号已停用，请联系人大办公室' });

    await admin.admin.updateUser(unit.userId, { disabled: false });
    expect((await (await s.as('ding-unit-zjj')).me()).role).toBe('unit');
    const log = (await admin.admin.events()).items.filter((e) => e.target === unit.userId);
    expect(log.map((e) => e.changes)).toEqual([{ disabled: false }, { disabled: true }]);
  });

  it('should reset an office password, move an account to another region, and keep the role', async ({ s, admin }) => {
    const office = await s.as('ding-office-danghu');
    const moved = await admin.admin.updateUser(office.userId, { regionId: 'zhongdai', password: 'NewPass2026' });
    expect(moved).toMatchObject({ regionId: 'zhongdai', role: 'office' });
    expect((await s.anonymous().auth.password('office-danghu', 'NewPass2026')).user.regionId).toBe('zhongdai');
    expect(await apiError(s.anonymous().auth.password('office-danghu', 'Demo@2026'))).toMatchObject({ status: 401 });
    expect(await apiError(admin.http.patch(`/api/admin/users/${office.userId}`, { role: 'admin' }))).toMatchObject({
      status: 400,
      message: '不支持的字段：role',
    });
    const event = (await admin.admin.events()).items[0]!;
    expect(event).toMatchObject({ action: 'user_update', target: office.userId });
    expect(event.changes).toEqual({ regionId: 'zhongdai', password: '已重置' });
  });

  it('should not let an admin stop themself, nor edit a citizen beyond stopping them, and keep citizens’ phones masked', async ({
    s,
    admin,
    citizen,
  }) => {
    const before = counts(s);
    expect(await apiError(admin.admin.updateUser(admin.userId, { disabled: true }))).toMatchObject({
      status: 400,
      field: 'disabled',
      message: '不能停用自己的账号',
    });
    expect(await apiError(admin.admin.updateUser(citizen.userId, { name: '改名' }))).toMatchObject({ status: 400, field: 'name' });
    expect(await apiError(admin.admin.updateUser('u-nobody', { disabled: true }))).toMatchObject({ status: 404 });
    expect(counts(s)).toEqual(before);

    const citizens = await admin.admin.users({ role: 'citizen' });
    expect(citizens.total).toBeGreaterThan(0);
    for (const u of citizens.items) if (u.phone) expect(u.phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    await admin.admin.updateUser(citizen.userId, { disabled: true });
    expect(await apiError(citizen.me())).toMatchObject({ status: 401 });
  });

  it('should list accounts by role and search with LIKE wildcards taken literally, newest first, in pages', async ({ s, admin }) => {
    const offices = await admin.admin.users({ role: 'office', pageSize: 100 });
    expect(offices.items.length).toBe(offices.total);
    expect(offices.items.every((u) => u.role === 'office')).toBe(true);
    expect((await admin.admin.users({ q: '%' })).total).toBe(0);
    expect((await admin.admin.users({ q: '_' })).total).toBe(0);
    s.clock.advanceHours(1);
    const a = await admin.admin.createUser(officeAccount({ username: 'office_a', name: '甲' }));
    s.clock.advanceHours(1);
    const b = await admin.admin.createUser(officeAccount({ username: 'office-b', name: '乙' }));
    expect((await admin.admin.users({ q: 'office_' })).items.map((u) => u.id)).toEqual([a.id]);
    const page1 = await admin.admin.users({ pageSize: 1 });
    expect(page1.items[0]!.id).toBe(b.id);
    expect((await admin.admin.users({ pageSize: 1, page: 2 })).items[0]!.id).toBe(a.id);
    expect(await apiError(admin.http.get('/api/admin/users?role=king'))).toMatchObject({ status: 400, field: 'role' });
    expect((await admin.admin.users({ disabled: 'true' })).total).toBe(0);
  });

  it('should log changes of 系统设置 and refuse to alter or remove a logged change', async ({ s, admin }) => {
    const limits = await admin.settings.limits();
    await admin.settings.setLimits({ ...limits, ratingWindowDays: 10 });
    await admin.settings.setReplyReview({ regionIds: ['danghu'] });
    const [review, limit] = (await admin.admin.events()).items;
    expect(limit).toMatchObject({ action: 'settings_update', target: 'limits', changes: { ratingWindowDays: 10 } });
    expect(review).toMatchObject({ action: 'settings_update', target: 'replyReview', changes: { regionIds: ['danghu'] } });
    expect(() => s.db.prepare("UPDATE admin_events SET changes = '{}'").run()).toThrow(/append-only/);
    expect(() => s.db.prepare('DELETE FROM admin_events').run()).toThrow(/append-only/);
  });
});
