/**
 * 联络站 in real Chromium on a 375×812 touch phone: the city office opens 我的 → 联络站, adds a
 * new 代表之家 with its reception days through the full-screen form (an empty name is stopped in
 * the form, a name already used in the town comes back from the server under its field), is
 * shown the new station's check-in QR code, finds it in the list by search and by town, changes
 * its address, and stops it after a confirmation: it leaves the public station list.
 * Its own server process: it adds and stops stations, which other tests do not expect.
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

const NEW_STATION = '东湖社区代表之家';
const items = (page: Page) => page.getByTestId('station-item');
const field = (page: Page, name: string) => page.locator(`[data-testid="station-form"] [data-field="${name}"]`);
const fieldError = (page: Page, name: string) => field(page, name).locator('.van-field__error-message');
const pick = (page: Page, picker: string, option: string) =>
  page.locator(`.search-picker[data-picker="${picker}"] [data-option="${option}"]`).click();

describe('staff app: 联络站', () => {
  it('should let the office add a station with its reception days, find it in the list, change its address and stop it', async () => {
    const seeded = (await apiClient(base()).reference.regions()).stations;
    const { page, close } = await staffPhone(e2e, 'ding-office');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/admin/stations')) posts.push(r.postData() ?? '');
    });
    try {
      await page.goto('/deputy/me');
      await page.getByTestId('stations-link').click();
      await page.waitForURL(/\/deputy\/admin\/stations$/);
      await eventually(() => items(page).count()).toBe(seeded.length);

      // 新增联络站: nothing filled, the form says what is missing; nothing is sent
      await page.getByTestId('new-station').click();
      await field(page, 'name').waitFor();
      await page.getByTestId('station-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('请填写联络站名称');
      expect(posts).toEqual([]);
      // a name the town already has: the server's 409 under the name
      await field(page, 'name').locator('input').fill('当湖街道人大代表联络站');
      await field(page, 'regionId').click();
      await pick(page, '选择所属地区', 'danghu');
      await eventually(() => field(page, 'regionId').locator('input').inputValue()).toBe('当湖街道');
      await field(page, 'address').locator('input').fill('平湖市当湖街道东湖路8号');
      await field(page, 'receptionDays').locator('input').fill('每月15日上午');
      await page.getByTestId('station-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('本地区已有同名的联络站');
      await field(page, 'name').locator('input').fill(NEW_STATION);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/admin/stations') && r.request().method() === 'POST' && r.status() === 201,
      );
      await page.getByTestId('station-submit').click();
      const response = await created;
      expect(response.request().postDataJSON()).toEqual({
        name: NEW_STATION,
        regionId: 'danghu',
        address: '平湖市当湖街道东湖路8号',
        receptionDays: '每月15日上午',
      });
      await page.getByTestId('station-form').waitFor({ state: 'hidden' });

      // its check-in QR code is shown at once
      const dialog = page.getByTestId('station-qr-dialog');
      await eventually(() => dialog.innerText()).toContain(`${NEW_STATION}的进站二维码已生成`);
      await eventually(() => page.getByTestId('station-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
      await dialog.locator('.van-dialog__confirm').click();
      await dialog.waitFor({ state: 'hidden' });

      // found by search, with its town and reception days
      const row = page.locator('[data-testid="station-item"][data-id="st-001"]');
      await eventually(() => row.innerText()).toContain('接待日：每月15日上午');
      await page.getByTestId('station-search').locator('input').fill('东湖');
      await eventually(() => items(page).count()).toBe(1);
      expect(await items(page).first().innerText()).toContain('当湖街道');
      expect((await apiClient(base()).reference.regions()).stations.find((s) => s.id === 'st-001')).toMatchObject({
        name: NEW_STATION,
        receptionDays: '每月15日上午',
      });

      // its address corrected: only the change is sent
      await items(page).first().click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe(NEW_STATION);
      await field(page, 'address').locator('input').fill('平湖市当湖街道东湖路18号');
      const patched = page.waitForResponse((r) => r.url().endsWith('/api/admin/stations/st-001') && r.request().method() === 'PATCH');
      await page.getByTestId('station-submit').click();
      const patch = await patched;
      expect(patch.status()).toBe(200);
      expect(patch.request().postDataJSON()).toEqual({ address: '平湖市当湖街道东湖路18号' });
      await expectToast(page, '已保存');
      await page.getByTestId('station-form').waitFor({ state: 'hidden' });
      await eventually(() => row.innerText()).toContain('东湖路18号');
      await page.getByTestId('station-search').locator('input').fill('');
      await eventually(() => items(page).count()).toBe(seeded.length + 1);
      await page.locator('.van-toast').waitFor({ state: 'hidden' });
      await screenshot(page, 'deputy-25-stations', { fullPage: false });

      // 停用 after a confirmation: tagged in the list, gone from the public list
      await row.click();
      const sw = page.getByTestId('station-active-switch');
      await sw.click();
      const confirm = page.locator('.van-dialog', { hasText: '停用该联络站' });
      await eventually(() => confirm.innerText()).toContain('扫码进站签到将被拒绝');
      await confirm.locator('.van-dialog__confirm').click();
      await eventually(() => sw.getAttribute('aria-checked')).toBe('false');
      const stopped = page.waitForResponse((r) => r.url().endsWith('/api/admin/stations/st-001') && r.request().method() === 'PATCH');
      await page.getByTestId('station-submit').click();
      expect((await stopped).request().postDataJSON()).toEqual({ active: false });
      await page.getByTestId('station-form').waitFor({ state: 'hidden' });
      await eventually(() => row.getByTestId('inactive-tag').innerText()).toBe('停用');
      expect((await apiClient(base()).reference.regions()).stations.map((s) => s.id)).not.toContain('st-001');

      // the 操作日志 reads the three changes
      const admin = await signInAs(base(), 'ding-admin');
      expect((await admin.admin.events()).items.slice(0, 3).map((e) => [e.action, e.target])).toEqual([
        ['station_update', 'st-001'],
        ['station_update', 'st-001'],
        ['station_create', 'st-001'],
      ]);
    } finally {
      await close();
    }
  });
});
