/**
 * 承办单位与分类 in real Chromium on a 375×812 touch phone: the admin opens 我的 → 承办单位, adds
 * a new department through the full-screen form (an empty name is stopped in the form, a name
 * already in use comes back from the server under its field), makes it 城乡建设's default unit
 * in 分类与默认承办单位, is refused stopping 交通运输局 (交通运输's default, the reason under the
 * switch), and stops 住建局 after a confirmation. The city office then assigns a new
 * construction case: the new department is proposed, and 住建局 is no longer in the picker.
 * Its own server process: it adds and stops units, which other tests do not expect.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient, signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { eventually, openAction, staffPhone } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

const NEW_UNIT = '市综合行政执法局';
const items = (page: Page) => page.getByTestId('unit-item');
const field = (page: Page, name: string) => page.locator(`[data-testid="unit-form"] [data-field="${name}"]`);
const fieldError = (page: Page, name: string) => field(page, name).locator('.van-field__error-message');
const pick = (page: Page, picker: string, option: string) =>
  page.locator(`.search-picker[data-picker="${picker}"] [data-option="${option}"]`).click();

describe('staff app: 承办单位与分类', () => {
  it("should let the admin add a unit, make it a category's default, stop another, and the office's assign picker no longer offers it", async () => {
    const seeded = (await apiClient(base()).reference.units()).items;
    const { page, close } = await staffPhone(e2e, 'ding-admin');
    const office = await staffPhone(e2e, 'ding-office');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/admin/units')) posts.push(r.postData() ?? '');
    });
    try {
      await page.goto('/deputy/me');
      await page.getByTestId('units-link').click();
      await page.waitForURL(/\/deputy\/admin\/units$/);
      await eventually(() => items(page).count()).toBe(seeded.length);

      // 新增单位: nothing filled, the form says what is missing; nothing is sent
      await page.getByTestId('new-unit').click();
      await field(page, 'name').waitFor();
      await page.getByTestId('unit-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('请填写单位名称');
      expect(posts).toEqual([]);
      // a name in use: the server's 409 under the name
      await field(page, 'name').locator('input').fill('市交通运输局');
      await field(page, 'kind').click();
      await pick(page, '选择单位类别', 'department');
      await eventually(() => field(page, 'kind').locator('input').inputValue()).toBe('部门');
      await page.getByTestId('unit-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('已有同名的承办单位');
      await field(page, 'name').locator('input').fill(NEW_UNIT);
      const created = page.waitForResponse(
        (r) => r.url().endsWith('/api/admin/units') && r.request().method() === 'POST' && r.status() === 201,
      );
      await page.getByTestId('unit-submit').click();
      const response = await created;
      expect(response.request().postDataJSON()).toEqual({ name: NEW_UNIT, kind: 'department' });
      await page.getByTestId('unit-form').waitFor({ state: 'hidden' });
      const row = page.locator('[data-testid="unit-item"][data-id="u-001"]');
      await eventually(() => row.innerText()).toContain(NEW_UNIT);
      expect(await page.locator('.van-cell-group[data-kind="department"] [data-id="u-001"]').count()).toBe(1);
      // a new department goes after the others; 排序 0 puts it first
      const departments = page.locator('.van-cell-group[data-kind="department"] [data-testid="unit-item"]');
      await eventually(() => departments.last().getAttribute('data-id')).toBe('u-001');
      await row.click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe(NEW_UNIT);
      const sortInput = field(page, 'sort').locator('input');
      await sortInput.fill('0');
      await sortInput.blur();
      const moved = page.waitForResponse((r) => r.url().endsWith('/api/admin/units/u-001') && r.request().method() === 'PATCH');
      await page.getByTestId('unit-submit').click();
      expect((await moved).request().postDataJSON()).toEqual({ sort: 0 });
      await page.getByTestId('unit-form').waitFor({ state: 'hidden' });
      await eventually(() => departments.first().getAttribute('data-id')).toBe('u-001');

      // 分类与默认承办单位: 城乡建设 now goes to the new department
      await page.locator('[data-testid="units-tabs"] .van-tab', { hasText: '分类与默认承办单位' }).click();
      const construction = page.locator('[data-testid="category-item"][data-id="construction"]');
      await eventually(() => construction.innerText()).toContain('市住房和城乡建设局');
      await construction.click();
      const patched = page.waitForResponse(
        (r) => r.url().endsWith('/api/admin/categories/construction') && r.request().method() === 'PATCH',
      );
      await pick(page, '选择默认承办单位', 'u-001');
      const patch = await patched;
      expect(patch.status()).toBe(200);
      expect(patch.request().postDataJSON()).toEqual({ defaultUnitId: 'u-001' });
      await eventually(() => construction.innerText()).toContain(NEW_UNIT);

      // 交通运输局 is still 交通运输's default: stopping it is refused, the reason under the switch
      await page.locator('[data-testid="units-tabs"] .van-tab', { hasText: /^承办单位$/ }).click();
      await page.locator('[data-testid="unit-item"][data-id="jtj"]').click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe('市交通运输局');
      const sw = page.getByTestId('unit-active-switch');
      const dialog = page.locator('.van-dialog');
      await sw.click();
      await eventually(() => dialog.innerText()).toContain('停用后交办时不再提供该单位');
      await dialog.locator('.van-dialog__confirm').click();
      await eventually(() => sw.getAttribute('aria-checked')).toBe('false');
      await page.getByTestId('unit-submit').click();
      await eventually(() => fieldError(page, 'active').innerText()).toContain('“交通运输”的默认承办单位');
      await page.locator('[data-testid="unit-form"] .van-nav-bar__left').click();
      await page.getByTestId('unit-form').waitFor({ state: 'hidden' });

      // 住建局 is no one's default any more: stopped after a confirmation (cancel keeps it)
      await page.getByTestId('unit-search').locator('input').fill('住房');
      await eventually(() => items(page).count()).toBe(1);
      await items(page).first().click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe('市住房和城乡建设局');
      await sw.click();
      await dialog.locator('.van-dialog__cancel').click();
      expect(await sw.getAttribute('aria-checked')).toBe('true');
      await sw.click();
      await dialog.locator('.van-dialog__confirm').click();
      await eventually(() => sw.getAttribute('aria-checked')).toBe('false');
      const stopped = page.waitForResponse((r) => r.url().endsWith('/api/admin/units/zjj') && r.request().method() === 'PATCH');
      await page.getByTestId('unit-submit').click();
      const stop = await stopped;
      expect(stop.status()).toBe(200);
      expect(stop.request().postDataJSON()).toEqual({ active: false });
      await expectToast(page, '已保存');
      await page.getByTestId('unit-form').waitFor({ state: 'hidden' });
      await eventually(() => items(page).first().getByTestId('inactive-tag').innerText()).toBe('停用');
      await page.getByTestId('unit-search').locator('input').fill('');
      await eventually(() => items(page).count()).toBe(seeded.length + 1);
      await screenshot(page, 'deputy-24-units', { fullPage: false });

      // the 操作日志 reads the four changes
      const admin = await signInAs(base(), 'ding-admin');
      expect((await admin.admin.events()).items.slice(0, 4).map((e) => [e.action, e.target])).toEqual([
        ['unit_update', 'zjj'],
        ['category_update', 'construction'],
        ['unit_update', 'u-001'],
        ['unit_create', 'u-001'],
      ]);

      // a new construction case in triage: the office is offered the new department, not 住建局
      const citizen = await signInAs(base(), 'zlb-chen');
      const c = await citizen.cases.create(
        {
          deputyCode: 'D001',
          title: '有人违章搭建',
          body: '东湖社区有一户居民在院子外私自搭建彩钢棚，占用了公共通道，消防车都进不来，请城建部门核实处理。',
          contactPhone: '13857310004',
        },
        randomUUID(),
      );
      await (await signInAs(base(), 'ding-d001')).cases.transition(c.id, { action: 'forward' });
      await office.page.goto(`/deputy/cases/${c.id}`);
      await office.page.getByTestId('suggestions').waitFor();
      await openAction(office.page, 'assign');
      const unitField = office.page.locator('[data-form="assign"] [data-field="unit"]');
      await eventually(() => unitField.locator('input').inputValue()).toBe(NEW_UNIT);
      await unitField.click();
      const options = office.page.locator('.van-picker-column__item');
      await eventually(() => options.count()).toBeGreaterThan(5);
      const offered = await options.allInnerTexts();
      expect(offered.some((t) => t.startsWith(NEW_UNIT))).toBe(true);
      expect(offered.some((t) => t.includes('市住房和城乡建设局'))).toBe(false);
      expect(offered.some((t) => t.includes('市交通运输局'))).toBe(true);
    } finally {
      await office.close();
      await close();
    }
  });
});
