/**
 * 系统设置 in real Chromium on a 375×812 touch phone: the admin (signed in by password) changes
 * 求助's 办理时限 and ticks a town for 答复审核, saves both, reloads and sees them kept, and the
 * API answers the same; a value the server refuses is told under its field; an office user
 * reaches the page from 我的 and sees it read-only, and the server refuses their PUTs anyway.
 * Its own server process: the settings would change the other staff tests' deadlines and replies.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { httpStatus, signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { eventually, openFromMe, signInStaff, signInWithPassword } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

const stepperInput = (page: Page, field: string) => page.locator(`[data-field="${field}"] input.van-stepper__input`);
const townBox = (page: Page, regionId: string) => page.locator(`[data-region="${regionId}"] [role="checkbox"]`);

/** Waits for the PUT of a settings route and returns its status. */
function settingsPut(page: Page, route: 'limits' | 'reply-review') {
  return page.waitForResponse((r) => r.url().endsWith(`/api/settings/${route}`) && r.request().method() === 'PUT').then((r) => r.status());
}

/** Signs the admin in through the password form and opens 我的 → 系统设置. */
async function adminOnSettings(page: Page) {
  await signInWithPassword(page, 'admin');
  await page.locator('[data-tab="/me"]').click();
  await page.getByTestId('settings-link').click();
  await page.waitForURL(/\/deputy\/settings$/);
  await stepperInput(page, 'replyWorkingDays.help').waitFor();
}

describe('staff app: 系统设置', () => {
  it('should let the admin change 求助’s 办理 limit and tick a town for 答复审核, and keep both after a reload', async () => {
    const admin = await signInAs(base(), 'ding-admin');
    const before = await admin.settings.limits();
    expect(before.replyWorkingDays.help).toBe(10);
    expect((await admin.settings.replyReview()).regionIds).toEqual([]);
    const town = (await admin.reference.regions()).items.find((r) => r.id === 'danghu')!;
    expect(town).toMatchObject({ kind: 'town', name: '当湖街道' });

    const phone = await e2e.phone();
    phone.context.setDefaultTimeout(10_000);
    try {
      const { page } = phone;
      await adminOnSettings(page);
      expect(await page.getByTestId('readonly-note').count()).toBe(0);
      const help = stepperInput(page, 'replyWorkingDays.help');
      expect(await help.inputValue()).toBe('10');
      expect(await help.isDisabled()).toBe(false);
      // the labels are the shared ones, and the page says what a change does to deadlines already set
      const limitsText = await page.getByTestId('limits').innerText();
      for (const label of ['咨询', '求助', '投诉', '举报', '建议', '代表受理', '单位签收', '延期最多', '群众评价', '基本满意权重'])
        expect(limitsText).toContain(label);
      expect(limitsText).toContain('已经算好的期限保持不变');
      expect(await page.getByTestId('reply-review').innerText()).toContain('勾选的镇街，承办单位的答复须经人大工作人员审核后才送达群众');

      await page.locator('[data-field="replyWorkingDays.help"] .van-stepper__plus').click();
      await page.locator('[data-field="replyWorkingDays.help"] .van-stepper__plus').click();
      expect(await help.inputValue()).toBe('12');
      const savedLimits = settingsPut(page, 'limits');
      await page.getByTestId('save-limits').click();
      expect(await savedLimits).toBe(200);
      await expectToast(page, '办理时限已保存');

      expect(await townBox(page, 'danghu').getAttribute('aria-checked')).toBe('false');
      await page.locator(`[data-region="danghu"]`).click();
      expect(await townBox(page, 'danghu').getAttribute('aria-checked')).toBe('true');
      const savedReview = settingsPut(page, 'reply-review');
      await page.getByTestId('save-review').click();
      expect(await savedReview).toBe(200);
      await expectToast(page, '答复审核设置已保存');

      await page.reload();
      await eventually(() => stepperInput(page, 'replyWorkingDays.help').inputValue()).toBe('12');
      expect(await stepperInput(page, 'replyWorkingDays.consult').inputValue()).toBe('2');
      expect(await townBox(page, 'danghu').getAttribute('aria-checked')).toBe('true');
      expect(await page.getByTestId('reply-review').innerText()).toContain('已选 1 个');
      await screenshot(page, 'deputy-17-admin-settings');
    } finally {
      await phone.close();
    }

    // the API holds exactly what was saved, and nothing else changed
    expect(await admin.settings.limits()).toEqual({ ...before, replyWorkingDays: { ...before.replyWorkingDays, help: 12 } });
    expect(await admin.settings.replyReview()).toEqual({ regionIds: ['danghu'] });
  });

  it('should show a value the server refuses under its field, in Chinese', async () => {
    const phone = await e2e.phone();
    phone.context.setDefaultTimeout(10_000);
    try {
      const { page } = phone;
      await adminOnSettings(page);
      // the steppers keep to the schema's ranges, so the request is altered on its way out
      await page.route('**/api/settings/limits', async (route) => {
        if (route.request().method() !== 'PUT') return route.continue();
        const body = route.request().postDataJSON() as { replyWorkingDays: Record<string, number> };
        body.replyWorkingDays.report = 91;
        await route.continue({ postData: JSON.stringify(body) });
      });
      const refused = settingsPut(page, 'limits');
      await page.getByTestId('save-limits').click();
      expect(await refused).toBe(400);
      await expectToast(page, '办理时限最多90个工作日');
      expect(await page.locator('[data-field="replyWorkingDays.report"] .van-field__error-message').innerText()).toBe(
        '办理时限最多90个工作日',
      );
    } finally {
      await phone.close();
    }
    expect((await (await signInAs(base(), 'ding-admin')).settings.limits()).replyWorkingDays.report).toBe(15);
  });

  it('should show an office user the settings read-only, and the server refuses their changes', async () => {
    const phone = await e2e.phone();
    phone.context.setDefaultTimeout(10_000);
    try {
      const { page, context } = phone;
      const office = await signInStaff(context, base(), 'ding-office');
      const limits = await office.settings.limits();
      const review = await office.settings.replyReview();
      await openFromMe(page, 'settings-link', /\/deputy\/settings$/);
      await page.getByTestId('readonly-note').waitFor();
      expect(await page.getByTestId('readonly-note').innerText()).toContain('仅管理员可修改');
      await stepperInput(page, 'replyWorkingDays.help').waitFor();

      // the values in force, shown but not changeable: no 保存, every input and checkbox disabled
      expect(await stepperInput(page, 'replyWorkingDays.help').inputValue()).toBe(String(limits.replyWorkingDays.help));
      expect(await page.locator('[data-testid="save-limits"], [data-testid="save-review"]').count()).toBe(0);
      const inputs = page.locator('input.van-stepper__input');
      expect(await inputs.count()).toBe(10);
      for (const input of await inputs.all()) expect(await input.isDisabled()).toBe(true);
      const boxes = page.locator('[data-testid="reply-review"] [role="checkbox"]');
      expect(await boxes.count()).toBeGreaterThanOrEqual(10);
      for (const box of await boxes.all()) {
        expect(await box.getAttribute('aria-disabled')).toBe('true');
        expect(await box.getAttribute('class')).toContain('van-checkbox--disabled');
      }
      const ticked = await page.locator('[data-testid="reply-review"] [role="checkbox"][aria-checked="true"]').count();
      expect(ticked).toBe(review.regionIds.length);
      // tapping a town or a stepper button changes nothing
      await page.locator('[data-testid="reply-review"] [data-region]').first().click();
      await page.locator('[data-field="ackWorkingDays"] .van-stepper__plus').click({ force: true });
      expect(await page.locator('[data-testid="reply-review"] [role="checkbox"][aria-checked="true"]').count()).toBe(ticked);
      expect(await stepperInput(page, 'ackWorkingDays').inputValue()).toBe(String(limits.ackWorkingDays));
      await screenshot(page, 'deputy-18-office-settings-readonly');

      // the server refuses an office user's change whatever a page shows
      expect(await httpStatus(office.settings.setLimits({ ...limits, ackWorkingDays: 2 }))).toBe(403);
      expect(await httpStatus(office.settings.setReplyReview({ regionIds: [] }))).toBe(403);
      expect(await office.settings.limits()).toEqual(limits);
      expect(await office.settings.replyReview()).toEqual(review);
    } finally {
      await phone.close();
    }
  });
});
