/**
 * The submit form when things go wrong (issue 3): a double tap and a lost answer make one
 * case (Idempotency-Key kept with the draft), the draft survives a reload, and a photo that
 * is too large says so clearly. What the form checks before sending (its messages, nothing
 * sent) is tested without a browser in tests/ui/citizen-form.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { agreeToPrivacy, citizenPhone, expectToast, fillCaseForm, signInCitizen, watchSubmissions } from './helpers/citizen.js';
import { makePng, undecodableJpeg } from './helpers/images.js';
import { withServerAndBrowser } from './helpers/setup.js';

const e2e = withServerAndBrowser();

describe('citizen app: the submit form', () => {
  it('should make one case when submit is tapped twice and when the answer is lost and retried', async () => {
    const { page, client: citizen, close } = await citizenPhone(e2e, 'zlb-zhou');
    try {
      const keys = watchSubmissions(page);
      // The first answer from the server is lost on the way back (the case is made, the
      // phone never hears it); the app retries by itself with the same key.
      let dropped = 0;
      await page.route('**/api/cases', async (route) => {
        if (route.request().method() !== 'POST' || dropped > 0) return route.fallback();
        dropped++;
        const response = await route.fetch();
        expect(response.status()).toBe(201);
        await route.abort('connectionreset');
      });

      await page.goto('/citizen/d/D007/submit');
      await fillCaseForm(page, '独山港镇全塘社区的健身器材损坏了三件，孩子玩的时候容易受伤，请安排维修。');
      await agreeToPrivacy(page);
      const button = page.locator('.submit__btn');
      await button.dblclick();
      await button.click({ force: true }).catch(() => undefined);
      await page.waitForURL(/\/citizen\/receipt\//, { timeout: 20_000 });
      const trackingNo = (await page.getByTestId('tracking-no').innerText()).trim();

      expect(dropped).toBe(1);
      expect(keys.length).toBeGreaterThanOrEqual(2); // the lost one and the retry
      expect(new Set(keys).size).toBe(1); // …all with the same Idempotency-Key
      const mine = await citizen.cases.list();
      expect(mine.total).toBe(1);
      expect(mine.items[0]!.trackingNo).toBe(trackingNo);

      // The draft is gone after success: the next case for the deputy starts empty, with a new key.
      await page.goto('/citizen/d/D007/submit');
      expect(await page.locator('[data-field="body"] textarea').inputValue()).toBe('');
      const next = await page.evaluate(
        () => JSON.parse(localStorage.getItem('mq.citizen.draft.D007') ?? 'null') as { idempotencyKey?: string } | null,
      );
      expect(next?.idempotencyKey ?? null).not.toBe(keys[0]);
    } finally {
      await close();
    }
  }, 60_000);

  it('should keep the draft, its photos and its key through a reload', async () => {
    const { page, client: citizen, close } = await citizenPhone(e2e, 'zlb-li');
    try {
      await page.goto('/citizen/d/D021/submit');
      await page.locator('[data-field="type"]').click();
      await page.locator('.van-action-sheet__item', { hasText: '建议' }).click();
      await fillCaseForm(page, '建议在虹霓社区增设一处电动自行车集中充电点，减少楼道充电的安全隐患。', { title: '增设充电点' });
      await page.locator('[data-field="address"] input').fill('虹霓社区3幢旁');
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.status() === 201);
      await page.locator('.van-uploader__input').setInputFiles({ name: 'bikes.png', mimeType: 'image/png', buffer: makePng(1200, 900) });
      await uploaded;
      await page.locator('.van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
      // the draft is written a moment after the last change: wait for it, not for a fixed time
      const saved = () =>
        page.evaluate(
          () =>
            JSON.parse(localStorage.getItem('mq.citizen.draft.D021') ?? 'null') as {
              idempotencyKey: string;
              photos: unknown[];
              address: string;
            } | null,
        );
      await expect.poll(async () => (await saved())?.photos.length ?? 0).toBe(1);
      await expect.poll(async () => (await saved())?.address).toBe('虹霓社区3幢旁');
      const keyBefore = (await saved())!.idempotencyKey;

      await page.reload();
      await page.locator('.submit__restored').waitFor();
      expect(await page.locator('.submit__restored').innerText()).toContain('已恢复您上次未提交的内容');
      expect(await page.locator('[data-field="type"] input').inputValue()).toBe('建议');
      expect(await page.locator('[data-field="title"] input').inputValue()).toBe('增设充电点');
      expect(await page.locator('[data-field="body"] textarea').inputValue()).toContain('电动自行车集中充电点');
      expect(await page.locator('[data-field="address"] input').inputValue()).toBe('虹霓社区3幢旁');
      expect(await page.locator('.van-uploader__preview').count()).toBe(1);
      await screenshot(page, 'citizen-09-draft-restored', { fullPage: false });

      const keys = watchSubmissions(page);
      await agreeToPrivacy(page);
      await page.locator('.submit__btn').click();
      await page.waitForURL(/\/citizen\/receipt\//);
      expect(keys).toEqual([keyBefore]);
      const [item] = (await citizen.cases.list()).items;
      const stored = await citizen.cases.get(item!.id);
      expect(stored).toMatchObject({ type: 'suggestion', title: '增设充电点' });
      expect(stored.photos).toHaveLength(1);
      // no coordinates: the typed address is the location
      expect(stored.location).toEqual({ address: '虹霓社区3幢旁' });
    } finally {
      await close();
    }
  }, 60_000);

  it('should say clearly when a photo is too large, without uploading it, and when a server refuses one as too large', async () => {
    const { page, close } = await citizenPhone(e2e, 'zlb-chen');
    try {
      const uploads: string[] = [];
      page.on('request', (r) => r.url().endsWith('/api/uploads') && uploads.push(r.method()));
      await page.goto('/citizen/d/D001/submit');

      // 9 MB that no browser can decode, so it cannot be shrunk: refused on the phone.
      await page
        .locator('.van-uploader__input')
        .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: undecodableJpeg(9 * 1024 * 1024) });
      expect(await expectToast(page, '8 MB')).toBe('照片超过 8 MB 且无法压缩，请换一张照片');
      await expect.poll(() => page.locator('.van-uploader__preview').first().innerText()).toContain('照片过大');
      expect(uploads).toEqual([]);
      await screenshot(page, 'citizen-10-photo-too-large', { fullPage: false });
      await page.locator('.van-uploader__preview-delete').first().click();

      // A gateway in front of the server with a smaller limit answers 413 with an HTML page.
      await page.route('**/api/uploads', (route) =>
        route.fulfill({ status: 413, contentType: 'text/html', body: '<html><body><h1>413 Request Entity Too Large</h1></body></html>' }),
      );
      await page.locator('.van-uploader__input').setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: makePng(800, 600) });
      expect(await expectToast(page, '照片太大')).toBe('照片太大，超过了允许的大小，请换一张照片或压缩后再传');
      await expect.poll(() => page.locator('.van-uploader__preview').first().innerText()).toContain('照片过大');

      // The server's own 413 (JSON) is shown in its own words.
      await page.unroute('**/api/uploads');
      await page.route('**/api/uploads', (route) =>
        route.fulfill({
          status: 413,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'payload_too_large', message: '照片不能超过 8 MB，请压缩后再传', field: 'file' } }),
        }),
      );
      await page.locator('.van-uploader__preview-delete').first().click();
      await page.locator('.van-uploader__input').setInputFiles({ name: 'big2.png', mimeType: 'image/png', buffer: makePng(640, 480) });
      expect(await expectToast(page, '8 MB')).toBe('照片不能超过 8 MB，请压缩后再传');
    } finally {
      await close();
    }
  }, 60_000);

  it('should retry a failed photo upload when the photo is tapped', async () => {
    const { page, close } = await citizenPhone(e2e, 'zlb-zhang');
    try {
      await page.goto('/citizen/d/D002/submit');
      let failNext = true;
      await page.route('**/api/uploads', (route) => {
        if (failNext) {
          failNext = false;
          return route.abort('internetdisconnected');
        }
        return route.fallback();
      });
      await page.locator('.van-uploader__input').setInputFiles({ name: 'a.png', mimeType: 'image/png', buffer: makePng(600, 400) });
      await expect.poll(() => page.locator('.van-uploader__preview').first().innerText()).toContain('点击重试');
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.status() === 201);
      await page.locator('.van-uploader__preview-image').first().click();
      await uploaded;
      await page.locator('.van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
    } finally {
      await close();
    }
  }, 60_000);

  it('should show 附近已有类似诉求 while the citizen writes, without stopping the submission', async () => {
    const { page, context, close } = await e2e.phone();
    try {
      const neighbour = await signInAs(e2e.baseUrl, 'zlb-li');
      await neighbour.cases.create(
        {
          deputyCode: 'D011',
          title: '虹霓社区路口缺少红绿灯',
          body: '虹霓社区门口的十字路口车流量很大，没有红绿灯也没有减速带，已经发生过好几次事故，请求尽快设置信号灯。',
          contactPhone: '13857310002',
        },
        `test-${Date.now()}-similar`,
      );
      await signInCitizen(context, e2e.baseUrl, 'zlb-zhang');
      await page.goto('/citizen/d/D001/submit');
      await fillCaseForm(page, '虹霓社区门口路口车很多，没有红绿灯，经常出事故，希望装信号灯。');
      await page.getByTestId('similar').waitFor();
      expect(await page.getByTestId('similar').innerText()).toContain('虹霓社区路口缺少红绿灯');
      expect(await page.getByTestId('similar').innerText()).toContain('仍可提交');
      await agreeToPrivacy(page);
      await page.locator('.submit__btn').click();
      await page.waitForURL(/\/citizen\/receipt\//);
    } finally {
      await close();
    }
  }, 60_000);
});
