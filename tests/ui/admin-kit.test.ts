// @vitest-environment happy-dom
/**
 * The admin kit's logic without a page: each list's field descriptors give the Vant rules the
 * shared field rules (so the form says what the server's schema says, word for word), a new
 * record sends its trimmed fields and an edit only its changes, a refusal naming a field is told
 * under it, and an account's fields follow its role. The API is a stand-in.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import {
  createDeputySchema,
  createStaffUserSchema,
  createStationSchema,
  createUnitSchema,
  createVillageSchema,
  type AdminStation,
  type AdminUser,
  type Deputy,
} from '@minqing/shared';
import type { FieldRule } from 'vant';
import { ref } from 'vue';
import { ApiFailure } from '../../h5-common/src/api/errors';
import { station, village } from './admin-rows';

const admin = {
  createStation: vi.fn(),
  updateStation: vi.fn(),
  createVillage: vi.fn(),
  updateVillage: vi.fn(),
  createDeputy: vi.fn(),
  updateDeputy: vi.fn(),
  createUser: vi.fn(),
  updateUser: vi.fn(),
  createUnit: vi.fn(),
  updateUnit: vi.fn(),
};
const reference = {
  units: vi.fn(async () => ({ items: [{ id: 'zjj', name: '市住房和城乡建设局', active: true }] })),
  categories: vi.fn(async () => ({ items: [] })),
  regions: vi.fn(async () => ({
    items: [
      { id: 'pinghu', name: '平湖市', kind: 'city', parentId: null },
      { id: 'danghu', name: '当湖街道', kind: 'town', parentId: 'pinghu' },
      { id: 'xindai', name: '新埭镇', kind: 'town', parentId: 'pinghu' },
      { id: 'donghu', name: '东湖社区', kind: 'village', parentId: 'danghu' },
    ],
    stations: [
      { id: 'st-dh', name: '当湖街道人大代表联络站', regionId: 'danghu', address: '当湖路1号' },
      { id: 'st-xd', name: '新埭镇人大代表联络站', regionId: 'xindai', address: '新埭路2号' },
    ],
  })),
};
vi.mock('../../deputy-h5/src/api', async () => {
  const { ApiFailure: Failure } = await import('../../h5-common/src/api/errors');
  const client = { admin, reference, deputies: { list: vi.fn(async () => ({ items: [] })) }, uploads: {} };
  return { api: client, quietApi: client, http: {}, ApiFailure: Failure };
});
vi.mock('vant', async (original) => ({
  ...(await original<typeof import('vant')>()),
  showConfirmDialog: vi.fn(async () => undefined),
}));
const { useStationForm } = await import('../../deputy-h5/src/features/admin/kit/stations');
const { useVillageForm } = await import('../../deputy-h5/src/features/admin/kit/villages');
const { useDeputyForm } = await import('../../deputy-h5/src/features/admin/kit/deputies');
const { useUnitForm } = await import('../../deputy-h5/src/features/admin/kit/units');
const { useAccountForm } = await import('../../deputy-h5/src/features/admin/kit/accounts');
const { placeSaved, bySortThenId } = await import('../../deputy-h5/src/features/admin/kit/useAdminList');
const { useReferenceStore } = await import('../../deputy-h5/src/stores/reference');
const { useAuthStore } = await import('../../deputy-h5/src/stores/auth');

type Form = { rules: { value: Record<string, FieldRule[]> }; fields: { value: { key: string }[] } };
/** What the form's rule for `key` says of `value` (true, or the message under the field). */
const say = (f: Form, key: string, value: string) => f.rules.value[key]![0]!.validator!(value, {} as never);
/** What the server's schema says of `input` at `path`. */
const server = (
  schema: { safeParse: (v: unknown) => { error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  input: object,
  path: string,
) => schema.safeParse(input).error?.issues.find((i) => i.path[0] === path)?.message;
const keys = (f: Form) => f.fields.value.map((s) => s.key);
const INVISIBLE = 'a\u200Bb';

const newStation = (over: Partial<AdminStation> = {}) => station('st-001', '东湖社区代表之家', over);
const staff = (over: Partial<AdminUser> = {}) =>
  ({
    id: 'u-1',
    role: 'office',
    name: '李工',
    phone: null,
    dingUserId: 'ding-li',
    username: null,
    hasPassword: false,
    regionId: 'danghu',
    regionName: '当湖街道',
    unitId: null,
    unitName: null,
    deputyCode: null,
    deputyName: null,
    disabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  }) as AdminUser;

beforeEach(async () => {
  setActivePinia(createPinia());
  for (const fn of Object.values(admin)) fn.mockReset();
  await useReferenceStore().load();
  useAuthStore().setSession({
    token: 't',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: staff({ id: 'admin-1', role: 'admin' }),
  } as never);
});

describe('admin kit: descriptors → rules', () => {
  it('should give each text field the shared rule, saying what the create schema says', () => {
    const cases: [Form, object, string, string, Record<string, unknown>][] = [
      [useStationForm(), createStationSchema, 'name', '', { regionId: 'danghu', address: 'x', receptionDays: 'x' }],
      [useStationForm(), createStationSchema, 'address', INVISIBLE, { name: 'x', regionId: 'danghu', receptionDays: 'x' }],
      [useStationForm(), createStationSchema, 'id', 'ST 1', { name: 'x', regionId: 'danghu', address: 'x', receptionDays: 'x' }],
      [useVillageForm(), createVillageSchema, 'name', INVISIBLE, { townId: 'danghu' }],
      [useUnitForm(), createUnitSchema, 'name', 'x'.repeat(200), { kind: 'department' }],
      [useDeputyForm(), createDeputySchema, 'constituency', '', { name: '张三', level: 'city', regionId: 'danghu' }],
      [useDeputyForm(), createDeputySchema, 'code', 'd-1', { name: '张三', level: 'city', regionId: 'danghu', constituency: 'x' }],
      [useDeputyForm(), createDeputySchema, 'name', INVISIBLE, { level: 'city', regionId: 'danghu', constituency: 'x' }],
    ];
    for (const [form, schema, key, value, rest] of cases) {
      const message = say(form, key, value);
      expect(typeof message, `${key}: ${value}`).toBe('string');
      expect(message).toBe(server(schema as never, { ...rest, [key]: value }, key));
    }
    expect(say(useStationForm(), 'name', INVISIBLE)).toBe('联络站名称含有不可见字符');
    expect(say(useStationForm(), 'id', '')).toBe(true);
    expect(say(useStationForm(), 'receptionDays', '每月15日上午')).toBe(true);
  });

  it('should ask for a picked value and check 排序 as a whole number in range', () => {
    const v = useVillageForm();
    v.open(null);
    expect(say(v, 'townId', '')).toBe('请选择所属镇街');
    v.open(village('donghu', '东湖社区', { sort: 3 }));
    expect(keys(v)).toEqual(['name', 'townId', 'id', 'sort', 'active']);
    expect(v.rules.value.townId).toEqual([]);
    v.form.sort = 1.5;
    expect(say(v, 'sort', '')).toMatch(/^排序为 \d+–\d+ 的整数$/);
    v.form.sort = 2;
    expect(say(v, 'sort', '')).toBe(true);
  });
});

describe('admin kit: payloads', () => {
  it('should send a new station trimmed, without an empty id, and an edit only what changed', async () => {
    const f = useStationForm();
    f.open(null, { regionId: 'danghu' });
    Object.assign(f.form, { name: ' 东湖社区代表之家 ', address: '平湖市当湖街道东湖路8号 ', receptionDays: '每月15日上午' });
    admin.createStation.mockResolvedValue(newStation());
    expect(await f.save()).toEqual({ saved: newStation(), created: true });
    expect(admin.createStation).toHaveBeenCalledWith({
      name: '东湖社区代表之家',
      regionId: 'danghu',
      address: '平湖市当湖街道东湖路8号',
      receptionDays: '每月15日上午',
    });

    f.open(newStation());
    expect(await f.save()).toBe('unchanged');
    f.form.address = '平湖市当湖街道东湖路18号';
    f.form.active = false;
    admin.updateStation.mockResolvedValue(newStation({ active: false }));
    await f.save();
    expect(admin.updateStation).toHaveBeenCalledWith('st-001', { address: '平湖市当湖街道东湖路18号', active: false });
  });

  it('should tell a refusal naming a field under that field, and forget it once the field changes', async () => {
    const f = useStationForm();
    f.open(null, { regionId: 'danghu' });
    Object.assign(f.form, { name: '当湖街道人大代表联络站', address: 'x', receptionDays: 'x' });
    admin.createStation.mockRejectedValue(new ApiFailure('本地区已有同名的联络站', 409, 'conflict', 'name'));
    expect(await f.save()).toBeNull();
    expect(f.errors.name).toBe('本地区已有同名的联络站');
    f.form.name = '东湖社区代表之家';
    await Promise.resolve();
    await new Promise((r) => setTimeout(r));
    expect(f.errors.name).toBeUndefined();
  });

  it('should send a village’s 排序 as a number and 停用 with the edits made just before', async () => {
    const v = useVillageForm();
    const donghu = village('donghu', '东湖社区', { sort: 3 });
    v.open(donghu);
    v.form.sort = '5';
    admin.updateVillage.mockResolvedValue(donghu);
    await v.save({ active: false });
    expect(admin.updateVillage).toHaveBeenCalledWith('donghu', { sort: 5, active: false });
    v.open(null, { townId: 'xindai' });
    v.form.name = ' 通界村 ';
    admin.createVillage.mockResolvedValue(donghu);
    await v.save();
    expect(admin.createVillage).toHaveBeenCalledWith({ name: '通界村', townId: 'xindai' });
  });

  it('should send a deputy’s cleared 联络站 as null, and pick a town’s only station with its region', async () => {
    const d = useDeputyForm();
    const deputy = {
      code: 'D001',
      name: '张三',
      level: 'city',
      regionId: 'danghu',
      regionName: '当湖街道',
      stationId: 'st-dh',
      stationName: '当湖街道人大代表联络站',
      constituency: '当湖第1选区',
      bio: '',
      inOffice: true,
      photoUrl: '/api/deputies/D001/avatar.svg',
    } as unknown as Deputy;
    d.open(deputy);
    const region = d.fields.value.find((s) => s.key === 'regionId')!;
    region.pick!('xindai');
    expect(d.form.stationId).toBe('st-xd');
    d.form.stationId = '';
    admin.updateDeputy.mockResolvedValue(deputy);
    await d.save();
    expect(admin.updateDeputy).toHaveBeenCalledWith('D001', { regionId: 'xindai', stationId: null });
    expect(d.fields.value.find((s) => s.key === 'inOffice')?.confirm?.title).toBe('标记为不再履职');
  });

  it('should send a new unit’s name and kind, then an edit’s 排序 alone, and place it by 排序 in the list', async () => {
    const u = useUnitForm();
    u.open(null, { kind: 'department' });
    u.form.name = ' 市综合行政执法局 ';
    const created = { id: 'u-001', name: '市综合行政执法局', kind: 'department', regionId: null, sort: 100, active: true, defaultFor: [] };
    admin.createUnit.mockResolvedValue(created);
    await u.save();
    expect(admin.createUnit).toHaveBeenCalledWith({ name: '市综合行政执法局', kind: 'department' });
    u.open(created as never);
    u.form.sort = 0;
    admin.updateUnit.mockResolvedValue({ ...created, sort: 0 });
    await u.save();
    expect(admin.updateUnit).toHaveBeenCalledWith('u-001', { sort: 0 });

    const list = ref([
      { id: 'jtj', sort: 10 },
      { id: 'zjj', sort: 10 },
    ]);
    placeSaved(list, { id: 'u-001', sort: 100 }, true, (a, b) => a.id === b.id, bySortThenId);
    expect(list.value.map((x) => x.id)).toEqual(['jtj', 'zjj', 'u-001']);
    placeSaved(list, { id: 'u-001', sort: 0 }, false, (a, b) => a.id === b.id, bySortThenId);
    expect(list.value.map((x) => x.id)).toEqual(['u-001', 'jtj', 'zjj']);
  });
});

describe('admin kit: an account’s role decides its fields', () => {
  const form = () => {
    const f = useAccountForm();
    f.open(null);
    return f;
  };
  const field = (f: ReturnType<typeof useAccountForm>, key: string) => f.fields.value.find((s) => s.key === key);

  it('should ask for the role first, then the scope and logins the role has', () => {
    const f = form();
    expect(keys(f)).toEqual(['role', 'name', 'phone']);
    expect(say(f, 'role', '')).toBe(server(createStaffUserSchema, { name: 'x' }, 'role'));

    f.form.role = 'unit';
    expect(keys(f)).toEqual(['role', 'name', 'phone', 'dingUserId', 'unitId']);
    expect(field(f, 'unitId')).toMatchObject({ label: '承办单位', required: true });
    expect(say(f, 'unitId', '')).toBe('请选择承办单位');
    expect(say(f, 'dingUserId', '')).toBe('请填写浙政钉账号');

    f.form.role = 'office';
    expect(keys(f)).toEqual(['role', 'name', 'phone', 'dingUserId', 'regionId', 'username', 'password']);
    expect(say(f, 'dingUserId', '')).toBe(server(createStaffUserSchema, { role: 'office', name: 'x', regionId: 'danghu' }, 'dingUserId'));
    f.form.password = 'abc';
    expect(say(f, 'username', '')).toBe('请填写用户名');
    expect(say(f, 'password', 'abc')).toBe(server(createStaffUserSchema, { password: 'abc' }, 'password'));
    f.form.password = '';
    f.form.username = 'e2e-xindai';
    expect(say(f, 'password', '')).toBe('请设置初始密码');
    expect(say(f, 'dingUserId', '')).toBe(true);

    f.form.role = 'deputy';
    expect(field(f, 'deputyCode')?.label).toBe('对应代表');
    expect(keys(f)).not.toContain('username');
  });

  it('should send a new account’s scope and password login only for the role that has them', async () => {
    const f = form();
    Object.assign(f.form, {
      role: 'office',
      name: ' 测试员 ',
      phone: '',
      dingUserId: '',
      username: 'e2e-x',
      password: 'Xindai2026',
      regionId: 'xindai',
      unitId: 'zjj',
    });
    admin.createUser.mockResolvedValue(staff());
    await f.save();
    expect(admin.createUser).toHaveBeenCalledWith({
      role: 'office',
      name: '测试员',
      phone: undefined,
      dingUserId: undefined,
      username: 'e2e-x',
      password: 'Xindai2026',
      regionId: 'xindai',
    });
  });

  it('should leave a citizen’s name and phone to 浙里办 and send only 停用', async () => {
    const f = useAccountForm();
    const citizen = staff({ id: 'c-1', role: 'citizen', name: '陈女士', phone: '138****1234', dingUserId: null });
    f.open(citizen);
    expect(keys(f)).toEqual(['role', 'name', 'phone', 'citizenNote', 'disabled']);
    expect(field(f, 'name')).toMatchObject({ readonly: true, required: false });
    expect(f.rules.value.name).toEqual([]);
    f.form.name = '改名';
    f.form.disabled = true;
    admin.updateUser.mockResolvedValue(citizen);
    await f.save();
    expect(admin.updateUser).toHaveBeenCalledWith('c-1', { disabled: true });
  });

  it('should show an existing account’s username read-only, reset a password only where there is one, and not stop oneself', async () => {
    const f = useAccountForm();
    f.open(staff({ username: 'li', hasPassword: true }));
    expect(field(f, 'username')).toMatchObject({ readonly: true });
    expect(field(f, 'password')?.label).toBe('重置密码');
    expect(field(f, 'disabled')).toMatchObject({ disabled: false, confirm: { when: true, title: '停用账号' } });
    f.form.password = 'Newpass2026';
    admin.updateUser.mockResolvedValue(staff());
    await f.save();
    expect(admin.updateUser).toHaveBeenCalledWith('u-1', { password: 'Newpass2026' });

    f.open(staff());
    expect(keys(f)).not.toContain('password');
    f.open(staff({ id: 'admin-1', role: 'admin', regionId: null }));
    expect(field(f, 'disabled')).toMatchObject({ disabled: true, hint: '不能停用自己的账号' });
  });
});
