/**
 * The staff app (deputy-h5) in real Chromium on a phone-sized touch screen (issue 4, "Done
 * when"): the whole loop across both apps, a unit's scope, scanning a receipt QR and a
 * station QR through the image fallback, the poster's QR, and the work notices delivered to
 * the stand-in provider once each, also after the server is SIGKILLed and restarted.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServerProcess as spawnServer, type ServerProcess } from '../../scripts/lib/server-process.js';
import { apiClient, signInAs, type SignedInClient } from './helpers/api.js';
import { launchBrowser, launchPhone, screenshot, type Phone } from './helpers/browser.js';
import { makePng } from './helpers/images.js';
import { doAction, openAction, signInStaff } from './helpers/staff.js';

// The same environment as helpers/server.ts, but a process this file can SIGKILL and restart on its database.
const ENV = {
  DEMO_MODE: '1',
  DEMO_CASES: '0',
  SCHEDULER: '0',
  SUBMIT_PER_USER_PER_HOUR: '0',
  SUBMIT_PER_IP_PER_MINUTE: '0',
  SIGNIN_PER_IP_PER_MINUTE: '0',
  UPLOAD_PER_USER_PER_MINUTE: '0',
};
let dir: string;
let dbFile: string;
let server: ServerProcess;
let browser: Browser;
const base = () => server.baseUrl;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minqing-deputy-e2e-'));
  dbFile = join(dir, 'minqing.db');
  [server, browser] = await Promise.all([spawnServer({ ...ENV, DB_FILE: dbFile }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const unitAccount = (unitId: string) => `ding-unit-${unitId.replace(/^gov-/, '')}`;

async function submitAsCitizen(body: string, deputyCode = 'D001', account = 'zlb-zhang') {
  const citizen = await signInAs(base(), account);
  const created = await citizen.cases.create({ deputyCode, type: 'help', title: body.slice(0, 12), body, contactPhone: '13857310001' }, randomUUID());
  return { citizen, created };
}

async function staffPhone(account: string): Promise<{ phone: Phone; page: Page; client: SignedInClient }> {
  const phone = await launchPhone({ baseURL: base() }, browser);
  const client = await signInStaff(phone.context, base(), account);
  return { phone, page: phone.page, client };
}

async function statusOf(page: Page) {
  return page.locator('.case__head [data-status]').first().getAttribute('data-status');
}

interface Message { channel: string; recipient: string; msgKey: string; title: string }
async function messages(): Promise<Message[]> {
  const res = await fetch(`${base()}/mock-idp/messages`);
  return ((await res.json()) as { items: Message[] }).items;
}

/** Decodes a QR from an <img> on the page (pixels read in the browser, decoded with jsQR). */
async function decodeImg(page: Page, selector: string) {
  const pixels = await page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { w: data.width, h: data.height, data: Array.from(data.data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h)?.data ?? null;
}

describe('staff app: 码上收 → 马上分 → 马上办 → 码上评', () => {
  it('should sign new users in through 模拟登录 and the password form and send each role to its workbench', async () => {
    const { phone, page } = await launchPhone({ baseURL: base() }, browser).then((p) => ({ phone: p, page: p.page }));
    try {
      await page.goto('/deputy/cases/PH-NOT-SIGNED-IN');
      await page.waitForURL(/\/deputy\/login\?redirect=/);
      await page.locator('[data-account="ding-unit-zjj"]').waitFor();
      expect(await page.locator('[data-account^="zlb-"]').count()).toBe(0);
      await screenshot(page, 'deputy-00-login');
      await page.goto('/deputy/login');
      await page.locator('[data-account="ding-unit-zjj"]').click();
      await page.waitForURL(/\/deputy\/unit$/);
      await page.evaluate(() => localStorage.clear());
      await page.goto('/deputy/login');
      await page.getByRole('tab', { name: '密码登录' }).click();
      await page.locator('input[name="username"]').fill('office');
      await page.locator('input[name="password"]').fill('Demo@2026');
      await page.getByTestId('password-submit').click();
      await page.waitForURL(/\/deputy\/triage$/);
    } finally {
      await phone.close();
    }
  });

  it('should carry a case from the citizen through the deputy, the office and the unit to the citizen’s rating', async () => {
    const body = '当湖街道东湖社区胜利路12号门口的路灯坏了两个星期，晚上非常黑，老人出门很不方便，请尽快维修。';
    const { citizen, created } = await submitAsCitizen(body);
    const no = created.trackingNo;

    // 码上收: the deputy finds it in the inbox, acknowledges and forwards it to the office.
    const deputy = await staffPhone('ding-d001');
    try {
      const { page } = deputy;
      await page.goto('/deputy/');
      await page.waitForURL(/\/deputy\/inbox$/);
      await page.locator(`[data-case="${no}"]`).waitFor();
      await expect.poll(() => page.locator('[data-count="submitted"]').innerText()).toBe('1');
      expect(await page.locator(`[data-case="${no}"] [data-due]`).getAttribute('data-due')).toMatch(/^(ok|warn)$/);
      await screenshot(page, 'deputy-01-inbox');
      await page.locator(`[data-case="${no}"]`).click();
      await page.waitForURL(new RegExp(`/deputy/cases/${no}$`));
      await expect.poll(() => page.getByTestId('case-body').innerText()).toBe(body);
      // the case's own deputy sees the full number, with tap-to-call
      expect(await page.getByTestId('call').getAttribute('href')).toBe('tel:13857310001');
      await screenshot(page, 'deputy-02-case-detail');
      await doAction(page, 'acknowledge', '已收到，马上了解情况');
      await expect.poll(() => statusOf(page)).toBe('acknowledged');
      await doAction(page, 'forward', '涉及路灯维修，请人大办交办');
      await expect.poll(() => statusOf(page)).toBe('triage');
      // only what the server allows is offered: the deputy can no longer acknowledge or forward
      expect(await page.locator('[data-testid="actions"] [data-action="forward"]').count()).toBe(0);
    } finally {
      await deputy.phone.close();
    }

    // 马上分: the office opens the triage queue, takes the suggested unit and assigns.
    const office = await staffPhone('ding-office');
    let unitId: string;
    let unitName: string;
    try {
      const { page, client } = office;
      await page.goto('/deputy/');
      await page.waitForURL(/\/deputy\/triage$/);
      await page.locator(`[data-case="${no}"]`).waitFor();
      await page.locator(`[data-case="${no}"] [data-testid="hint"]`).waitFor();
      await screenshot(page, 'deputy-03-office-triage');
      await page.locator(`[data-case="${no}"]`).click();
      await page.getByTestId('suggestions').waitFor();
      const suggested = await client.cases.suggestions(created.id);
      expect(suggested.units.length).toBeGreaterThan(0);
      unitId = suggested.units[0]!.id;
      unitName = suggested.units[0]!.name;
      await screenshot(page, 'deputy-04-office-case-suggestions');
      await openAction(page, 'assign');
      await expect.poll(() => page.locator('[data-form="assign"] [data-field="unit"] input').inputValue()).toBe(unitName);
      await expect.poll(() => page.locator('[data-form="assign"] [data-field="due"]').innerText()).toMatch(/\d+ 个工作日内答复/);
      await screenshot(page, 'deputy-05-office-assign', { fullPage: false });
      const done = page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST');
      await page.locator('[data-form="assign"] [data-testid="action-submit"]').click();
      expect((await done).status()).toBe(200);
      await expect.poll(() => statusOf(page)).toBe('assigned');
      await expect.poll(() => page.getByTestId('unit-name').innerText()).toContain(unitName);
      await expect.poll(() => page.getByTestId('reply-due').innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    } finally {
      await office.phone.close();
    }

    // 马上办: the unit signs and replies with text and a photo.
    const unit = await staffPhone(unitAccount(unitId));
    const reply = '经现场核查，胜利路12号路灯线路老化，已于今日更换线路并修复，感谢您的反映。';
    try {
      const { page } = unit;
      await page.goto('/deputy/');
      await page.waitForURL(/\/deputy\/unit$/);
      await page.locator(`[data-case="${no}"]`).waitFor();
      await screenshot(page, 'deputy-06-unit-queue');
      await page.locator(`[data-case="${no}"]`).click();
      await page.waitForURL(new RegExp(`/deputy/cases/${no}$`));
      // a unit sees the citizen's number masked, without tap-to-call
      await expect.poll(() => page.getByTestId('contact-phone').innerText()).toContain('138****0001');
      expect(await page.getByTestId('call').count()).toBe(0);
      await doAction(page, 'sign');
      await expect.poll(() => statusOf(page)).toBe('handling');
      await openAction(page, 'reply');
      await page.locator('[data-form="reply"] [data-field="note"] textarea').fill(reply);
      const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/uploads') && r.request().method() === 'POST');
      await page.locator('[data-form="reply"] .van-uploader__input').setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: makePng(800, 600) });
      expect((await uploaded).status()).toBe(201);
      await page.locator('[data-form="reply"] .van-uploader__preview .van-uploader__mask').waitFor({ state: 'detached' });
      await page.locator('[data-form="reply"] [data-testid="action-submit"]').click();
      await expect.poll(() => statusOf(page)).toBe('replied');
      await expect.poll(() => page.getByTestId('reply').innerText()).toContain(reply);
    } finally {
      await unit.phone.close();
    }

    // 码上评: the citizen reads the reply and rates it.
    const seen = await citizen.cases.get(created.id);
    expect(seen).toMatchObject({ status: 'replied', replyText: reply, unitId });
    expect(seen.events.find((e) => e.action === 'reply')?.attachments).toHaveLength(1);
    const rated = await citizen.cases.transition(created.id, { action: 'rate', rating: 'satisfied', solved: true });
    expect(rated.status).toBe('closed');

    // Each step's notice reached the stand-in: the deputy, the citizen, the office, the unit — once each.
    const expected = ['ding-d001', 'zlb-zhang', 'ding-office', unitAccount(unitId)];
    await expect
      .poll(async () => {
        const got = (await messages()).filter((m) => m.title.includes(no));
        return expected.filter((who) => !got.some((m) => m.recipient === who));
      }, { timeout: 20_000, interval: 500 })
      .toEqual([]);
    const mine = (await messages()).filter((m) => m.title.includes(no));
    expect(new Set(mine.map((m) => m.msgKey)).size).toBe(mine.length);
  });

  it('should not show a unit a case assigned to another unit (UI not found, API 404)', async () => {
    const { created } = await submitAsCitizen('钟埭街道钟溪社区菜市场门口下水道堵塞，污水漫到路面，气味很大，请尽快疏通处理。');
    const dep = await signInAs(base(), 'ding-d001');
    await dep.cases.transition(created.id, { action: 'forward' });
    const office = await signInAs(base(), 'ding-office');
    await office.cases.transition(created.id, { action: 'assign', unitId: 'zjj' });

    const other = await staffPhone('ding-unit-jyj');
    try {
      const { page, client } = other;
      await page.goto(`/deputy/cases/${created.trackingNo}`);
      await page.getByTestId('not-found').waitFor();
      expect(await page.getByTestId('not-found').innerText()).toContain('未找到该民情件');
      await screenshot(page, 'deputy-07-unit-not-found');
      await expect(client.cases.get(created.id)).rejects.toMatchObject({ response: { status: 404 } });
      await expect(client.cases.get(created.trackingNo)).rejects.toMatchObject({ response: { status: 404 } });
      expect((await client.cases.list({ q: created.trackingNo })).total).toBe(0);
    } finally {
      await other.phone.close();
    }
  });

  it('should open the case when the deputy scans a receipt QR image through 从相册选择', async () => {
    const { created } = await submitAsCitizen('当湖街道南河头社区小区门口的垃圾桶满了三天没人清运，天热味道很大。');
    const png = await QRCode.toBuffer(`${base()}/deputy/cases/${created.trackingNo}`, { width: 400, margin: 2 });
    const { phone, page } = await staffPhone('ding-d001');
    try {
      await page.goto('/deputy/scan');
      await page.getByTestId('scan-file').waitFor({ state: 'attached' });
      await screenshot(page, 'deputy-08-scan', { fullPage: false });
      await page.getByTestId('scan-file').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: png });
      await page.waitForURL(new RegExp(`/deputy/cases/${created.trackingNo}$`));
      await expect.poll(() => page.getByTestId('tracking-no').innerText()).toBe(created.trackingNo);
    } finally {
      await phone.close();
    }
  });

  it('should record a station check-in when the deputy scans the station’s QR image', async () => {
    const { phone, page, client } = await staffPhone('ding-d001');
    try {
      const me = await client.deputies.get('D001');
      const stationId = me.stationId!;
      const res = await fetch(`${base()}${client.checkins.stationQrcodeUrl(stationId)}`, { headers: { Authorization: `Bearer ${client.token}` } });
      expect(res.status).toBe(200);
      const target = res.headers.get('x-qr-target')!;
      expect(target).toContain(`/deputy/checkin/${stationId}?k=`);
      const png = await QRCode.toBuffer(target, { width: 400, margin: 2 });
      const before = (await client.checkins.list()).items.length;

      await page.goto('/deputy/scan');
      await page.getByTestId('scan-file').setInputFiles({ name: 'station.png', mimeType: 'image/png', buffer: png });
      await page.waitForURL(new RegExp(`/deputy/checkin/${stationId}\\?k=`));
      await expect.poll(() => page.getByTestId('checkin-result').innerText()).toMatch(/签到成功|今日已签到/);
      await screenshot(page, 'deputy-09-checkin');
      const after = await client.checkins.list();
      expect(after.items.length).toBe(before + 1);
      expect(after.items.some((c) => c.stationId === stationId && c.deputyCode === 'D001')).toBe(true);
    } finally {
      await phone.close();
    }
  });

  it('should render the deputy’s poster with a scannable QR pointing at /citizen/d/<code>', async () => {
    const { phone, page } = await staffPhone('ding-d001');
    try {
      await page.goto('/deputy/poster');
      await page.getByTestId('poster-qr').waitFor();
      await expect.poll(() => page.getByTestId('poster-name').innerText()).toBe('张建国');
      const text = await decodeImg(page, '[data-testid="poster-qr"]');
      expect(text).toBe(`${base()}/citizen/d/D001`);
      await screenshot(page, 'deputy-10-poster');
      // 保存图片 produces a PNG download
      const download = page.waitForEvent('download');
      await page.getByTestId('save-poster').click();
      expect((await download).suggestedFilename()).toMatch(/\.png$/);
      // 我的: 履职 figures
      await page.goto('/deputy/me');
      await page.getByTestId('performance').waitFor();
      expect(Number(await page.locator('[data-perf="checkins"]').innerText())).toBeGreaterThanOrEqual(1);
      await screenshot(page, 'deputy-11-mine');
    } finally {
      await phone.close();
    }
  });

  it('should deliver every notice once when the server is SIGKILLed mid-delivery and restarted', async () => {
    const { created } = await submitAsCitizen('新埭镇新埭社区健身广场的照明灯晚上不亮，居民锻炼不方便，请维修。');
    const no = created.trackingNo;
    const dep = await signInAs(base(), 'ding-d001');
    await dep.cases.transition(created.id, { action: 'acknowledge' });
    await dep.cases.transition(created.id, { action: 'forward' });
    // crash right after the transitions were committed, while their notices may still be in flight
    await server.kill();
    server = await spawnServer({ ...ENV, DB_FILE: dbFile });
    const office = apiClient(base());
    expect((await office.health()).ok).toBe(true);

    await expect
      .poll(async () => {
        const got = (await messages()).filter((m) => m.title.includes(no));
        return ['ding-d001', 'zlb-zhang', 'ding-office'].every((who) => got.some((m) => m.recipient === who));
      }, { timeout: 30_000, interval: 500 })
      .toBe(true);
    const all = await messages();
    expect(new Set(all.map((m) => m.msgKey)).size).toBe(all.length);
  });
});
