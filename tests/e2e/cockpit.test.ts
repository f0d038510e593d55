/**
 * The data cockpit in real Chromium (issue 6, "Done when"): the leader's phone cockpit at
 * 375×812 and the wall screen at 1920×1080 over the demo history, screenshotted; every figure
 * on screen equals the API's, and a figure opens the list of exactly that many cases.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { StatsOverview } from '@minqing/shared';
import { KPIS, formatKpi } from '../../deputy-h5/src/features/cockpit/cockpitMetrics.js';
import { PHONE, screenshot } from './helpers/browser.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { signInStaff } from './helpers/staff.js';

const e2e = withServerAndBrowser({ env: { DEMO_CASES: '320' } });

/** The staff app's pages: its router serves the cockpit at /deputy/cockpit (and the wall screen at /deputy/screen, opened with a 大屏凭证's address). */
const pageUrl = (which: 'cockpit') => `${e2e.baseUrl}/deputy/${which}`;

/**
 * A fresh phone with `account` signed in, showing its cockpit; `errors` collects what the page
 * throws. Close `context` when done.
 */
async function cockpitPhone(account: string) {
  const context = await e2e.browser.newContext({ ...PHONE });
  const client = await signInStaff(context, e2e.baseUrl, account);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pageUrl('cockpit'));
  return { context, client, page, errors };
}

/** This year so far, in China time: the cockpit's default period. */
function thisYear() {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** Every figure on the page, as shown, by its key. */
async function figuresOnScreen(page: Page): Promise<Record<string, string>> {
  await page.locator('[data-kpi="received"] [data-testid="kpi-value"]').filter({ hasNotText: '—' }).waitFor({ timeout: 20_000 });
  return page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll('[data-kpi]')).map((el) => [
        el.getAttribute('data-kpi')!,
        (el.querySelector('[data-testid="kpi-value"]')?.textContent ?? '').replace(/\s+/g, ''),
      ]),
    ),
  );
}

const expected = (o: StatsOverview) =>
  Object.fromEntries(KPIS.map((k) => [k.key, formatKpi(k.kind, k.value(o)) + (k.kind === 'hours' && k.value(o) !== null ? '小时' : '')]));

describe('the data cockpit in a browser', () => {
  it('should show the leader, on a 375×812 phone, every figure exactly as the API gives it, and open a figure as its cases', async () => {
    const { context, client: leader, page, errors } = await cockpitPhone('ding-leader');
    try {
      const shown = await figuresOnScreen(page);
      const o = await leader.stats.overview(thisYear());
      expect(o.received).toBeGreaterThan(100);
      expect(shown).toEqual(expected(o));
      await expect.poll(() => page.locator('.scope').innerText()).toContain(`平湖市 · ${thisYear().from} 至 ${thisYear().to}`);
      // the staff app's global styles do not reach into the cockpit: white figures on the headline
      // tiles, and the tiles below the live line rather than over it
      expect(await page.locator('[data-kpi="received"] [data-testid="kpi-value"]').evaluate((el) => getComputedStyle(el).color)).toBe(
        'rgb(255, 255, 255)',
      );
      const live = (await page.locator('.live').boundingBox())!;
      const tiles = (await page.locator('[data-kpi="received"]').boundingBox())!;
      expect(tiles.y).toBeGreaterThanOrEqual(live.y + live.height);

      // charts drawn (ECharts on canvas): trend, stages, categories, towns
      await expect.poll(() => page.locator('[data-testid="cockpit"] canvas').count()).toBeGreaterThanOrEqual(4);
      // the lists are the API's
      const units = await leader.stats.units(thisYear());
      await expect
        .poll(() => page.locator('[data-testid="units"] tbody tr').first().locator('td.name').innerText())
        .toContain(units.items[0]!.name);
      const overdue = await leader.stats.overdue(thisYear());
      expect(await page.locator('[data-testid="overdue"] li').count()).toBe(Math.min(10, overdue.total) || 1);
      const latest = await leader.stats.latest({ limit: 10 });
      await expect.poll(() => page.locator('[data-testid="latest"] li').first().innerText()).toContain(latest.items[0]!.title);
      await expect.poll(() => page.locator('[data-testid="latest"]').innerText()).toMatch(/1[3-9]\d\*{4}\d{4}|匿名/);
      await screenshot(page, 'cockpit-375-phone');

      // 超期 opens the overdue cases: the same number, case by case
      await page.locator('[data-kpi="overdue"]').click();
      const sheet = page.getByTestId('drill');
      await sheet.waitFor();
      await expect.poll(() => sheet.getByTestId('drill-total').innerText()).toBe(String(o.overdue));
      await expect.poll(() => sheet.locator('.drill-item').count()).toBe(Math.min(20, o.overdue));
      await screenshot(page, 'cockpit-375-drill-overdue', { fullPage: false });
      await page.locator('.van-popup__close-icon').click();

      // 及时受理率 opens 按时受理 first, and its late and due lists
      await page.locator('[data-kpi="ackOnTimeRate"]').click();
      await expect.poll(() => sheet.getByTestId('drill-total').innerText()).toBe(o.counts.ackOnTime.toLocaleString('zh-CN'));
      await sheet.getByRole('button', { name: /超时或未受理/ }).click();
      await expect.poll(() => sheet.getByTestId('drill-total').innerText()).toBe(String(o.counts.ackDue - o.counts.ackOnTime));
      await page.locator('.van-popup__close-icon').click();

      // 导出台账: the filtered ledger downloads as .xlsx
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出台账（Excel）' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`民情台账_平湖市_${thisYear().from}_${thisYear().to}.xlsx`);
      const bytes = await new Promise<number>((resolve, reject) => {
        let n = 0;
        void download.createReadStream().then((s) =>
          s
            .on('data', (c: Buffer) => (n += c.length))
            .on('end', () => resolve(n))
            .on('error', reject),
        );
      });
      expect(bytes).toBeGreaterThan(10_000);

      // another period: this month, again equal to the API
      await page.getByRole('button', { name: '本月' }).click();
      const month = { from: `${thisYear().to.slice(0, 7)}-01`, to: thisYear().to };
      const om = await leader.stats.overview(month);
      await expect.poll(async () => (await figuresOnScreen(page)).received).toBe(expected(om).received);
      expect(await figuresOnScreen(page)).toEqual(expected(om));

      // a case behind a figure opens its detail page
      await page.locator('[data-kpi="received"]').click();
      const first = sheet.getByTestId('drill-case').first();
      await first.waitFor();
      const title = await first.locator('.title').innerText();
      await first.click();
      await page.waitForURL(/\/deputy\/cases\/[^/?#]+$/);
      await expect.poll(() => page.locator('body').innerText()).toContain(title);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000); // many steps; the whole suite shares 2 cores

  it('should poll the figures with the ETag the browser holds, and show them again from the 304', async () => {
    const { context, client: leader, page, errors } = await cockpitPhone('ding-leader');
    try {
      await figuresOnScreen(page);
      const live = await page.locator('.live').innerText();
      expect(live).toContain('更新于');
      await page.waitForTimeout(1100); // so that the next poll's time differs on screen

      // what came over the wire (Playwright reports what the page got: the kept 200)
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const urls = new Map<string, string>();
      const wire: { url: string; status: number }[] = [];
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.responseReceivedExtraInfo', (e) => wire.push({ url: urls.get(e.requestId) ?? '', status: e.statusCode }));

      // the next poll (the page turning visible polls at once, as the 30 s timer does); asked
      // again if something was written meanwhile or the minute turned (a new tag, rightly a 200)
      const isOverview = (url: string) => url.includes('/api/stats/overview?');
      let revalidated = false;
      for (let poll = 0; poll < 3 && !revalidated; poll++) {
        wire.length = 0;
        const asked = page.waitForRequest((r) => isOverview(r.url()));
        const answered = page.waitForResponse((r) => isOverview(r.url()));
        await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
        const request = await asked;
        const response = await answered;
        // the browser sends the tag it holds by itself (axios does not)
        const sent = (await request.allHeaders())['if-none-match'];
        expect(sent).toMatch(/^W\/"/);
        await expect.poll(() => wire.filter((w) => isOverview(w.url)).length).toBe(1);
        const status = wire.find((w) => isOverview(w.url))!.status;
        // a 304 without a body reaches the page (and axios) as the 200 the browser kept
        expect(response.status()).toBe(200);
        if (status === 304) {
          expect((await response.allHeaders())['etag']).toBe(sent);
          revalidated = true;
        }
      }
      expect(revalidated).toBe(true);
      await expect.poll(() => page.locator('.live').innerText()).not.toBe(live);
      expect(await page.locator('.live').innerText()).toContain('更新于');
      expect(await figuresOnScreen(page)).toEqual(expected(await leader.stats.overview(thisYear())));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("should show a town's office only its town", async () => {
    const { context, client: office, page } = await cockpitPhone('ding-office-danghu');
    try {
      const shown = await figuresOnScreen(page);
      const o = await office.stats.overview(thisYear());
      expect(o.scopeName).toBe('当湖街道');
      expect(shown).toEqual(expected(o));
      await expect.poll(() => page.locator('.scope').innerText()).toContain('当湖街道');
      // no town picker and no town chart for a single town
      expect(await page.locator('select[aria-label="镇（街道）"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('should let a leader issue a 大屏凭证 on the phone, and open the 1920×1080 wall screen with it, dark and without a login, until revoked', async () => {
    const phone = await e2e.browser.newContext({ ...PHONE });
    const wall = await e2e.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      // the leader issues a credential for the whole city on 大屏凭证 and gets its address once
      const leader = await signInStaff(phone, e2e.baseUrl, 'ding-leader');
      const admin = await phone.newPage();
      await admin.goto(`${e2e.baseUrl}/deputy/admin/screens`);
      await admin.getByTestId('screen-empty').waitFor();
      await admin.getByTestId('new-screen').click();
      await admin.getByTestId('screen-name').locator('input').fill('三楼会议室大屏');
      await admin.getByTestId('screen-issue').click();
      const address = await admin.getByTestId('screen-url').locator('textarea').inputValue();
      expect(address).toMatch(new RegExp(`^${e2e.baseUrl}/deputy/screen#k=mqs_[A-Za-z0-9_-]{43}$`));
      await admin.getByRole('button', { name: '我已保存，关闭' }).click();
      const row = admin.getByTestId('screen-credential');
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.innerText()).toMatch(/三楼会议室大屏[\s\S]*有效[\s\S]*范围：平湖市[\s\S]*尚未使用/);

      // the wall screen: a fresh browser with no session at all opens the address
      const page = await wall.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const sent: Record<string, string>[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/')) sent.push(r.headers());
      });
      await page.goto(address);
      const shown = await figuresOnScreen(page);
      const o = await leader.stats.overview(thisYear());
      expect(shown).toEqual(expected(o));
      // the credential left the address bar at once and stays for this tab only; it went as its own header, never as a login
      expect(page.url()).toBe(`${e2e.baseUrl}/deputy/screen`);
      const secret = address.slice(address.indexOf('#k=') + 3);
      expect(await page.evaluate(() => [sessionStorage.getItem('mq.screen.key'), localStorage.getItem('mq.staff.session')])).toEqual([
        secret,
        null,
      ]);
      expect(sent.length).toBeGreaterThan(5);
      expect(sent.every((h) => h['x-screen-key'] === secret && !h['authorization'])).toBe(true);
      // the whole design fits the screen: no scrolling
      const box = await page.getByTestId('big-screen').boundingBox();
      expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
      expect(
        await page.evaluate(() => [document.documentElement.scrollHeight <= 1080, document.documentElement.scrollWidth <= 1920]),
      ).toEqual([true, true]);
      // dark
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.viewport')!).backgroundColor);
      expect(bg).toBe('rgb(3, 11, 31)');
      // gauges, trend, towns, categories, stages
      await expect.poll(() => page.locator('[data-testid="big-screen"] canvas').count()).toBeGreaterThanOrEqual(8);
      const units = await leader.stats.units(thisYear());
      await expect.poll(() => page.locator('[data-testid="units"] tbody tr').first().locator('.nm').innerText()).toBe(units.items[0]!.name);
      await page.waitForTimeout(800); // chart animations
      await screenshot(page, 'cockpit-1920-screen', { fullPage: false });

      // a reload (the screen's nightly restart) still shows the figures, from the tab's keeping
      await page.reload();
      expect(await figuresOnScreen(page)).toEqual(expected(o));
      // the leader's list shows it in use
      await admin.reload();
      await expect.poll(() => admin.getByTestId('screen-last-used').innerText()).not.toContain('尚未使用');

      // revoked on the phone: the screen's next poll is refused and it says so
      await admin.getByTestId('revoke').click();
      await admin.getByRole('button', { name: '撤销', exact: true }).last().click();
      await expect.poll(() => admin.getByTestId('screen-status').innerText()).toBe('已撤销');
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await expect.poll(() => page.getByTestId('screen-refused').innerText()).toContain('大屏凭证已撤销');
      expect(errors).toEqual([]);
    } finally {
      await wall.close();
      await phone.close();
    }
  }, 60_000);
});
