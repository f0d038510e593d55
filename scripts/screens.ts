/**
 * npx tsx scripts/screens.ts — regenerates the README's screenshots of both apps into
 * docs/screens/*.png (committed) and docs/screens/README.md (the index with captions).
 *
 * Starts the real server on a free port with a temporary database seeded in demo mode
 * (320 historical cases, so workbenches and the cockpit have figures), drives Debian's
 * Chromium as a 375×812 phone (office staff also on a 1280×800 desktop), walks one case
 * through the whole flow with the apps' own pages, and photographs each main screen.
 *
 *   npx tsx scripts/screens.ts [--only deputy|citizen]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { signInAs } from '../tests/e2e/helpers/api.js';
import { PHONE, launchBrowser } from '../tests/e2e/helpers/browser.js';
import { startServerProcess } from '../tests/e2e/helpers/server.js';
import { makePng } from '../tests/e2e/helpers/images.js';
import { signInWithPassword } from '../tests/e2e/helpers/staff.js';
import { buildAppsIfStale } from './build-if-stale.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(root, 'docs', 'screens');
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1] : undefined;
})();

interface Shot {
  file: string;
  app: 'citizen' | 'deputy';
  caption: string;
}
const shots: Shot[] = [];

async function shoot(page: Page, file: string, app: Shot['app'], caption: string, fullPage = false) {
  await page.evaluate(() => window.scrollTo(0, 0));
  // let toasts fade and lazy images settle
  await page
    .locator('.van-toast')
    .last()
    .waitFor({ state: 'hidden', timeout: 5000 })
    .catch(() => undefined);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(OUT, `${file}.png`), fullPage, animations: 'disabled' });
  shots.push({ file, app, caption });
  console.log(`  ${file}.png  ${caption}`);
}

/** Puts an app's session where it keeps it (the apps read it on load). */
async function session(context: BrowserContext, key: string, base: string, account: string) {
  const client = await signInAs(base, account);
  const user = await client.me();
  const value = JSON.stringify({ token: client.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), user });
  await context.addInitScript(([k, v]) => window.localStorage.setItem(k!, v!), [key, value]);
  return client;
}

buildAppsIfStale();
mkdirSync(OUT, { recursive: true });
const server = await startServerProcess({ env: { DEMO_CASES: '320' } });
const base = server.baseUrl;
const browser = await launchBrowser();
const phone = (extra = {}) => browser.newContext({ ...PHONE, baseURL: base, ...extra });
console.log(`截图：${base} → docs/screens/`);

try {
  const body = '当湖街道东湖社区胜利路12号门口的路灯坏了两个星期，晚上非常黑，老人出门很不方便，请尽快维修。';
  let trackingNo = '';
  let caseId = '';

  // ---- citizen app: find the deputy, submit, receipt ----
  {
    const context = await phone({
      permissions: ['geolocation'],
      geolocation: { latitude: 30.698215, longitude: 121.015327, accuracy: 25 },
    });
    const page = await context.newPage();
    if (only !== 'deputy') {
      await page.goto('/citizen/');
      await page.locator('.deputy-card').first().waitFor();
      await shoot(page, 'citizen-home', 'citizen', '群众端首页：按镇街、联络站或姓名找代表');
      await page.goto('/citizen/d/D001');
      await page.locator('.profile__name').waitFor();
      await shoot(page, 'citizen-landing', 'citizen', '扫代表二维码打开的代表主页（码上提）');
    }
    await session(context, 'mq.citizen.session', base, 'zlb-zhang');
    await page.goto('/citizen/d/D001/submit');
    await page.locator('[data-field="title"] input').fill('胜利路路灯不亮');
    await page.locator('[data-field="body"] textarea').fill(body);
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads'));
    await page.locator('.van-uploader__input').setInputFiles({ name: 'street.png', mimeType: 'image/png', buffer: makePng(1200, 900) });
    await uploaded;
    await page.locator('.van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
    await page
      .locator('[data-field="location"] button')
      .click()
      .catch(() => undefined);
    await page.locator('[data-field="address"] input').fill('东湖社区胜利路12号');
    const box = page.locator('[data-field="agreed"] .van-checkbox');
    if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
    if (only !== 'deputy') await shoot(page, 'citizen-submit', 'citizen', '反映问题：文字、照片、位置、联系电话、可匿名');
    await page.locator('.submit__btn').click();
    await page.waitForURL(/\/citizen\/receipt\//);
    trackingNo = (await page.getByTestId('tracking-no').innerText()).trim();
    await page.getByTestId('receipt-qr').waitFor();
    if (only !== 'deputy') await shoot(page, 'citizen-receipt', 'citizen', '提交成功：受理编号和回执二维码');
    await context.close();
  }

  // ---- staff app: deputy ----
  {
    const context = await phone();
    const page = await context.newPage();
    await page.goto('/deputy/login');
    await page.locator('[data-account="ding-d001"]').waitFor();
    await shoot(page, 'deputy-login', 'deputy', '工作端登录：浙政钉免登；演示环境的模拟登录；人大工作人员可用密码');
    await page.locator('[data-account="ding-d001"]').click();
    await page.waitForURL(/\/deputy\/inbox$/);
    await page.locator(`[data-case="${trackingNo}"]`).waitFor();
    await shoot(page, 'deputy-inbox', 'deputy', '代表工作台：待受理、超期等计数，应答时限倒计时（码上收）');
    await page.locator(`[data-case="${trackingNo}"]`).click();
    await page.getByTestId('case-body').waitFor();
    caseId = (await (await signInAs(base, 'ding-d001')).cases.get(trackingNo)).id;
    await shoot(page, 'deputy-case-detail', 'deputy', '民情件详情：内容、照片、位置、电话、办理进度和可做的操作');
    for (const [action, note] of [
      ['acknowledge', '已收到，马上了解情况'],
      ['forward', '涉及路灯维修，请人大办交办'],
    ] as const) {
      const bar = page.locator(`[data-testid="actions"] [data-action="${action}"]`);
      if (await bar.count()) await bar.click();
      else {
        await page.locator('[data-testid="actions"] [data-action="more"]').click();
        await page.locator(`.van-action-sheet [data-action="${action}"]`).click();
      }
      await page.locator(`[data-form="${action}"] [data-field="note"] textarea`).fill(note);
      const done = page.waitForResponse((r) => r.url().endsWith('/transitions'));
      await page.locator(`[data-form="${action}"] [data-testid="action-submit"]`).click();
      await done;
      await page.locator(`[data-form="${action}"]`).waitFor({ state: 'hidden' });
    }
    await page.goto('/deputy/poster');
    await page.getByTestId('poster-qr').waitFor();
    await shoot(page, 'deputy-poster', 'deputy', '我的二维码：可打印的 A4 海报，也可保存为图片');
    await page.goto('/deputy/scan');
    await page.getByTestId('scan-file').waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    await shoot(page, 'deputy-scan', 'deputy', '扫一扫：扫回执二维码查看民情件，扫联络站二维码进站签到');
    await page.goto('/deputy/me');
    await page.getByTestId('performance').waitFor();
    await shoot(page, 'deputy-me', 'deputy', '我的履职：收到诉求、按时受理、走访、接待日、进站签到');
    await context.close();
  }

  // ---- staff app: office (phone, then desktop) ----
  {
    const context = await phone();
    await session(context, 'mq.staff.session', base, 'ding-office');
    const page = await context.newPage();
    await page.goto('/deputy/triage');
    await page.locator(`[data-case="${trackingNo}"] [data-testid="hint"]`).waitFor();
    await shoot(page, 'office-triage', 'deputy', '人大分办工作台：智能分办建议、疑似重复、延期审批、批量督办（马上分）');
    await page.locator(`[data-case="${trackingNo}"]`).click();
    await page.getByTestId('suggestions').waitFor();
    await page.getByTestId('suggestions').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 56));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'office-suggestions.png'), animations: 'disabled' });
    shots.push({ file: 'office-suggestions', app: 'deputy', caption: '分办建议：类别和承办单位及置信度、关键词、同类诉求' });
    console.log('  office-suggestions.png');
    await page.locator('[data-testid="actions"] [data-action="assign"]').click();
    await page.locator('[data-form="assign"] [data-field="due"]').waitFor();
    await page.waitForTimeout(400);
    await shoot(page, 'office-assign', 'deputy', '交办：默认采纳建议的承办单位，显示办理时限');
    await context.close();

    const desk = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      baseURL: base,
    });
    const dpage = await desk.newPage();
    await signInWithPassword(dpage, 'office');
    await dpage.locator('[data-filter="overdue"]').click();
    await dpage.locator('[data-testid="case-list"]').waitFor();
    await shoot(dpage, 'office-desktop', 'deputy', '电脑浏览器上的分办工作台（密码登录）：超期件与批量督办');
    await desk.close();
  }

  // ---- staff app: the unit ----
  {
    const office = await signInAs(base, 'ding-office');
    const s = await office.cases.suggestions(caseId);
    const unitId = s.units[0]?.id ?? 'zjj';
    await office.cases.transition(caseId, { action: 'assign', unitId });
    const account = `ding-unit-${unitId.replace(/^gov-/, '')}`;
    const context = await phone();
    await session(context, 'mq.staff.session', base, account);
    const page = await context.newPage();
    await page.goto('/deputy/unit');
    await page.locator(`[data-case="${trackingNo}"]`).waitFor();
    await shoot(page, 'unit-queue', 'deputy', '承办工作台：待签收、办理中、超期（马上办）');
    const unit = await signInAs(base, account);
    await unit.cases.transition(caseId, { action: 'sign' });
    await page.goto(`/deputy/cases/${trackingNo}`);
    await page.locator('[data-testid="actions"] [data-action="reply"]').click();
    await page
      .locator('[data-form="reply"] [data-field="note"] textarea')
      .fill('经现场核查，胜利路12号路灯线路老化，已更换线路并修复，感谢您的反映。');
    await page
      .locator('[data-form="reply"] .van-uploader__input')
      .setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: makePng(1200, 900) });
    await page.locator('[data-form="reply"] .van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    await shoot(page, 'unit-reply', 'deputy', '承办单位答复：办理结果和照片；也可退回或申请延期');
    const done = page.waitForResponse((r) => r.url().endsWith('/transitions'));
    await page.locator('[data-form="reply"] [data-testid="action-submit"]').click();
    await done;
    await context.close();
  }

  // ---- citizen app: the reply and the rating ----
  if (only !== 'deputy') {
    const context = await phone();
    await session(context, 'mq.citizen.session', base, 'zlb-zhang');
    const page = await context.newPage();
    await page.goto(`/citizen/cases/${caseId}`);
    await page.getByTestId('reply').waitFor();
    await shoot(page, 'citizen-case', 'citizen', '办理进度：每一步的时间线和答复，可评价（码上评）', true);
    await context.close();
  }

  // ---- the cockpit (leaders) ----
  {
    const context = await phone();
    await session(context, 'mq.staff.session', base, 'ding-leader');
    const page = await context.newPage();
    await page.goto('/deputy/cockpit');
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1500);
    await shoot(page, 'leader-cockpit', 'deputy', '数据驾驶舱（马上用）');
    await context.close();
  }

  const index = [
    '# 截图',
    '',
    '由 `npx tsx scripts/screens.ts` 生成（演示数据，375×812 手机屏；电脑浏览器 1280×800）。',
    '',
    '| 截图 | 说明 |',
    '|---|---|',
    ...shots.map(
      (s) =>
        `| <img src="${s.file}.png" width="240" alt="${s.caption}"> | **${s.app === 'citizen' ? '群众端' : '工作端'}** · ${s.caption} |`,
    ),
    '',
  ].join('\n');
  if (!only) writeFileSync(join(OUT, 'README.md'), index);
  console.log(`完成：${shots.length} 张截图 → docs/screens/`);
} finally {
  await browser.close();
  await server.stop();
}
