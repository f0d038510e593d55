/**
 * The staff app (deputy-h5) in real Chromium (issue 4, "Done when"): the whole loop across
 * both apps as new users would do it — a citizen submits in the citizen app, the deputy
 * acknowledges and forwards, the office assigns taking the suggested unit (on a desktop
 * browser, signed in by password), the unit signs and replies with a photo, the citizen
 * reads the reply and rates it — with each step's notice delivered to the stand-in
 * provider exactly once; sign-in; and a unit's scope (another unit's case is not found).
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions } from 'playwright-core';
import { signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { agreeToPrivacy, expectToast, fillCaseForm } from './helpers/citizen.js';
import { makePng } from './helpers/images.js';
import { withServerAndBrowser } from './helpers/setup.js';
import {
  caseAt,
  caseStatus,
  doAction,
  eventually,
  idpMessages,
  openAction,
  openPasswordSignIn,
  signInStaff,
  signInThroughDemoPage,
  signInWithPassword,
  submitPassword,
  textOrEmpty,
  unitAccount,
} from './helpers/staff.js';
import { randomUUID } from 'node:crypto';

// a corpId other than the build's placeholder: the server writes the configured one into the staff app's page
const e2e = withServerAndBrowser({ env: { DING_CORP_ID: 'dingpinghurd2026' } });
const base = () => e2e.baseUrl;
/** A phone (or, with options, another screen) in the shared browser; a step that cannot happen fails where it is. */
async function device(options: BrowserContextOptions = {}) {
  const phone = await e2e.phone(options);
  phone.context.setDefaultTimeout(15_000);
  return phone;
}
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false };

describe('staff app: 码上收 → 马上分 → 马上办 → 码上评', () => {
  it('should sign new users in through 模拟登录 and the password form and send each role to its workbench', async () => {
    const { page, close } = await device();
    try {
      // a link opened before signing in comes back after sign-in
      await page.goto('/deputy/cases/PH-NOT-SIGNED-IN');
      await page.waitForURL(/\/deputy\/login\?redirect=/);
      await page.locator('[data-account="ding-unit-zjj"]').waitFor();
      // only staff accounts are offered, grouped by role
      expect(await page.locator('[data-account^="zlb-"]').count()).toBe(0);
      expect(await page.locator('.login__group h3').allInnerTexts()).toEqual([
        '人大代表',
        '人大工作人员',
        '承办单位',
        '领导',
        '系统管理员',
      ]);
      await screenshot(page, 'deputy-00-login');
      await page.locator('[data-account="ding-unit-zjj"]').click();
      await page.waitForURL(/\/deputy\/cases\/PH-NOT-SIGNED-IN$/);
      await page.getByTestId('not-found').waitFor();

      for (const [account, home] of [
        ['ding-d001', /\/deputy\/inbox$/],
        ['ding-unit-jtj', /\/deputy\/unit$/],
        ['ding-leader', /\/deputy\/cockpit$/],
      ] as const) {
        await page.evaluate(() => localStorage.clear());
        await signInThroughDemoPage(page, account, home);
      }

      // password form (office staff at a desk); a wrong password is told in Chinese
      await page.evaluate(() => localStorage.clear());
      await openPasswordSignIn(page, 'office');
      await submitPassword(page, 'wrong-password');
      expect(await expectToast(page, /密码/)).toMatch(/[\u4e00-\u9fff]/);
      await submitPassword(page);
      await page.waitForURL(/\/deputy\/triage$/);
      // 我的 → 退出登录 goes back to the sign-in page
      await page.locator('[data-tab="/me"]').click();
      await page.getByTestId('sign-out').click();
      await page.waitForURL(/\/deputy\/login$/);
    } finally {
      await close();
    }
  });

  it('should sign in silently inside the workplace app with requestAuthCode and the configured corpId', async () => {
    // Chromium as DingTalk's Android webview: its user agent, and a stand-in for the host's
    // native bridge (nuva) that answers requestAuthCode with a code from the stand-in provider.
    const { page, context, close } = await device({
      userAgent:
        'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 AliApp(DingTalk/7.6.0) com.alibaba.android.rimet/0 Channel/1 language/zh-CN DingTalk(7.6.0)',
    });
    try {
      await context.addInitScript(() => {
        const calls: { api: string; corpId?: unknown }[] = [];
        Object.assign(window, {
          __dingCalls: calls,
          nuva: {
            isReady: true,
            require:
              () =>
              (ok: (r: unknown) => void, fail: (e: unknown) => void, service: string, action: string, params: { corpId?: unknown }) => {
                calls.push({ api: `${service}.${action}`, corpId: params?.corpId });
                if (`${service}.${action}` !== 'runtime.permission.requestAuthCode') return ok({});
                fetch('/mock-idp/tickets', {
                  method: 'POST',
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ account: 'ding-d002' }),
                })
                  .then((r) => r.json())
                  .then((j: { authCode: string }) => ok({ code: j.authCode }), fail);
              },
          },
        });
      });
      const visited: string[] = [];
      page.on('framenavigated', (f) => f === page.mainFrame() && visited.push(f.url()));
      await page.goto('/deputy/');
      await page.waitForURL(/\/deputy\/inbox$/);
      await eventually(() => page.locator('.hero h1').innerText()).toBe('黄秀英 代表');
      const calls = (await page.evaluate(() => (window as unknown as { __dingCalls: unknown[] }).__dingCalls)) as {
        api: string;
        corpId?: unknown;
      }[];
      expect(calls.filter((c) => c.api === 'runtime.permission.requestAuthCode')).toEqual([
        { api: 'runtime.permission.requestAuthCode', corpId: 'dingpinghurd2026' },
      ]);
      // the sign-in page was never shown
      expect(visited.filter((u) => u.includes('/login'))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('should carry a case from the citizen app through the deputy, the office and the unit back to the citizen’s rating, with each notice sent once', async () => {
    const title = `胜利路路灯不亮${randomUUID().slice(0, 4)}`;
    const body = '当湖街道东湖社区胜利路12号门口的路灯坏了两个星期，晚上非常黑，老人出门很不方便，请尽快维修。';
    const reply = '经现场核查，胜利路12号路灯线路老化，已于今日更换线路并修复，感谢您的反映。';

    // 码上提: a new citizen opens the deputy's QR link, signs in, submits.
    const citizen = await device();
    let no: string;
    try {
      const { page } = citizen;
      await page.goto('/citizen/d/D001');
      await page.getByTestId('report').click();
      await page.waitForURL(/\/citizen\/login/);
      await page.locator('[data-account="zlb-li"]').click();
      await page.waitForURL(/\/citizen\/d\/D001\/submit$/);
      await fillCaseForm(page, body, { title });
      await agreeToPrivacy(page);
      await page.locator('.submit__btn').click();
      await page.waitForURL(/\/citizen\/receipt\//);
      no = (await page.getByTestId('tracking-no').innerText()).trim();
    } catch (err) {
      await citizen.close();
      throw err;
    }
    const citizenApi = await signInAs(base(), 'zlb-li');
    const caseId = (await citizenApi.cases.list({ q: no })).items[0]!.id;

    // 码上收: the deputy signs in, sees the badge and the case with its countdown, acknowledges, forwards.
    const deputy = await device();
    try {
      const { page } = deputy;
      await signInThroughDemoPage(page, 'ding-d001', /\/deputy\/inbox$/);
      const card = page.locator(`[data-case="${no}"]`);
      await card.waitFor();
      expect(await card.locator('[data-status]').innerText()).toBe('待受理');
      expect(await card.locator('[data-due]').getAttribute('data-due')).toMatch(/^(ok|warn)$/);
      expect(await card.locator('[data-due]').innerText()).toMatch(/^剩余 /);
      expect(Number(await page.locator('[data-count="submitted"]').innerText())).toBeGreaterThanOrEqual(1);
      await eventually(() => textOrEmpty(page.locator('[data-tab="/messages"] .van-badge'))).toMatch(/^\d+$/);
      await screenshot(page, 'deputy-01-inbox');

      // the work notice in 消息; opening it clears the badge and leads to the case
      await page.locator('[data-tab="/messages"]').click();
      const notice = page.getByTestId('notice').filter({ hasText: no });
      await notice.waitFor();
      await eventually(() => page.locator('[data-tab="/messages"] .van-badge').count()).toBe(0);
      await notice.click();
      await page.waitForURL(/\/deputy\/cases\//);
      await eventually(() => page.getByTestId('case-body').innerText()).toBe(body);
      // the case's own deputy sees the full number, with tap-to-call
      expect(await page.getByTestId('call').getAttribute('href')).toBe('tel:13857310002');
      // only what the server allows: a deputy never sees 交办 or 签收
      const offered = await page
        .locator('[data-testid="actions"] [data-action]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      expect(offered).toEqual(['acknowledge', 'reply', 'forward', 'more']);
      await screenshot(page, 'deputy-02-case-detail');
      await doAction(page, 'acknowledge', '已收到，马上了解情况');
      await eventually(() => caseStatus(page)).toBe('acknowledged');
      await doAction(page, 'forward', '涉及路灯维修，请人大办交办');
      await eventually(() => caseStatus(page)).toBe('triage');
      expect(await page.locator('[data-testid="actions"] [data-action="forward"]').count()).toBe(0);
      const steps = await page.locator('.timeline .van-step').allInnerTexts();
      expect(steps[0]).toContain('转交人大');
      expect(steps[0]).toContain('涉及路灯维修，请人大办交办');
      expect(steps[1]).toContain('受理');
    } finally {
      await deputy.close();
    }

    // 马上分: office staff at a desktop browser sign in by password, take the suggested unit, assign.
    const office = await device(DESKTOP);
    let unitId: string;
    let unitName: string;
    try {
      const { page } = office;
      await signInWithPassword(page, 'office');
      const card = page.locator(`[data-case="${no}"]`);
      await card.locator('[data-testid="hint"]').waitFor();
      const suggested = await (await signInAs(base(), 'ding-office')).cases.suggestions(caseId);
      expect(suggested.needsReview).toBe(false);
      unitId = suggested.units[0]!.id;
      unitName = suggested.units[0]!.name;
      expect(await card.locator('[data-testid="hint"]').innerText()).toContain(unitName);
      await screenshot(page, 'deputy-03-office-triage-desktop', { fullPage: false });
      await card.click();
      await page.getByTestId('suggestions').waitFor();
      expect(await page.getByTestId('suggestions').innerText()).toContain(unitName);
      // the office sees the full number too (it handles the case)
      expect(await page.getByTestId('call').getAttribute('href')).toBe('tel:13857310002');
      await screenshot(page, 'deputy-04-office-case-suggestions');
      await openAction(page, 'assign');
      await eventually(() => page.locator('[data-form="assign"] [data-field="unit"] input').inputValue()).toBe(unitName);
      await eventually(() => page.locator('[data-form="assign"] [data-field="due"]').innerText()).toMatch(
        /1 个工作日内签收，10 个工作日内答复/,
      );
      await screenshot(page, 'deputy-05-office-assign', { fullPage: false });
      const done = page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST');
      await page.locator('[data-form="assign"] [data-testid="action-submit"]').click();
      expect((await done).status()).toBe(200);
      // the deadlines the unit now has, in working days
      const dialog = page.locator('.assign-result');
      await dialog.waitFor();
      const assigned = await signInAs(base(), 'ding-office').then((o) => o.cases.get(caseId));
      expect(assigned.signDueAt && assigned.replyDueAt).toBeTruthy();
      const text = await dialog.innerText();
      expect(text).toContain(unitName);
      expect(text).toMatch(/签收期限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      expect(text).toMatch(/答复期限：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      await dialog.getByRole('button', { name: '知道了' }).click();
      await eventually(() => caseStatus(page)).toBe('assigned');
      await eventually(() => page.getByTestId('unit-name').innerText()).toContain(unitName);
    } finally {
      await office.close();
    }

    // 马上办: the unit signs in, signs for the case, replies with text and a photo.
    const unit = await device();
    try {
      const { page } = unit;
      await signInThroughDemoPage(page, unitAccount(unitId), /\/deputy\/unit$/);
      const card = page.locator(`[data-case="${no}"]`);
      await card.waitFor();
      expect(await card.locator('[data-due]').innerText()).toMatch(/^剩余 /);
      await screenshot(page, 'deputy-06-unit-queue');
      await card.click();
      await page.waitForURL(new RegExp(`/deputy/cases/${no}$`));
      // a unit sees the citizen's number masked, without tap-to-call
      await eventually(() => page.getByTestId('contact-phone').innerText()).toContain('138****0002');
      expect(await page.getByTestId('call').count()).toBe(0);
      expect(await page.getByTestId('suggestions').count()).toBe(0);
      await doAction(page, 'sign');
      await eventually(() => caseStatus(page)).toBe('handling');
      await openAction(page, 'reply');
      await page.locator('[data-form="reply"] [data-field="note"] textarea').fill(reply);
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
      await page
        .locator('[data-form="reply"] .van-uploader__input')
        .setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: makePng(800, 600) });
      expect((await uploaded).status()).toBe(201);
      await page.locator('[data-form="reply"] .van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
      await page.locator('[data-form="reply"] [data-testid="action-submit"]').click();
      await eventually(() => caseStatus(page)).toBe('replied');
      await eventually(() => page.getByTestId('reply').innerText()).toContain(reply);
      expect(await page.locator('.timeline .van-step').first().locator('img').count()).toBe(1);
    } finally {
      await unit.close();
    }

    // 码上评: the citizen reads the reply (with its photo) in the citizen app and rates it.
    try {
      const { page } = citizen;
      await page.goto(`/citizen/cases/${caseId}`);
      await eventually(() => page.getByTestId('reply').innerText()).toContain(reply);
      await page.locator('.case__actions').getByRole('button', { name: '评价' }).click();
      await page.locator('.rate__option', { hasText: /^\s*满意\s*$/ }).click();
      await page.locator('.rate__solved .van-radio', { hasText: '已解决' }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      await expectToast(page, '感谢您的评价');
    } finally {
      await citizen.close();
    }
    const rated = await citizenApi.cases.get(caseId);
    expect(rated).toMatchObject({ status: 'closed', rating: 'satisfied', solved: true, replyText: reply, unitId });
    expect(rated.events.map((e) => e.action)).toEqual(['submit', 'acknowledge', 'forward', 'assign', 'sign', 'reply', 'rate']);

    // Every step's notice reached the stand-in, once: [recipient, the status in its title].
    const unitAcc = unitAccount(unitId);
    const expected = [
      ['ding-d001', '待受理'], // new case
      ['zlb-li', '已受理'], // acknowledged
      ['ding-office', '待分办'], // forwarded
      [unitAcc, '待签收'], // assigned
      ['zlb-li', '办理中'], // signed
      ['zlb-li', '待评价'], // replied
      ['ding-d001', '待评价'], // the unit replied: the deputy may evaluate
      ['ding-d001', '已办结'], // rated
      [unitAcc, '已办结'],
    ] as const;
    const recipients = [...new Set(expected.map(([who]) => who))];
    const count = async () => {
      const mine = (await idpMessages(base(), recipients)).filter((m) => m.title.startsWith(`民情件 ${no}：`));
      return expected.map(
        ([who, status]) => `${who} ${status} ×${mine.filter((m) => m.recipient === who && m.title.endsWith(status)).length}`,
      );
    };
    await eventually(count, { timeout: 20_000, interval: 500 }).toEqual(expected.map(([who, status]) => `${who} ${status} ×1`));
    const all = await idpMessages(base(), recipients);
    expect(new Set(all.map((m) => m.msgKey)).size).toBe(all.length);
    expect(all.filter((m) => m.recipient === 'zlb-li').every((m) => m.channel === 'zlb')).toBe(true);
    expect(all.filter((m) => m.recipient === unitAcc).every((m) => m.channel === 'ding')).toBe(true);
  }, 120_000);

  it('should show markup typed by a citizen as text in the staff app and run none of it', async () => {
    const payloads = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=1</script>', '"><svg onload="window.__xss=1">'];
    const citizen = await signInAs(base(), 'zlb-chen');
    const created = await citizen.cases.create(
      {
        deputyCode: 'D001',
        title: payloads[0]!.slice(0, 60),
        body: `小区门口积水严重 ${payloads.join(' ')}`,
        contactPhone: '13857310004',
        location: { address: payloads[2]! },
      },
      randomUUID(),
    );
    await citizen.cases.transition(created.id, { action: 'supplement', note: `补充 ${payloads[1]}` });
    const { page, context, close } = await device();
    try {
      await signInStaff(context, base(), 'ding-d001');
      for (const [path, shown] of [
        ['/deputy/inbox', '积水'],
        [`/deputy/cases/${created.trackingNo}`, '积水'],
        ['/deputy/messages', created.trackingNo], // the notice quotes the title
      ] as const) {
        await page.goto(path);
        await page.getByText(shown, { exact: false }).first().waitFor();
        await page.waitForTimeout(200);
        expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
        expect(await page.locator('svg[onload], img[onerror], script:not([src])').count()).toBe(0);
      }
      await page.goto(`/deputy/cases/${created.trackingNo}`);
      await page.getByTestId('case-body').waitFor();
      expect(await page.getByTestId('case-title').innerText()).toBe(payloads[0]);
      expect(await page.locator('body').innerText()).toContain('<script>window.__xss=1</script>');
    } finally {
      await close();
    }
  });

  it('should not show a unit a case assigned to another unit (UI not found, API 404)', async () => {
    const created = await caseAt(base(), 'assigned', '钟埭街道钟溪社区菜市场门口下水道堵塞，污水漫到路面，气味很大，请尽快疏通处理。', {
      citizen: 'zlb-wang',
      deputyCode: 'D002',
      contactPhone: '13857310003',
    });

    const { page, context, close } = await device();
    try {
      const other = await signInStaff(context, base(), 'ding-unit-jyj');
      await page.goto(`/deputy/cases/${created.trackingNo}`);
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').innerText()).toContain('未找到该民情件，或您无权查看');
      await screenshot(page, 'deputy-07-unit-not-found');
      await page.goto(`/deputy/cases/${created.id}`);
      await page.getByTestId('not-found').waitFor();
      // nor in its lists or search
      await page.goto('/deputy/unit');
      await page.locator('[data-count="assigned"]').waitFor();
      expect(await page.locator(`[data-case="${created.trackingNo}"]`).count()).toBe(0);
      await page.locator('.van-search input').fill(created.trackingNo);
      await page.locator('.van-search input').press('Enter');
      await eventually(() => textOrEmpty(page.locator('.queue__searching'))).toContain('共 0 件');
      expect(await page.locator('.van-empty__description').innerText()).toBe('暂无民情件');
      await expect(other.cases.get(created.id)).rejects.toMatchObject({ response: { status: 404 } });
      await expect(other.cases.get(created.trackingNo)).rejects.toMatchObject({ response: { status: 404 } });
      await expect(other.cases.transition(created.id, { action: 'sign' })).rejects.toMatchObject({ response: { status: 404 } });
      expect((await other.cases.list({ q: created.trackingNo })).total).toBe(0);
      // …while the unit it was assigned to finds it by search, from any tile
      const owner = await signInAs(base(), 'ding-unit-zjj');
      expect((await owner.cases.get(created.id)).allowedActions).toContain('sign');
      const mine = await device();
      try {
        await signInThroughDemoPage(mine.page, 'ding-unit-zjj', /\/deputy\/unit$/);
        await mine.page.locator('[data-filter="replied"]').click();
        await mine.page.locator('.van-search input').fill(created.trackingNo);
        await mine.page.locator('.van-search input').press('Enter');
        await mine.page.locator(`[data-case="${created.trackingNo}"]`).waitFor();
      } finally {
        await mine.close();
      }
    } finally {
      await close();
    }
  });
});
