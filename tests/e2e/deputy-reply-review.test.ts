/**
 * 答复审核 in real Chromium on a 375×812 touch phone: with review configured for 当湖街道, a
 * unit's reply in the staff app is held (the unit sees it awaits review, the citizen sees
 * nothing); the office finds it under 待审核 on its workbench, reads it marked 待人大审核 on the
 * case and approves it from the action bar; the citizen's app then shows the reply.
 * Its own server process: the setting would change the other staff tests' replies.
 */
import { describe, expect, it } from 'vitest';
import { signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast, signInCitizen } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { caseAt, caseStatus, doAction, eventually, staffPhone } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

describe('staff app: 答复审核', () => {
  it('should hold a unit’s reply for the office, which sees it under 待审核 and approves it, and then the citizen sees it', async () => {
    const admin = await signInAs(base(), 'ding-admin');
    await admin.settings.setReplyReview({ regionIds: ['danghu'] });
    const created = await caseAt(base(), 'handling', '当湖街道南河头社区的路灯连续一周晚上不亮，老人晚上出门很不方便，请尽快维修。');
    const citizen = await signInAs(base(), 'zlb-chen');
    const replyText = '已安排路灯维修班组更换南河头社区损坏的灯具和线路，现已恢复照明。';

    const unit = await staffPhone(e2e, 'ding-unit-zjj');
    try {
      const { page } = unit;
      await page.goto(`/deputy/cases/${created.trackingNo}`);
      await doAction(page, 'reply', replyText);
      await expectToast(page, '答复已提交，待人大审核');
      const card = page.locator('[data-testid="pending-reply"]');
      await card.waitFor();
      expect(await card.innerText()).toContain('待人大审核');
      expect(await card.innerText()).toContain(replyText);
      expect(await card.innerText()).toContain('审核通过后将发送给群众');
      expect(await caseStatus(page)).toBe('handling');
      // while it waits the unit cannot reply again
      expect(await page.locator('[data-testid="actions"] [data-action="reply"]').count()).toBe(0);
      await page.goto('/deputy/unit');
      await page.locator('[data-filter="handling"]').click();
      await page.locator(`[data-case="${created.trackingNo}"] [data-testid="reply-pending"]`).waitFor();
    } finally {
      await unit.close();
    }

    // the citizen has nothing yet
    const waiting = await citizen.cases.get(created.id);
    expect(waiting).toMatchObject({ status: 'handling', replyText: null, pendingReply: null });
    expect(JSON.stringify(waiting)).not.toContain('路灯维修班组');

    const office = await staffPhone(e2e, 'ding-office');
    try {
      const { page } = office;
      await page.goto('/deputy/triage');
      await eventually(() => page.locator('[data-count="review"]').innerText()).toBe('1');
      await page.locator('[data-filter="review"]').click();
      const item = page.locator(`[data-case="${created.trackingNo}"]`);
      await item.waitFor();
      expect(await item.locator('[data-testid="reply-pending"]').innerText()).toBe('答复待审核');
      await screenshot(page, 'deputy-15-office-reply-review');
      await item.click();
      await page.waitForURL(new RegExp(`/deputy/cases/${created.trackingNo}$`));
      const card = page.locator('[data-testid="pending-reply"]');
      await card.waitFor();
      expect(await card.innerText()).toContain('待人大审核');
      expect(await card.innerText()).toContain(replyText);
      expect(await page.locator('[data-testid="actions"] [data-action="approve_reply"]').count()).toBe(1);
      await screenshot(page, 'deputy-16-office-pending-reply');
      await doAction(page, 'approve_reply');
      await eventually(() => caseStatus(page)).toBe('replied');
      await page.locator('[data-testid="pending-reply"]').waitFor({ state: 'detached' });
      expect(await page.locator('[data-testid="reply"]').innerText()).toContain(replyText);
      expect(await page.locator('.timeline').innerText()).toContain('审核通过');
    } finally {
      await office.close();
    }

    const phone = await e2e.phone();
    try {
      const { page, context } = phone;
      await signInCitizen(context, base(), 'zlb-chen');
      await page.goto(`/citizen/cases/${created.id}`);
      const reply = page.locator('[data-testid="reply"]');
      await reply.waitFor();
      expect(await reply.innerText()).toContain(replyText);
      expect(await reply.innerText()).toContain('市住房和城乡建设局');
      expect(await page.locator('.case__rate-cta').innerText()).toContain('请对本次答复进行评价');
      // the office's review stays internal
      expect(await page.locator('body').innerText()).not.toContain('审核通过');
    } finally {
      await phone.close();
    }
  });
});
