/**
 * The citizen app's main path in real Chromium on a phone-sized touch screen (issue 3, "Done
 * when"): a new user opens a deputy's QR link, signs in through the stand-in provider,
 * submits with a photo and the location, gets the receipt; the deputy acknowledges and
 * replies (API); the citizen reads the reply in the timeline and rates it.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { apiClient, signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { agreeToPrivacy, citizenPhone, expectToast, fillCaseForm } from './helpers/citizen.js';
import { makePng } from './helpers/images.js';
import { withServerAndBrowser } from './helpers/setup.js';

const e2e = withServerAndBrowser();
const PINGHU = { latitude: 30.698215, longitude: 121.015327, accuracy: 25 };

describe('citizen app: QR code to rating', () => {
  it('should take a new user from a QR link through sign-in, a submission with photo and location, the receipt, the reply and a rating', async () => {
    const { page, close } = await e2e.phone({ permissions: ['geolocation'], geolocation: PINGHU });
    try {
      // 1. The QR code's link, as a new user: the deputy's profile, no sign-in asked.
      await page.goto('/citizen/d/D001');
      await expect.poll(() => page.locator('.profile__name').textContent()).toBe('张建国');
      await expect.poll(() => page.locator('.info').innerText()).toContain('当湖街道人大代表联络站');
      expect(page.url()).toContain('/citizen/d/D001');
      await screenshot(page, 'citizen-01-qr-landing');

      // 2. "向TA反映" asks for sign-in; the stand-in provider's 模拟登录 lists citizen accounts.
      await page.getByTestId('report').click();
      await page.waitForURL(/\/citizen\/login\?redirect=/);
      await page.locator('[data-account="zlb-zhang"]').waitFor();
      expect(await page.locator('[data-account]').count()).toBe(5);
      await screenshot(page, 'citizen-02-login');
      await page.locator('[data-account="zlb-zhang"]').click();
      await page.waitForURL(/\/citizen\/d\/D001\/submit$/);

      // 3. The form: type, text, a photo (compressed in the browser), location, phone, consent.
      await page.locator('[data-field="type"]').click();
      await page.locator('.van-action-sheet__item', { hasText: '投诉' }).click();
      await expect.poll(() => page.locator('[data-field="type"] input').inputValue()).toBe('投诉');
      const body = '当湖街道东湖社区胜利路12号门口的路灯坏了两个星期，晚上非常黑，老人出门很不方便，请尽快维修。';
      await fillCaseForm(page, body, { title: '胜利路路灯不亮' });
      await expect.poll(() => page.locator('[data-field="body"] .van-field__word-limit').innerText()).toBe(`${body.length}/2000`);

      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
      await page.locator('.van-uploader__input').setInputFiles({ name: 'street.png', mimeType: 'image/png', buffer: makePng(2400, 1800) });
      const upload = (await (await uploaded).json()) as { mime: string; width: number; height: number; size: number };
      expect(upload).toMatchObject({ mime: 'image/jpeg', width: 1600, height: 1200 });
      await page.locator('.van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });

      await page.locator('[data-field="location"] button').click();
      await expect.poll(() => page.locator('[data-field="location"]').innerText()).toContain('已定位 30.69822, 121.01533');
      await page.locator('[data-field="address"] input').fill('东湖社区胜利路12号');
      await agreeToPrivacy(page);
      await screenshot(page, 'citizen-03-submit-form');

      await page.locator('.submit__btn').click();
      await page.waitForURL(/\/citizen\/receipt\//);

      // 4. The receipt: tracking number, the QR code (decoded here), the acknowledgement deadline.
      const trackingNo = (await page.getByTestId('tracking-no').innerText()).trim();
      expect(trackingNo).toMatch(/^\S{6,}$/);
      await expect.poll(() => page.getByTestId('ack-due').innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      await page.getByTestId('receipt-qr').waitFor();
      const pixels = await page.getByTestId('receipt-qr').evaluate(async (img: HTMLImageElement) => {
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
        return { w: data.width, h: data.height, data: Array.from(data.data) };
      });
      const qr = jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h);
      expect(qr?.data).toBe(`${e2e.baseUrl}/deputy/cases/${trackingNo}`);
      await screenshot(page, 'citizen-04-receipt');

      // What was stored: one case with the photo, the place and the type chosen.
      const deputy = await signInAs(e2e.baseUrl, 'ding-d001');
      const found = await deputy.cases.list({ q: trackingNo });
      expect(found.total).toBe(1);
      const caseId = found.items[0]!.id;
      const stored = await deputy.cases.get(caseId);
      expect(stored).toMatchObject({ type: 'complaint', title: '胜利路路灯不亮', body, status: 'submitted', anonymous: false });
      expect(stored.photos).toHaveLength(1);
      expect(stored.location).toMatchObject({ lat: 30.698215, lng: 121.015327, address: '东湖社区胜利路12号' });
      expect(stored.contactPhone).toMatch(/^1[3-9]\d{9}$/);

      // 5. Staff act through the API: the deputy acknowledges and replies directly.
      await deputy.cases.transition(caseId, { action: 'acknowledge', note: '已收到，马上联系处理' });
      const reply = '已联系住建局和当湖街道，胜利路路灯已于今日修复，感谢您的反映。';
      await deputy.cases.transition(caseId, { action: 'reply', note: reply });

      // 6. The citizen opens the case: the reply, and the timeline with every step.
      await page.getByRole('button', { name: '查看办理进度' }).click();
      await page.waitForURL(new RegExp(`/citizen/cases/${caseId}$`));
      await expect.poll(() => page.getByTestId('reply').innerText()).toContain(reply);
      const steps = page.locator('.timeline .van-step');
      await expect.poll(() => steps.count()).toBe(3);
      expect(await steps.nth(0).innerText()).toContain('答复');
      expect(await steps.nth(0).innerText()).toContain(reply);
      expect(await steps.nth(0).innerText()).toContain('张建国代表');
      expect(await steps.nth(1).innerText()).toContain('代表已受理');
      expect(await steps.nth(2).innerText()).toContain('提交诉求');
      expect(await page.locator('.status-tag').first().innerText()).toBe('待评价');
      await screenshot(page, 'citizen-05-case-reply');

      // 7. 码上评: 满意, solved, a comment.
      await page.locator('.case__actions').getByRole('button', { name: '评价' }).click();
      await page.locator('.rate__option', { hasText: /^\s*满意\s*$/ }).click();
      await page.locator('.rate__solved .van-radio', { hasText: '已解决' }).click();
      await page.locator('.rate__comment textarea').fill('修得很快，谢谢代表！');
      await screenshot(page, 'citizen-06-rate', { fullPage: false });
      await page.getByRole('button', { name: '提交评价' }).click();
      await expectToast(page, '感谢您的评价');
      await expect.poll(() => page.locator('.status-tag').first().innerText()).toBe('已办结');
      await expect.poll(() => page.getByTestId('my-rating').innerText()).toContain('问题已解决');
      const rated = await deputy.cases.get(caseId);
      expect(rated).toMatchObject({ status: 'closed', rating: 'satisfied', solved: true, ratingComment: '修得很快，谢谢代表！' });
      await page.locator('.van-toast').last().waitFor({ state: 'hidden' });
      await screenshot(page, 'citizen-07-rated');

      // 8. My cases: the case with its status tag.
      await page.goto('/citizen/cases');
      const card = page.locator(`.case-card[data-tracking="${trackingNo}"]`);
      await card.waitFor();
      expect(await card.locator('.status-tag').innerText()).toBe('已办结');
      await screenshot(page, 'citizen-08-my-cases', { fullPage: false });
    } finally {
      await close();
    }
  }, 90_000);

  it('should find deputies by town or village, by liaison station and by name without signing in', async () => {
    const { page, close } = await e2e.phone();
    try {
      await page.goto('/citizen/');
      await expect.poll(() => page.locator('.deputy-card').count()).toBe(34);
      await screenshot(page, 'citizen-00-home', { fullPage: false });

      // a village: its town's deputies, with a note saying so
      await page.locator('.home__filter .van-cell').first().click();
      await page.locator('.van-cascader__option', { hasText: '当湖街道' }).click();
      await page.locator('.van-cascader__option', { hasText: '东湖社区' }).click();
      await expect.poll(() => page.locator('.home__note').innerText()).toContain('东湖社区属于当湖街道');
      await expect.poll(() => page.locator('.deputy-card').count()).toBe(4);
      const codes = await page.locator('.deputy-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect(codes.sort()).toEqual(['D001', 'D011', 'D021', 'D031']);
      expect(await page.locator('.deputy-card').first().innerText()).toMatch(/接待日：每月5日、20日/);

      // a liaison station
      await page.locator('.home__tabs .van-tab', { hasText: '按联络站' }).click();
      await page.locator('.home__filter .van-cell', { hasText: '乍浦镇人大代表联络站' }).click();
      await expect.poll(() => page.locator('.home__station').innerText()).toContain('中山东路201号');
      await expect.poll(() => page.locator('.deputy-card').count()).toBe(4);

      // by name
      await page.locator('.home__search input').fill('黄秀英');
      await expect.poll(() => page.locator('.deputy-card').count()).toBe(1);
      await page.locator('.deputy-card').click();
      await page.waitForURL(/\/citizen\/d\/D002$/);
      await expect.poll(() => page.locator('.profile__name').textContent()).toBe('黄秀英');
      // nobody was asked to sign in on the way
      expect(await page.evaluate(() => localStorage.getItem('mq.citizen.session'))).toBeNull();
    } finally {
      await close();
    }
  }, 60_000);

  it('should sign in with a super-app ticket in the URL and drop it from the address', async () => {
    const { page, close } = await e2e.phone();
    try {
      const { ticket } = await apiClient(e2e.baseUrl).mockIdp.ticket('zlb-li');
      await page.goto(`/citizen/cases?ticket=${ticket}`);
      await page.waitForURL(/\/citizen\/cases$/);
      await expect.poll(() => page.locator('.van-empty__description').innerText()).toContain('您还没有反映过问题');
      await page.goto('/citizen/me');
      await expect.poll(() => page.locator('.mine__name').innerText()).toBe('李秀英');
    } finally {
      await close();
    }
  }, 60_000);

  it('should let the citizen supplement an open case and then withdraw it', async () => {
    const { page, client: citizen, close } = await citizenPhone(e2e, 'zlb-wang');
    try {
      const created = await citizen.cases.create(
        { deputyCode: 'D004', body: '乍浦镇中山社区菜市场门口的下水道堵塞，污水外溢，气味很大。', contactPhone: '13857310003' },
        `test-${Date.now()}-supplement`,
      );
      await page.goto(`/citizen/cases/${created.id}`);
      await expect.poll(() => page.locator('.status-tag').first().innerText()).toBe('待受理');

      await page.locator('.case__actions').getByRole('button', { name: '补充情况' }).click();
      await page.locator('.supplement textarea').fill('今天早上污水已经流到路面上了。');
      await page.locator('.supplement').getByRole('button', { name: '提交补充' }).click();
      await expectToast(page, '已补充');
      await expect.poll(() => page.locator('.timeline .van-step').first().innerText()).toContain('今天早上污水已经流到路面上了。');

      await page.locator('.case__actions').getByRole('button', { name: '撤回' }).click();
      await page.locator('.withdraw .van-radio', { hasText: '问题已自行解决' }).click();
      await page.getByRole('button', { name: '确认撤回' }).click();
      await expectToast(page, '已撤回');
      await expect.poll(() => page.locator('.status-tag').first().innerText()).toBe('已撤回');
      expect(await page.locator('.case__actions').count()).toBe(0);
      const after = await citizen.cases.get(created.id);
      expect(after).toMatchObject({ status: 'closed', closeReason: 'withdrawn' });
    } finally {
      await close();
    }
  }, 60_000);

  it('should offer 申请重办 when the citizen is not satisfied', async () => {
    const { page, client: citizen, close } = await citizenPhone(e2e, 'zlb-chen');
    try {
      const created = await citizen.cases.create(
        { deputyCode: 'D001', type: 'help', body: '小区门口公交站的遮雨棚破了，下雨天等车淋雨。', contactPhone: '13857310004' },
        `test-${Date.now()}-reopen`,
      );
      const deputy = await signInAs(e2e.baseUrl, 'ding-d001');
      await deputy.cases.transition(created.id, { action: 'reply', note: '已转告公交公司，将择期维修。' });

      await page.goto(`/citizen/cases/${created.id}`);
      await page.locator('.case__actions').getByRole('button', { name: '评价' }).click();
      await page.locator('.rate__option', { hasText: '不满意' }).click();
      await expect.poll(() => page.locator('.rate__reopen').innerText()).toContain('申请重办');
      await page.getByRole('button', { name: '提交并申请重办' }).click();
      await expectToast(page, '不满意的原因');
      await page.locator('.rate__comment textarea').fill('没有给出维修时间，希望一周内修好。');
      await page.getByRole('button', { name: '提交并申请重办' }).click();
      await expectToast(page, '申请重办');
      await expect.poll(() => page.getByTestId('my-rating').innerText()).toContain('已申请重办');
      const after = await deputy.cases.get(created.id);
      expect(after).toMatchObject({
        status: 'replied',
        rating: 'unsatisfied',
        solved: false,
        ratingComment: '没有给出维修时间，希望一周内修好。',
      });
      expect(after.allowedActions).toContain('reopen');
    } finally {
      await close();
    }
  }, 60_000);

  it('should list my cases page by page, with status tags, due dates and tabs', async () => {
    const { page, client: citizen, close } = await citizenPhone(e2e, 'zlb-zhou');
    try {
      const ids: string[] = [];
      for (let i = 1; i <= 12; i++) {
        const c = await citizen.cases.create(
          {
            deputyCode: 'D009',
            title: `广陈镇第${i}件`,
            body: `广陈镇泗泾村第${i}处路面破损，车辆经过颠簸，请安排修补。`,
            contactPhone: '13857310005',
          },
          `test-${Date.now()}-page-${i}`,
        );
        ids.push(c.id);
      }
      const deputy = await signInAs(e2e.baseUrl, 'ding-d009');
      await deputy.cases.transition(ids[0]!, { action: 'reply', note: '已安排公路站修补。' });

      await page.goto('/citizen/cases');
      await expect.poll(() => page.locator('.case-card').count()).toBe(10);
      const newest = page.locator('.case-card').first();
      expect(await newest.locator('.status-tag').innerText()).toBe('待受理');
      expect(await newest.locator('.case-card__due').innerText()).toMatch(/代表应于 \d{2}-\d{2} \d{2}:\d{2} 前受理/);
      await page.locator('.case-card').last().scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 3000);
      await expect.poll(() => page.locator('.case-card').count()).toBe(12);
      await page.locator('.van-list__finished-text', { hasText: '没有更多了' }).waitFor();

      await page.locator('.van-tab', { hasText: '待评价' }).click();
      await expect.poll(() => page.locator('.case-card').count()).toBe(1);
      expect(await page.locator('.case-card .status-tag').innerText()).toBe('待评价');
      expect(await page.locator('.case-card__due').innerText()).toContain('前评价');
      expect(page.url()).toContain('tab=replied');
    } finally {
      await close();
    }
  }, 60_000);
});
