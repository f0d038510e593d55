/**
 * 村（社区） in real Chromium on a 375×812 touch phone: the city office opens 我的 → 村（社区）,
 * sees every town's villages by town, adds 新华社区 to 当湖街道 through the full-screen form (an
 * empty name is stopped in the form, a name the town already has comes back from the server
 * under its field), moves it first with 排序, is refused stopping a community a liaison station
 * serves (the reason under 状态), and stops 通界村 after a confirmation. A citizen's 群众能找
 * picker then offers 新华社区 and no longer 通界村; 当湖街道's own office sees only its town.
 * Its own server process: it adds and stops villages and adds a station, which other tests do not expect.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient, signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { eventually, staffPhone } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

const NEW_VILLAGE = '新华社区';
const items = (page: Page) => page.getByTestId('village-item');
const row = (page: Page, id: string) => page.locator(`[data-testid="village-item"][data-id="${id}"]`);
const townItems = (page: Page, townId: string) => page.locator(`.van-cell-group[data-town="${townId}"] [data-testid="village-item"]`);
const field = (page: Page, name: string) => page.locator(`[data-testid="village-form"] [data-field="${name}"]`);
const fieldError = (page: Page, name: string) => field(page, name).locator('.van-field__error-message');
const pick = (page: Page, picker: string, option: string) =>
  page.locator(`.search-picker[data-picker="${picker}"] [data-option="${option}"]`).click();
const villagePatch = (page: Page, id: string) =>
  page.waitForResponse((r) => r.url().endsWith(`/api/admin/villages/${id}`) && r.request().method() === 'PATCH');

describe('staff app: 村（社区）', () => {
  it("should let the city office add a community, re-order it and stop a village, and the citizen's town picker follows", async () => {
    const seeded = (await apiClient(base()).reference.regions()).items.filter((r) => r.kind === 'village');
    const { page, close, client: office } = await staffPhone(e2e, 'ding-office');
    // 南河头社区 gets a station of its own: it cannot be stopped while the station is open
    await office.admin.createStation({
      name: '南河头社区代表联络点',
      regionId: 'danghu-02',
      address: '平湖市当湖街道南河头路1号',
      receptionDays: '每月1日上午',
    });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/admin/villages')) posts.push(r.postData() ?? '');
    });
    try {
      await page.goto('/deputy/me');
      await page.getByTestId('villages-link').click();
      await page.waitForURL(/\/deputy\/admin\/villages$/);
      await eventually(() => items(page).count()).toBe(seeded.length);
      await eventually(() => page.locator('.van-cell-group__title').allInnerTexts()).toContain('当湖街道（6）');
      expect(await townItems(page, 'danghu').allInnerTexts()).toEqual([
        expect.stringContaining('东湖社区'),
        expect.stringContaining('南河头社区'),
        expect.stringContaining('虹霓社区'),
        expect.stringContaining('胜利社区'),
        expect.stringContaining('梅兴社区'),
        expect.stringContaining('通界村'),
      ]);
      expect(await row(page, 'danghu-02').getByTestId('village-detail').innerText()).toBe('排序 2 · 1个联络站');
      expect(await row(page, 'danghu-06').getByTestId('village-detail').innerText()).toBe('排序 6 · 无联络站');

      // 新增: nothing filled, the form says what is missing; nothing is sent
      await page.getByTestId('new-village').click();
      await field(page, 'name').waitFor();
      await page.getByTestId('village-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('请填写村（社区）名称');
      expect(posts).toEqual([]);
      // a name the town already has: the server's 409 under the name
      await field(page, 'name').locator('input').fill('东湖社区');
      await field(page, 'townId').click();
      await pick(page, '选择所属镇街', 'danghu');
      await eventually(() => field(page, 'townId').locator('input').inputValue()).toBe('当湖街道');
      await page.getByTestId('village-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('本镇街已有同名的村（社区）');
      await field(page, 'name').locator('input').fill(NEW_VILLAGE);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/admin/villages') && r.request().method() === 'POST' && r.status() === 201,
      );
      await page.getByTestId('village-submit').click();
      expect((await created).request().postDataJSON()).toEqual({ name: NEW_VILLAGE, townId: 'danghu' });
      await expectToast(page, '已新增');
      await page.getByTestId('village-form').waitFor({ state: 'hidden' });

      // it goes after the town's others; 排序 0 puts it first
      const added = row(page, 'danghu-07');
      await eventually(() => added.innerText()).toContain(NEW_VILLAGE);
      await eventually(() => townItems(page, 'danghu').last().getAttribute('data-id')).toBe('danghu-07');
      expect(await added.getByTestId('village-detail').innerText()).toBe('排序 7 · 无联络站');
      await added.click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe(NEW_VILLAGE);
      const sortInput = field(page, 'sort').locator('input');
      await sortInput.fill('0');
      await sortInput.blur();
      const moved = villagePatch(page, 'danghu-07');
      await page.getByTestId('village-submit').click();
      expect((await moved).request().postDataJSON()).toEqual({ sort: 0 });
      await expectToast(page, '已保存');
      await page.getByTestId('village-form').waitFor({ state: 'hidden' });
      await eventually(() => townItems(page, 'danghu').first().getAttribute('data-id')).toBe('danghu-07');
      expect(await added.getByTestId('village-detail').innerText()).toBe('排序 0 · 无联络站');

      // 南河头社区 still has an open station: stopping it is refused, the reason under 状态
      await row(page, 'danghu-02').click();
      await eventually(() => page.getByTestId('village-stations').innerText()).toContain('有1个联络站服务本村（社区）');
      const dialog = page.locator('.van-dialog');
      await page.getByTestId('village-stop').click();
      await eventually(() => dialog.innerText()).toContain('停用南河头社区');
      await dialog.locator('.van-dialog__confirm').click();
      await eventually(() => fieldError(page, 'active').innerText()).toBe(
        '该村（社区）还有1个联络站在用，请先在联络站中改选所属地区或停用',
      );
      await screenshot(page, 'deputy-27-village-refused', { fullPage: false });
      await page.locator('[data-testid="village-form"] .van-nav-bar__left').click();
      await page.getByTestId('village-form').waitFor({ state: 'hidden' });
      expect(await row(page, 'danghu-02').getByTestId('inactive-tag').count()).toBe(0);

      // 通界村 (merged away) is stopped after a confirmation; cancelling sends nothing
      const stopped = row(page, 'danghu-06');
      await stopped.click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe('通界村');
      await page.getByTestId('village-stop').click();
      await eventually(() => dialog.innerText()).toContain('不再提供该村（社区）');
      await dialog.locator('.van-dialog__cancel').click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await field(page, 'active').innerText()).toContain('在用');
      await page.getByTestId('village-stop').click();
      const stop = villagePatch(page, 'danghu-06');
      await dialog.locator('.van-dialog__confirm').click();
      const stopResponse = await stop;
      expect(stopResponse.status()).toBe(200);
      expect(stopResponse.request().postDataJSON()).toEqual({ active: false });
      await expectToast(page, '已停用');
      await page.getByTestId('village-form').waitFor({ state: 'hidden' });
      await eventually(() => stopped.getByTestId('inactive-tag').innerText()).toBe('已停用');
      await eventually(() => page.locator('.van-cell-group__title').allInnerTexts()).toContain('当湖街道（7）');
      await page.locator('.van-toast').waitFor({ state: 'hidden' });
      await screenshot(page, 'deputy-26-villages', { fullPage: false });

      // the 操作日志 reads the three changes (the refused one is not there)
      const admin = await signInAs(base(), 'ding-admin');
      expect((await admin.admin.events()).items.slice(0, 3).map((e) => [e.action, e.target])).toEqual([
        ['village_update', 'danghu-06'],
        ['village_update', 'danghu-07'],
        ['village_create', 'danghu-07'],
      ]);
    } finally {
      await close();
    }

    // 群众能找: 当湖街道 now offers 新华社区 and no longer 通界村
    const citizen = await e2e.phone();
    try {
      await citizen.page.goto('/citizen/');
      await citizen.page.locator('.home__filter .van-cell').first().click();
      await citizen.page.locator('.van-cascader__option', { hasText: '当湖街道' }).click();
      const villages = citizen.page.locator('.van-cascader__options').last().locator('.van-cascader__option');
      await eventually(() => villages.allInnerTexts()).toContain(NEW_VILLAGE);
      const offered = await villages.allInnerTexts();
      expect(offered).toContain('东湖社区');
      expect(offered).not.toContain('通界村');
      await citizen.page.locator('.van-cascader__option', { hasText: NEW_VILLAGE }).click();
      await eventually(() => citizen.page.locator('.home__note').innerText()).toContain(`${NEW_VILLAGE}属于当湖街道`);
    } finally {
      await citizen.close();
    }
  });

  it("should show a town's office only its own town's villages and add new ones there", async () => {
    const { page, close } = await staffPhone(e2e, 'ding-office-danghu');
    try {
      await page.goto('/deputy/admin/villages');
      await eventually(() => page.locator('.van-cell-group__title').allInnerTexts()).toEqual([expect.stringMatching(/^当湖街道（\d+）$/)]);
      expect(await page.getByTestId('town-filter').count()).toBe(0);
      await page.getByTestId('new-village').click();
      await eventually(() => field(page, 'townId').locator('input').inputValue()).toBe('当湖街道');
      await field(page, 'townId').click();
      const options = page.locator('.search-picker[data-picker="选择所属镇街"] [data-option]');
      await eventually(() => options.allInnerTexts()).toEqual(['当湖街道']);
    } finally {
      await close();
    }
  });
});
