/**
 * States people hit (issue 3): 长辈模式 (measured), the super-app's elder mode, an unknown
 * deputy, going offline, and Chinese messages for 400/401/404/409/429 — never a raw error.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { agreeToPrivacy, citizenPhone, expectToast, fillCaseForm, signInCitizen } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';

const e2e = withServerAndBrowser();

const px = (page: Page, selector: string, prop: 'font-size' | 'color' = 'font-size') =>
  page
    .locator(selector)
    .first()
    .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), prop);
const size = async (page: Page, selector: string) => parseFloat(await px(page, selector));

describe('citizen app: states people hit', () => {
  it('should enlarge the text in elder mode, remember it, and turn it off from 我的', async () => {
    const { page, close } = await e2e.phone();
    try {
      await page.goto('/citizen/d/D001');
      await page.locator('.info__row').first().waitFor();
      const normal = { info: await size(page, '.info__row'), bio: await size(page, '.bio'), name: await size(page, '.profile__name') };
      expect(normal.info).toBe(14);

      await page.goto('/citizen/d/D001?elder=1');
      await page.locator('.info__row').first().waitFor();
      const elder = { info: await size(page, '.info__row'), bio: await size(page, '.bio'), name: await size(page, '.profile__name') };
      expect(elder.info).toBeGreaterThanOrEqual(18);
      expect(elder.bio).toBeGreaterThan(normal.bio);
      expect(elder.name).toBeGreaterThan(normal.name);
      expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
      expect(await px(page, '.info__value', 'color')).toBe('rgb(0, 0, 0)'); // high contrast
      await screenshot(page, 'citizen-11-elder-landing', { fullPage: false });

      // remembered on this device, without the URL parameter; Vant components follow too
      await page.goto('/citizen/me');
      await page.getByTestId('elder-switch').waitFor();
      expect(await size(page, '.van-cell__title')).toBeGreaterThanOrEqual(18);
      await screenshot(page, 'citizen-12-elder-me', { fullPage: false });
      await page.getByTestId('elder-switch').click();
      await expect.poll(() => size(page, '.van-cell__title')).toBe(14);
      await page.goto('/citizen/d/D001');
      await page.locator('.info__row').first().waitFor();
      expect(await size(page, '.info__row')).toBe(14);
    } finally {
      await close();
    }
  }, 60_000);

  it('should follow the super-app when it says the user reads in its elder mode', async () => {
    const { page, context, close } = await e2e.phone();
    try {
      await context.addInitScript(() => {
        (window as unknown as { ZWJSBridge: object }).ZWJSBridge = { getUiStyle: () => Promise.resolve({ uiStyle: 'elder' }) };
      });
      await page.goto('/citizen/');
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
      await expect.poll(() => size(page, '.deputy-card__line')).toBeGreaterThanOrEqual(16);
    } finally {
      await close();
    }
  }, 60_000);

  it('should show a clear page for a deputy code that does not exist', async () => {
    const { page, close } = await e2e.phone();
    try {
      await page.goto('/citizen/d/D999');
      await expect.poll(() => page.locator('.van-empty__description').innerText()).toBe('没有找到这位代表，二维码可能已停用');
      await page.getByRole('link', { name: '查找其他代表' }).click();
      await page.waitForURL(/\/citizen\/$/);
    } finally {
      await close();
    }
  }, 60_000);

  it('should say when the phone is offline and keep what was typed', async () => {
    const { page, context, close } = await citizenPhone(e2e, 'zlb-zhou');
    try {
      await page.goto('/citizen/d/D005/submit');
      await fillCaseForm(page, '新埭镇星火村的自来水这几天一直很浑浊，请帮忙查一下原因。');
      await agreeToPrivacy(page);
      await context.setOffline(true);
      await page.locator('.offline-bar').waitFor();
      expect(await page.locator('.offline-bar').innerText()).toContain('网络已断开');
      await page.locator('.submit__btn').click();
      await expectToast(page, '网络已断开，内容已保存在本机');
      await screenshot(page, 'citizen-13-offline', { fullPage: false });
      await context.setOffline(false);
      await page.locator('.offline-bar').waitFor({ state: 'detached' });
      expect(await page.locator('[data-field="body"] textarea').inputValue()).toContain('自来水这几天一直很浑浊');
      await page.locator('.submit__btn').click();
      await page.waitForURL(/\/citizen\/receipt\//);
    } finally {
      await close();
    }
  }, 60_000);

  it('should show Chinese messages for 400, 401, 404, 409 and 429 answers', async () => {
    const { page, context, close } = await e2e.phone();
    try {
      // 401: a session the server no longer accepts → asked to sign in again, then brought back
      await context.addInitScript(() => {
        if (!sessionStorage.getItem('seeded')) {
          sessionStorage.setItem('seeded', '1');
          const user = {
            id: 'x',
            role: 'citizen',
            name: '测试',
            phone: null,
            regionId: null,
            unitId: null,
            unitName: null,
            deputyCode: null,
          };
          localStorage.setItem(
            'mq.citizen.session',
            JSON.stringify({ token: 'expired.token.value', expiresAt: new Date(Date.now() + 3600_000).toISOString(), user }),
          );
        }
      });
      await page.goto('/citizen/cases');
      await expectToast(page, '登录已过期，请重新登录');
      await page.waitForURL(/\/citizen\/login\?redirect=(%2F|\/)cases$/);

      const citizen = await signInCitizen(context, e2e.baseUrl, 'zlb-wang');
      await page.evaluate(() => localStorage.removeItem('mq.citizen.session'));

      // 404: not a case of this user
      await page.goto('/citizen/cases/00000000-0000-0000-0000-000000000000');
      await expect.poll(() => page.locator('.van-empty__description').innerText()).toBe('没有找到这件诉求');

      // 409: the case was rated elsewhere (another tab) while this page was open
      const created = await citizen.cases.create(
        { deputyCode: 'D011', body: '当湖街道南河头社区路口红绿灯时间太短，老人过马路来不及。', contactPhone: '13857310003' },
        `test-${Date.now()}-409`,
      );
      const deputy = await signInAs(e2e.baseUrl, 'ding-d011');
      await deputy.cases.transition(created.id, { action: 'reply', note: '已联系交警部门调整信号灯时长。' });
      await page.goto(`/citizen/cases/${created.id}`);
      await page.locator('.case__actions').getByRole('button', { name: '评价' }).click();
      await citizen.cases.transition(created.id, { action: 'rate', rating: 'satisfied', solved: true });
      await page.locator('.rate__option', { hasText: '基本满意' }).click();
      await page.locator('.rate__solved .van-radio', { hasText: '已解决' }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      // the server says, in words, what the case has become and what can no longer be done
      await expectToast(page, '民情件当前为“已办结”，不能评价');
      await page.locator('.van-popup__close-icon').click();
      await expect.poll(() => page.locator('.status-tag').first().innerText()).toBe('已办结');

      // 429: too many requests, with Retry-After (here from a gateway, without the API's body)
      await page.route('**/api/cases?*', (route) =>
        route.fulfill({ status: 429, headers: { 'Retry-After': '30' }, body: 'Too Many Requests' }),
      );
      await page.goto('/citizen/cases');
      await expectToast(page, '操作太频繁，请 30 秒后再试');
      await page.unroute('**/api/cases?*');

      // 400: text the server refuses (an invisible control character pasted in), shown under the field
      await page.goto('/citizen/d/D011/submit');
      await fillCaseForm(page, '南河头社区的垃圾桶满了没人清理\u0007，天气热味道很大。');
      await agreeToPrivacy(page);
      await page.locator('.submit__btn').click();
      await expectToast(page, '反映内容含有不可见的控制字符');
      await expect.poll(() => page.locator('[data-field="body"] .van-field__error-message').innerText()).toContain('控制字符');
    } finally {
      await close();
    }
  }, 60_000);
});
