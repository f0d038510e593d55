/**
 * The staff app's other duties in real Chromium on a 375×812 touch phone (issue 4): a unit
 * asks for an extension and returns a case with a reason, the office approves the extension
 * from its workbench, urges several cases at once and merges a duplicate; the deputy enters
 * a case on a citizen's behalf, records a reception day with a photo, rejects a case with a
 * reason and evaluates a unit's reply.
 */
import { describe, expect, it } from 'vitest';
import { screenshot } from './helpers/browser.js';
import { expectToast } from './helpers/citizen.js';
import { makePng } from './helpers/images.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { caseAt, caseStatus, doAction, eventually, idpMessages, openAction, staffPhone } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

describe('staff app: extensions, returns, 督办, merging, and the deputy’s own work', () => {
  it('should let a unit request an extension and return a case with a reason, and the office approve the extension from its workbench', async () => {
    const extending = await caseAt(
      base(),
      'handling',
      '当湖街道东湖社区的老旧小区改造工程停工两个月了，脚手架一直没拆，影响居民出行，请督促复工。',
    );
    const returning = await caseAt(base(), 'assigned', '乍浦镇海塘路公交站的站牌被风吹倒了，乘客不知道在哪里等车，请尽快修复。');

    const unit = await staffPhone(e2e, 'ding-unit-zjj');
    let dueBefore: string;
    try {
      const { page, client } = unit;
      dueBefore = (await client.cases.get(extending.id)).replyDueAt!;
      await page.goto(`/deputy/cases/${extending.trackingNo}`);
      await openAction(page, 'request_extension');
      // the most the admin allows (系统设置 延期最多; 15 by default), as the server will hold it
      await expect.poll(() => page.locator('[data-form="request_extension"] [data-field="days"]').innerText()).toContain('最多 15 个');
      await page.locator('[data-form="request_extension"] [data-field="days"] .van-stepper__plus').click(); // 5 → 6
      await page.locator('[data-form="request_extension"] [data-field="note"] textarea').fill('需协调施工单位和街道，复工手续较多');
      await page.locator('[data-form="request_extension"] [data-testid="action-submit"]').click();
      await page.locator('[data-form="request_extension"]').waitFor({ state: 'hidden' });
      await eventually(() => page.locator('.case__info').innerText()).toContain('待审批 6 个工作日');
      // one pending request at a time: the action is no longer offered
      expect(await page.locator('[data-testid="actions"] [data-action="request_extension"]').count()).toBe(0);

      await page.goto(`/deputy/cases/${returning.trackingNo}`);
      await doAction(page, 'return', '站牌属于交通运输局管理，不属于本单位职责');
      await eventually(() => caseStatus(page)).toBe('triage');
    } finally {
      await unit.close();
    }

    const office = await staffPhone(e2e, 'ding-office');
    try {
      const { page, client } = office;
      await page.goto('/deputy/triage');
      const pending = page.locator(`[data-extension="${extending.trackingNo}"]`);
      await pending.waitFor();
      expect(await pending.innerText()).toContain('申请延期 6 个工作日');
      // the returned case is back in 待分办, with the unit's reason in its timeline
      await page.locator(`[data-case="${returning.trackingNo}"]`).waitFor();
      await screenshot(page, 'deputy-12-office-extensions');
      await page.locator(`[data-case="${returning.trackingNo}"]`).click();
      await eventually(() => page.locator('.timeline .van-step').first().innerText()).toContain('站牌属于交通运输局管理');
      await page.goBack();

      await page.locator(`[data-extension="${extending.trackingNo}"]`).click();
      await page.waitForURL(new RegExp(`/deputy/cases/${extending.trackingNo}$`));
      await openAction(page, 'approve_extension');
      expect(await page.locator('[data-form="approve_extension"]').innerText()).toContain('6 个工作日');
      await page.locator('[data-form="approve_extension"] [data-testid="action-submit"]').click();
      await page.locator('[data-form="approve_extension"]').waitFor({ state: 'hidden' });
      await eventually(() => page.locator('.case__info').innerText()).toContain('已延期');
      const after = await client.cases.get(extending.id);
      expect(after).toMatchObject({ extensionApprovedDays: 6, extensionPendingDays: null });
      expect(Date.parse(after.replyDueAt!)).toBeGreaterThan(Date.parse(dueBefore));
      // decided: gone from the workbench's panel
      await page.goto('/deputy/triage');
      await page.locator(`[data-case="${returning.trackingNo}"]`).waitFor();
      expect(await page.locator(`[data-extension="${extending.trackingNo}"]`).count()).toBe(0);
    } finally {
      await office.close();
    }
  });

  it('should urge several cases at once from the office workbench, and one from its detail page', async () => {
    const cases = await Promise.all(
      [
        '独山港镇全塘社区的健身器材损坏了三件，孩子玩的时候容易受伤，请安排维修。',
        '黄姑镇塘北村的河道里漂着很多垃圾，夏天气味难闻，请安排清理。',
        '林埭镇前港村学校门口放学时家长车辆乱停，孩子过马路很危险。',
      ].map((b) => caseAt(base(), 'assigned', b)),
    );
    const { page, client, close } = await staffPhone(e2e, 'ding-office');
    try {
      await page.goto('/deputy/triage');
      await page.locator('[data-filter="handling"]').click();
      for (const c of cases) await page.locator(`[data-case="${c.trackingNo}"]`).waitFor();
      await page.getByTestId('bulk-urge').click();
      await page.getByTestId('bulk-bar').waitFor();
      // in selection mode a tap selects instead of opening the case
      await page.locator(`[data-case="${cases[0]!.trackingNo}"]`).click();
      await page.locator(`[data-case="${cases[1]!.trackingNo}"]`).click();
      expect(page.url()).toMatch(/\/deputy\/triage$/);
      await eventually(() => page.getByTestId('bulk-count').innerText()).toBe('2');
      await screenshot(page, 'deputy-13-office-bulk-urge', { fullPage: false });
      await page.getByTestId('bulk-urge-go').click();
      await page.locator('.urge-dialog [data-field="urge-note"] textarea').fill('请于本周内签收办理');
      await page.locator('.urge-dialog').getByRole('button', { name: '发出督办' }).click();
      await expectToast(page, '已督办 2 件');
      await eventually(() => page.locator(`[data-case="${cases[0]!.trackingNo}"]`).innerText()).toContain('督办');
      const counts = await Promise.all(cases.map(async (c) => (await client.cases.get(c.id)).urgeCount));
      expect(counts).toEqual([1, 1, 0]);

      // singly, from the third case's page
      await page.locator(`[data-case="${cases[2]!.trackingNo}"]`).click();
      await doAction(page, 'urge', '家长反映强烈，请尽快处理');
      await eventually(() => page.locator('.case__head').innerText()).toContain('督办 1 次');

      // the unit holding them was told, once per urge
      await eventually(
        async () => {
          const got = (await idpMessages(base(), ['ding-unit-zjj'])).filter(
            (m) => m.recipient === 'ding-unit-zjj' && m.body.startsWith('督办'),
          );
          return cases.map((c) => got.filter((m) => m.title.includes(c.trackingNo)).length);
        },
        { timeout: 20_000, interval: 500 },
      ).toEqual([1, 1, 1]);
    } finally {
      await close();
    }
  });

  it('should merge a duplicate into the case it repeats from the office’s suggestions', async () => {
    const body = '新仓镇新仓社区农贸市场门口的下水道堵了，污水漫到路上，气味很大，请尽快疏通。';
    const first = await caseAt(base(), 'triage', body);
    const second = await caseAt(base(), 'triage', `${body}已经好几天了。`);
    const { page, client, close } = await staffPhone(e2e, 'ding-office');
    try {
      await page.goto('/deputy/triage');
      await eventually(() => page.locator(`[data-case="${second.trackingNo}"] [data-testid="hint"]`).innerText()).toContain('疑似重复');
      await page.locator(`[data-case="${second.trackingNo}"]`).click();
      await page.getByTestId('similar').first().waitFor();
      await openAction(page, 'merge');
      // the likely duplicate is offered and chosen
      await eventually(() => page.locator('[data-form="merge"] [data-field="target"] input').inputValue()).toBe(first.trackingNo);
      await page.locator('[data-form="merge"] [data-field="note"] textarea').fill('与同一市场下水道堵塞诉求合并办理');
      await page.locator('[data-form="merge"] [data-testid="action-submit"]').click();
      await eventually(() => caseStatus(page)).toBe('closed');
      expect(await page.locator('.case__head [data-status]').innerText()).toBe('已合并');
      expect(await client.cases.get(second.id)).toMatchObject({ status: 'closed', closeReason: 'merged', mergedIntoCaseId: first.id });
      await page.locator('.case__info .van-cell', { hasText: '已合并到' }).click();
      await eventually(() => page.getByTestId('tracking-no').innerText()).toBe(first.trackingNo);
    } finally {
      await close();
    }
  });

  it('should let a deputy enter a case for a citizen, record a reception day with a photo, reject a case and evaluate a unit’s reply', async () => {
    const toReject = await caseAt(base(), 'submitted', '请代表帮忙问问我家孩子明年上小学划片的情况，我们刚搬来不清楚。这是咨询不是投诉。');
    const replied = await caseAt(base(), 'replied', '钟埭街道沈家弄村的路灯晚上十点就关了，夜班工人回家很不方便，希望延长亮灯时间。');
    const { page, client, close } = await staffPhone(e2e, 'ding-d001');
    try {
      // 代群众录入 during a visit: the case is addressed to this deputy, with the citizen's phone and a photo
      await page.goto('/deputy/inbox');
      await page.getByTestId('go-new').click();
      await page.waitForURL(/\/deputy\/new$/);
      await page.locator('[data-field="type"] .van-radio', { hasText: '建议' }).click();
      await page.locator('[data-field="title"] input').fill('增设老年食堂');
      await page
        .locator('[data-field="body"] textarea')
        .fill('走访时东湖社区多位老人反映，社区没有老年食堂，子女上班后吃饭不方便，建议增设。');
      await page.locator('[data-field="contactName"] input').fill('王阿姨');
      await page.locator('[data-field="contactPhone"] input').fill('13900001111');
      await page.locator('[data-field="address"] input').fill('东湖社区活动中心');
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads'));
      await page.locator('.van-uploader__input').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: makePng(640, 480) });
      expect((await uploaded).status()).toBe(201);
      await page.locator('.van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
      await page.getByTestId('new-case-submit').click();
      await page.waitForURL(/\/deputy\/cases\/PH/);
      const no = (await page.getByTestId('tracking-no').innerText()).trim();
      const entered = await client.cases.get(no);
      expect(entered).toMatchObject({
        deputyCode: 'D001',
        type: 'suggestion',
        title: '增设老年食堂',
        contactName: '王阿姨',
        contactPhone: '13900001111',
        status: 'submitted',
      });
      expect(entered.photos).toHaveLength(1);
      expect(entered.location).toEqual({ address: '东湖社区活动中心' });

      // a reception day (接待日) with a photo
      await page.goto('/deputy/visits/new?kind=reception');
      await page.locator('[data-field="place"] input').fill('当湖街道人大代表联络站');
      await page.locator('[data-field="people"] input').fill('来访群众5人');
      await page.locator('[data-field="summary"] textarea').fill('接待群众5人次，收集停车难、老年食堂等意见3条。');
      await page.locator('.van-uploader__input').setInputFiles({ name: 'reception.png', mimeType: 'image/png', buffer: makePng(640, 480) });
      await page.locator('.van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
      await page.getByTestId('visit-submit').click();
      await page.waitForURL(/\/deputy\/visits$/);
      const visit = page.getByTestId('visit').first();
      await visit.waitFor();
      expect(await visit.innerText()).toContain('接待日');
      expect(await visit.locator('img').count()).toBe(1);
      await screenshot(page, 'deputy-14-visits');
      const perf = await client.deputies.performance('D001');
      expect(perf.receptions).toBe(1);

      // 不予受理 with its reason (that one is required: tests/ui/action-form.test.ts)
      await page.goto(`/deputy/cases/${toReject.trackingNo}`);
      await openAction(page, 'reject');
      await page.locator('[data-form="reject"] [data-field="note"] textarea').fill('属于教育政策咨询，已告知拨打教育局热线');
      await page.locator('[data-form="reject"] [data-testid="action-submit"]').click();
      await eventually(() => caseStatus(page)).toBe('closed');
      expect(await page.locator('.case__head [data-status]').innerText()).toBe('不予受理');

      // 代表评价 of the unit's reply (does not change the status)
      await page.goto(`/deputy/cases/${replied.trackingNo}`);
      await openAction(page, 'evaluate');
      await page.locator('[data-form="evaluate"] [data-rating="basically_satisfied"]').click();
      await page.locator('[data-form="evaluate"] [data-field="note"] textarea').fill('答复及时，建议跟进亮灯时间调整');
      await page.locator('[data-form="evaluate"] [data-testid="action-submit"]').click();
      await eventually(() => page.getByTestId('reply').innerText()).toContain('代表评价：基本满意');
      expect(await client.cases.get(replied.id)).toMatchObject({ status: 'replied', deputyRating: 'basically_satisfied' });
    } finally {
      await close();
    }
  });
});
