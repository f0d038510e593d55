/**
 * 代表名册 in real Chromium on a 375×812 touch phone: the city office opens 我的 → 代表名册,
 * adds a newly elected deputy through the full-screen form (a required field is stopped in the
 * form first), is told the new code and opens their QR poster, finds them by search, gives them a
 * photo (shrunk in the browser, shown on the citizen's QR page instead of the portrait) and takes
 * it back; then marks a seeded deputy 不再履职 after a confirmation (cancel keeps them in office).
 * A citizen's phone opening that deputy's QR landing page sees 该代表已不再履职 and no 向TA反映
 * button, and is sent on to the town's other deputies.
 * Its own server process: it adds a deputy and retires one, which other tests do not expect.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient, signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast, signInCitizen } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { ONE_PIXEL_PNG } from '../helpers/images.js';
import { eventually, openFromMe, staffPhone, watchPosts } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

const NEW_DEPUTY = { name: '钱立群', constituency: '新埭镇第2选区', bio: '新埭镇星火村党总支书记。' };

const items = (page: Page) => page.getByTestId('deputy-item');
const field = (page: Page, name: string) => page.locator(`[data-testid="deputy-form"] [data-field="${name}"]`);
const fieldError = (page: Page, name: string) => field(page, name).locator('.van-field__error-message');
const pick = (page: Page, picker: string, option: string) =>
  page.locator(`.search-picker[data-picker="${picker}"] [data-option="${option}"]`).click();

describe('staff app: 代表名册', () => {
  it('should lead the city office from 我的 to each of its admin lists, all drawn by the one list page', async () => {
    const { page, close } = await staffPhone(e2e, 'ding-office');
    try {
      for (const [link, path, item] of [
        ['units-link', 'units', 'unit-item'],
        ['stations-link', 'stations', 'station-item'],
        ['villages-link', 'villages', 'village-item'],
      ]) {
        await openFromMe(page, link!, new RegExp(`/deputy/admin/${path}$`));
        await eventually(() => page.getByTestId(item!).count()).toBeGreaterThan(0);
      }
    } finally {
      await close();
    }
  });

  it('should let the office add a deputy, mark another 不再履职 after a confirmation, and show citizens the notice on the QR page', async () => {
    const anon = apiClient(base());
    const seeded = (await anon.deputies.list()).items;
    const leaving = seeded.find((d) => d.code === 'D002')!;
    const { page, close } = await staffPhone(e2e, 'ding-office');
    const citizen = await e2e.phone();
    citizen.context.setDefaultTimeout(10_000);
    const posts = watchPosts(page, '/api/admin/deputies');
    try {
      await openFromMe(page, 'deputies-link', /\/deputy\/admin\/deputies$/);
      await eventually(() => items(page).count()).toBe(seeded.length);

      // 新增代表: nothing filled, the form says what is missing; nothing is sent
      await page.getByTestId('new-deputy').click();
      await field(page, 'name').waitFor();
      await page.getByTestId('deputy-submit').click();
      await eventually(() => fieldError(page, 'name').innerText()).toBe('请填写姓名');
      expect(posts).toEqual([]);
      await field(page, 'name').locator('input').fill(NEW_DEPUTY.name);
      await field(page, 'level').click();
      await pick(page, '选择层级', 'county');
      await eventually(() => field(page, 'level').locator('input').inputValue()).toBe('平湖市人大代表');
      await field(page, 'regionId').click();
      await page.locator('.search-picker[data-picker="选择所属地区"] .van-search input').fill('新埭');
      await pick(page, '选择所属地区', 'xindai');
      await eventually(() => field(page, 'regionId').locator('input').inputValue()).toBe('新埭镇');
      // the town's one liaison station is taken for it
      await eventually(() => field(page, 'stationId').locator('input').inputValue()).toBe('新埭镇人大代表联络站');
      await field(page, 'constituency').locator('input').fill(NEW_DEPUTY.constituency);
      await field(page, 'bio').locator('textarea').fill(NEW_DEPUTY.bio);
      const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/deputies') && r.request().method() === 'POST');
      await page.getByTestId('deputy-submit').click();
      const response = await created;
      expect(response.status()).toBe(201);
      expect(response.request().postDataJSON()).toEqual({
        name: NEW_DEPUTY.name,
        level: 'county',
        regionId: 'xindai',
        stationId: 'st-xindai',
        constituency: NEW_DEPUTY.constituency,
        bio: NEW_DEPUTY.bio,
      });
      // told the new code, with the way to their QR poster
      const dialog = page.locator('.van-dialog');
      await eventually(() => dialog.innerText()).toContain('代表编号为 D035');
      await dialog.locator('.van-dialog__confirm').click();
      await page.waitForURL(/\/deputy\/poster\?code=D035$/);
      await eventually(() => page.getByTestId('poster-name').innerText()).toBe(NEW_DEPUTY.name);
      await page.getByTestId('poster-qr').waitFor();
      await page.goBack();
      await page.waitForURL(/\/deputy\/admin\/deputies$/);

      // found in the list by search, with level, town and station
      await page.getByTestId('deputy-search').locator('input').fill('钱立');
      await eventually(() => items(page).count()).toBe(1);
      const row = items(page).first();
      for (const text of [NEW_DEPUTY.name, '平湖市人大代表', '新埭镇 · 新埭镇人大代表联络站', 'D035'])
        expect(await row.innerText()).toContain(text);
      expect(await anon.deputies.get('D035')).toMatchObject({ name: NEW_DEPUTY.name, inOffice: true });

      // 照片: the generated portrait until the office uploads one; the citizen's QR page then shows it
      await row.click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe(NEW_DEPUTY.name);
      expect(await page.getByTestId('deputy-photo-preview').locator('img').getAttribute('src')).toBe('/api/deputies/D035/avatar.svg');
      expect(await page.getByTestId('deputy-photo-reset').count()).toBe(0);
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
      await page
        .getByTestId('deputy-photo-upload')
        .locator('input[type="file"]')
        .setInputFiles({ name: 'portrait.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
      const photo = (await (await uploaded).json()) as { id: string; mime: string };
      expect(photo.mime).toBe('image/jpeg'); // shrunk and re-encoded in the browser
      await eventually(() => page.getByTestId('deputy-photo-preview').locator('img').getAttribute('src')).toMatch(/^blob:/);
      await page.getByTestId('deputy-photo-reset').waitFor();
      const photoSaved = page.waitForResponse((r) => r.url().endsWith('/api/admin/deputies/D035') && r.request().method() === 'PATCH');
      await page.getByTestId('deputy-submit').click();
      const photoPatch = await photoSaved;
      expect(photoPatch.status()).toBe(200);
      expect(photoPatch.request().postDataJSON()).toEqual({ photoId: photo.id });
      await page.getByTestId('deputy-form').waitFor({ state: 'hidden' });
      expect((await anon.deputies.get('D035')).photoUrl).toBe(`/api/deputies/D035/photo/${photo.id}`);
      await citizen.page.goto('/citizen/d/D035');
      const portrait = citizen.page.locator(`img[src="/api/deputies/D035/photo/${photo.id}"]`);
      await eventually(() => portrait.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      // 恢复默认头像: the portrait again
      await row.click();
      await page.getByTestId('deputy-photo-reset').click();
      expect(await page.getByTestId('deputy-photo-preview').locator('img').getAttribute('src')).toBe('/api/deputies/D035/avatar.svg');
      const resetSaved = page.waitForResponse((r) => r.url().endsWith('/api/admin/deputies/D035') && r.request().method() === 'PATCH');
      await page.getByTestId('deputy-submit').click();
      expect((await resetSaved).request().postDataJSON()).toEqual({ photoId: null });
      await page.getByTestId('deputy-form').waitFor({ state: 'hidden' });
      expect((await anon.deputies.get('D035')).photoUrl).toBe('/api/deputies/D035/avatar.svg');

      // mark D002 不再履职: a confirmation first (cancel keeps them in office)
      await page.getByTestId('deputy-search').locator('input').fill('D002');
      await eventually(() => items(page).count()).toBe(1);
      await items(page).first().click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe(leaving.name);
      const sw = page.getByTestId('in-office-switch');
      await sw.click();
      await eventually(() => dialog.innerText()).toContain('标记后群众无法再向该代表提交诉求');
      await dialog.locator('.van-dialog__cancel').click();
      expect(await sw.getAttribute('aria-checked')).toBe('true');
      await sw.click();
      await dialog.locator('.van-dialog__confirm').click();
      await eventually(() => sw.getAttribute('aria-checked')).toBe('false');
      const patched = page.waitForResponse((r) => r.url().endsWith('/api/admin/deputies/D002') && r.request().method() === 'PATCH');
      await page.getByTestId('deputy-submit').click();
      const patch = await patched;
      expect(patch.status()).toBe(200);
      expect(patch.request().postDataJSON()).toEqual({ inOffice: false });
      await expectToast(page, '已保存');
      await page.getByTestId('deputy-form').waitFor({ state: 'hidden' });
      await eventually(() => items(page).first().getByTestId('not-in-office-tag').innerText()).toBe('不再履职');
      await page.getByTestId('deputy-search').locator('input').fill('');
      await eventually(() => items(page).count()).toBe(seeded.length + 1);
      // the picture without the fading 已保存 toast over the list
      await page.locator('.van-toast').waitFor({ state: 'hidden' });
      await screenshot(page, 'deputy-23-deputies', { fullPage: false });

      // the 操作日志 (admin) reads the four changes
      const admin = await signInAs(base(), 'ding-admin');
      const log = (await admin.admin.events()).items;
      expect(log.slice(0, 4).map((e) => [e.action, e.target])).toEqual([
        ['deputy_update', 'D002'],
        ['deputy_update', 'D035'],
        ['deputy_update', 'D035'],
        ['deputy_create', 'D035'],
      ]);
      expect([log[1]!.changes, log[2]!.changes]).toEqual([{ photo: '恢复默认头像' }, { photo: '已更换' }]);

      // a citizen scans D002's poster: the notice, no 向TA反映, and the town's other deputies
      await citizen.page.goto('/citizen/d/D002');
      await eventually(() => citizen.page.getByTestId('not-in-office').innerText()).toContain('该代表已不再履职');
      expect(await citizen.page.getByTestId('report').count()).toBe(0);
      expect(await citizen.page.getByText('向TA反映').count()).toBe(0);
      await citizen.page.getByTestId('other-deputies').click();
      await citizen.page.waitForURL(/\/citizen\/\?regionId=zhongdai$/);
      const names = citizen.page.locator('.home__results');
      await eventually(() => names.innerText()).toContain('共 ');
      expect(await names.innerText()).not.toContain(leaving.name);
      const others = (await anon.deputies.list({ regionId: 'zhongdai' })).items;
      expect(others.length).toBeGreaterThan(0);
      expect(others.map((d) => d.code)).not.toContain('D002');
      for (const d of others) expect(await names.innerText()).toContain(d.name);

      // a signed-in citizen following a saved link straight to the form is told before typing, not at 提交
      await signInCitizen(citizen.context, base());
      await citizen.page.goto('/citizen/d/D002/submit');
      await eventually(() => citizen.page.getByTestId('not-in-office').innerText()).toContain(
        `${leaving.name}代表已不再履职，不能再向TA提交`,
      );
      expect(await citizen.page.locator('.submit__btn').count()).toBe(0);
      expect(await citizen.page.locator('[data-field="body"]').count()).toBe(0);
      await citizen.page.getByTestId('other-deputies').click();
      await citizen.page.waitForURL(/\/citizen\/\?regionId=zhongdai$/);
    } finally {
      await citizen.close();
      await close();
    }
  });
});
