// @vitest-environment happy-dom
/**
 * The admin list page (AdminListPage) with its real form, mounted for each list with the real
 * Vant components over a stand-in API: rows, groups and totals, search and filters, the empty
 * text, a form stopped before sending, a refusal under its field, a confirmation before 停用,
 * and what each list does after a save (the station's QR code, the village's 停用 button, the
 * categories' default unit). Toasts and dialogs are recorded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiFailure } from '../../h5-common/src/api/errors';
import { station, village } from './admin-rows';

const REGIONS = [
  { id: 'pinghu', name: '平湖市', kind: 'city', parentId: null },
  { id: 'danghu', name: '当湖街道', kind: 'town', parentId: 'pinghu' },
  { id: 'xindai', name: '新埭镇', kind: 'town', parentId: 'pinghu' },
  { id: 'danghu-01', name: '东湖社区', kind: 'village', parentId: 'danghu' },
];
const unit = (id: string, name: string, kind: string, over = {}) => ({
  id,
  name,
  kind,
  regionId: null,
  regionName: null,
  sort: 10,
  active: true,
  defaultFor: [] as { id: string; name: string }[],
  ...over,
});

const admin = {
  stations: vi.fn(),
  createStation: vi.fn(),
  updateStation: vi.fn(),
  villages: vi.fn(),
  createVillage: vi.fn(),
  updateVillage: vi.fn(),
  units: vi.fn(),
  createUnit: vi.fn(),
  updateUnit: vi.fn(),
  updateCategory: vi.fn(),
  deputies: vi.fn(),
  users: vi.fn(),
};
const reference = {
  units: vi.fn(async () => ({ items: [] })),
  categories: vi.fn(async () => ({ items: [{ id: 'traffic', name: '交通运输', defaultUnitId: 'jtj' }] })),
  regions: vi.fn(async () => ({ items: REGIONS, stations: [] })),
};
const http = { get: vi.fn(async () => ({ data: '<svg/>' })) };
vi.mock('../../deputy-h5/src/api', async () => {
  const { ApiFailure: Failure } = await import('../../h5-common/src/api/errors');
  const client = {
    admin,
    reference,
    deputies: { list: vi.fn(async () => ({ items: [] })) },
    checkins: { stationQrcodeUrl: (id: string) => `/qr/${id}` },
    uploads: {},
  };
  return { api: client, quietApi: client, http, ApiFailure: Failure };
});
const toasts: string[] = [];
const dialogs: string[] = [];
let confirmAnswer = true;
vi.mock('vant', async (original) => ({
  ...(await original<typeof import('vant')>()),
  showToast: (o: string | { message: string }) => void toasts.push(typeof o === 'string' ? o : o.message),
  showConfirmDialog: async (o: { message: string }) => {
    dialogs.push(o.message);
    if (!confirmAnswer) throw new Error('cancel');
  },
  showDialog: async (o: { message: string }) => {
    dialogs.push(o.message);
    throw new Error('完成');
  },
}));
const { default: AdminListPage } = await import('../../deputy-h5/src/features/admin/kit/AdminListPage.vue');
const { useAuthStore } = await import('../../deputy-h5/src/stores/auth');

async function open(list: string, role = 'office', regionId: string | null = 'pinghu') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [{ path: '/:p(.*)*', name: 'poster', component: { render: () => null } }],
  });
  useAuthStore().setSession({
    token: 't',
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    user: { id: 'me', role, name: '我', regionId },
  } as never);
  const wrapper = mount(AdminListPage, { props: { list: list as never }, attachTo: document.body, global: { plugins: [router] } });
  await flushPromises();
  return wrapper;
}
const $ = (sel: string) => document.querySelector(sel) as HTMLElement;
const $$ = (sel: string) => [...document.querySelectorAll(sel)] as HTMLElement[];
const type = async (sel: string, value: string) => {
  const input = $(sel) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
  await flushPromises();
};
const click = async (sel: string) => {
  $(sel).click();
  await flushPromises();
};
const fieldError = (form: string, key: string) =>
  $(`[data-testid="${form}-form"] [data-field="${key}"] .van-field__error-message`)?.textContent;
const settle = () => new Promise((r) => setTimeout(r, 30)).then(flushPromises);
/** After a confirmed 停用 is saved: `update` last sent `id` only `active: false`, `toast` was shown, and its row is tagged `tag`. */
const expectStopped = (update: (typeof admin)[keyof typeof admin], id: string, toast: string, tag: string) => {
  expect(update).toHaveBeenLastCalledWith(id, { active: false });
  expect(toasts).toContain(toast);
  expect($(`[data-id="${id}"] [data-testid="inactive-tag"]`).textContent).toBe(tag);
};

beforeEach(() => {
  setActivePinia(createPinia());
  document.body.innerHTML = '';
  toasts.length = 0;
  dialogs.length = 0;
  confirmAnswer = true;
  for (const fn of Object.values(admin)) fn.mockReset();
});

describe('AdminListPage: 联络站', () => {
  beforeEach(() =>
    admin.stations.mockResolvedValue({
      items: [
        station('st-dh', '当湖街道人大代表联络站'),
        station('st-xd', '新埭镇人大代表联络站', { regionId: 'xindai', regionName: '新埭镇' }),
      ],
    }),
  );

  it('should list the stations with their town and 接待日, narrow them by search, and say when none match', async () => {
    await open('stations');
    expect($$('[data-testid="station-item"]')).toHaveLength(2);
    expect($('[data-testid="station-total"]').textContent).toBe('共 2 个联络站');
    expect($('[data-id="st-xd"]').textContent).toContain('新埭镇 · 2位在任代表');
    expect($('[data-id="st-xd"] [data-testid="station-days"]').textContent).toBe('接待日：每月15日上午');
    await type('[data-testid="station-search"] input', '新埭');
    expect($$('[data-testid="station-item"]').map((e) => e.dataset.id)).toEqual(['st-xd']);
    await type('[data-testid="station-search"] input', '没有');
    expect($('[data-testid="station-empty"]').textContent).toContain('没有找到“没有”相关的联络站');
  });

  it('should stop an empty new station in the form, tell the server’s 409 under the name, then show the new QR code', async () => {
    await open('stations');
    await click('[data-testid="new-station"]');
    await click('[data-testid="station-submit"]');
    expect(fieldError('station', 'name')).toBe('请填写联络站名称');
    expect(admin.createStation).not.toHaveBeenCalled();

    await type('[data-testid="station-form"] [data-field="name"] input', '当湖街道人大代表联络站');
    await click('[data-testid="station-form"] [data-field="regionId"]');
    await click('.search-picker [data-option="danghu"]');
    await type('[data-testid="station-form"] [data-field="address"] input', '东湖路8号');
    await type('[data-testid="station-form"] [data-field="receptionDays"] input', '每月15日上午');
    admin.createStation.mockRejectedValueOnce(new ApiFailure('本地区已有同名的联络站', 409, 'conflict', 'name'));
    await click('[data-testid="station-submit"]');
    await settle();
    expect(fieldError('station', 'name')).toBe('本地区已有同名的联络站');

    await type('[data-testid="station-form"] [data-field="name"] input', '东湖社区代表之家');
    admin.createStation.mockResolvedValueOnce(station('st-001', '东湖社区代表之家'));
    await click('[data-testid="station-submit"]');
    await settle();
    expect(admin.createStation).toHaveBeenLastCalledWith({
      name: '东湖社区代表之家',
      regionId: 'danghu',
      address: '东湖路8号',
      receptionDays: '每月15日上午',
    });
    expect(toasts).toContain('已新增');
    expect($('[data-testid="station-qr-dialog"]').textContent).toContain('东湖社区代表之家的进站二维码已生成');
    expect(http.get).toHaveBeenCalledWith('/qr/st-001', { responseType: 'text' });
    expect($$('[data-testid="station-item"]')).toHaveLength(3);
  });

  it('should ask before 停用 (cancel keeps it on) and send only that', async () => {
    await open('stations');
    await click('[data-id="st-dh"]');
    confirmAnswer = false;
    await click('[data-testid="station-active-switch"]');
    expect(dialogs.at(-1)).toContain('扫码进站签到将被拒绝');
    expect($('[data-testid="station-active-switch"]').getAttribute('aria-checked')).toBe('true');
    confirmAnswer = true;
    await click('[data-testid="station-active-switch"]');
    admin.updateStation.mockResolvedValue(station('st-dh', '当湖街道人大代表联络站', { active: false }));
    await click('[data-testid="station-submit"]');
    await settle();
    expectStopped(admin.updateStation, 'st-dh', '已保存', '停用');
  });
});

describe('AdminListPage: 村（社区）', () => {
  beforeEach(() =>
    admin.villages.mockResolvedValue({
      items: [
        village('danghu-01', '东湖社区', { stations: 1 }),
        village('danghu-06', '通界村'),
        village('xindai-01', '星火村', { townId: 'xindai', townName: '新埭镇' }),
      ],
    }),
  );

  it('should group the villages by town with their 排序 and stations, and filter by town', async () => {
    await open('villages');
    expect($$('.van-cell-group__title').map((e) => e.textContent)).toEqual(['当湖街道（2）', '新埭镇（1）']);
    expect($('[data-id="danghu-01"] [data-testid="village-detail"]').textContent).toBe('排序 1 · 1个联络站');
    expect($('[data-id="danghu-06"] [data-testid="village-detail"]').textContent).toBe('排序 6 · 无联络站');
    expect($('[data-testid="village-total"]').textContent).toBe('共 3 个村（社区）');
    expect($('[data-testid="town-filter"]')).not.toBeNull();
  });

  it('should stop a village with its button after a confirmation, and tell a refusal under 状态', async () => {
    await open('villages');
    await click('[data-id="danghu-01"]');
    expect($('[data-testid="village-stations"]').textContent).toContain('有1个联络站服务本村（社区）');
    admin.updateVillage.mockRejectedValueOnce(
      new ApiFailure('该村（社区）还有1个联络站在用，请先在联络站中改选所属地区或停用', 409, 'conflict', 'active'),
    );
    await click('[data-testid="village-stop"]');
    await settle();
    expect(dialogs.at(-1)).toContain('不再提供该村（社区）');
    expect(fieldError('village', 'active')).toBe('该村（社区）还有1个联络站在用，请先在联络站中改选所属地区或停用');

    await click('[data-testid="village-form"] .van-nav-bar__left');
    await click('[data-id="danghu-06"]');
    confirmAnswer = false;
    await click('[data-testid="village-stop"]');
    expect(admin.updateVillage).toHaveBeenCalledTimes(1);
    confirmAnswer = true;
    admin.updateVillage.mockResolvedValueOnce(village('danghu-06', '通界村', { active: false }));
    await click('[data-testid="village-stop"]');
    await settle();
    expectStopped(admin.updateVillage, 'danghu-06', '已停用', '已停用');
  });

  it('should give a town’s office its own town only: no filter, and new villages go there', async () => {
    await open('villages', 'office', 'danghu');
    expect($('[data-testid="town-filter"]')).toBeNull();
    await click('[data-testid="new-village"]');
    expect(($('[data-testid="village-form"] [data-field="townId"] input') as HTMLInputElement).value).toBe('当湖街道');
    await click('[data-testid="village-form"] [data-field="townId"]');
    expect($$('.search-picker[data-picker="选择所属镇街"] [data-option]').map((e) => e.textContent?.trim())).toEqual(['当湖街道']);
  });
});

describe('AdminListPage: 承办单位与分类', () => {
  beforeEach(() =>
    admin.units.mockResolvedValue({
      items: [
        unit('zjj', '市住房和城乡建设局', 'department', { defaultFor: [{ id: 'construction', name: '城乡建设' }] }),
        unit('jtj', '市交通运输局', 'department', { sort: 20, defaultFor: [{ id: 'traffic', name: '交通运输' }] }),
        unit('xd', '新埭镇人民政府', 'town', { regionId: 'xindai', regionName: '新埭镇' }),
      ],
    }),
  );

  it('should group units by kind, narrow them by the kind tabs and search, and show whose default a unit is', async () => {
    await open('units');
    expect($$('.van-cell-group[data-kind] .van-cell-group__title, .van-cell-group__title').map((e) => e.textContent)).toContain(
      '部门（2）',
    );
    expect($('[data-id="jtj"]').textContent).toContain('默认承办：交通运输');
    expect($('[data-id="xd"]').textContent).toContain('xd · 新埭镇');
    await type('[data-testid="unit-search"] input', '住房');
    expect($$('[data-testid="unit-item"]').map((e) => e.dataset.id)).toEqual(['zjj']);
    await click('[data-id="zjj"]');
    expect($('[data-testid="unit-default-for"]').textContent).toContain('城乡建设的默认承办单位');
  });

  it('should ask before 停用 and tell the server’s refusal under the switch', async () => {
    await open('units');
    await click('[data-id="jtj"]');
    await click('[data-testid="unit-active-switch"]');
    expect(dialogs.at(-1)).toContain('停用后交办时不再提供该单位');
    admin.updateUnit.mockRejectedValueOnce(new ApiFailure('该单位是“交通运输”的默认承办单位，请先改选', 409, 'conflict', 'active'));
    await click('[data-testid="unit-submit"]');
    await settle();
    expect(admin.updateUnit).toHaveBeenCalledWith('jtj', { active: false });
    expect(fieldError('unit', 'active')).toContain('“交通运输”的默认承办单位');
  });

  it('should change a category’s default unit among the units in use, and re-read the units', async () => {
    await open('units');
    await click('[data-testid="units-tabs"] .van-tab:nth-child(2)');
    expect($('[data-testid="category-item"][data-id="traffic"]').textContent).toContain('市交通运输局');
    await click('[data-testid="category-item"][data-id="traffic"]');
    admin.updateCategory.mockResolvedValue({ id: 'traffic', name: '交通运输', defaultUnitId: 'zjj' });
    await click('.search-picker [data-option="zjj"]');
    await settle();
    expect(admin.updateCategory).toHaveBeenCalledWith('traffic', { defaultUnitId: 'zjj' });
    expect(admin.units).toHaveBeenCalledTimes(2);
    expect($('[data-testid="category-item"][data-id="traffic"]').textContent).toContain('市住房和城乡建设局');
    expect(toasts.at(-1)).toBe('“交通运输”默认交由市住房和城乡建设局');
  });
});
