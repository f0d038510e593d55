/** Steps of the staff app (deputy-h5) that several browser tests share. */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { signInAs, type SignedInClient } from './api.js';
import type { E2e } from './setup.js';

export const STAFF_SESSION_KEY = 'mq.staff.session';

/**
 * Signs a demo staff account (`ding-…`) in through the stand-in provider and puts the session
 * where deputy-h5 keeps it, so a test that is not about sign-in starts signed in.
 */
export async function signInStaff(context: BrowserContext, baseUrl: string, account: string): Promise<SignedInClient> {
  const client = await signInAs(baseUrl, account);
  const user = await client.me();
  const session = { token: client.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), user };
  await context.addInitScript(
    ([key, s]) => {
      if (!window.localStorage.getItem(key!)) window.localStorage.setItem(key!, s!);
    },
    [STAFF_SESSION_KEY, JSON.stringify(session)],
  );
  return client;
}

/**
 * A phone in the file's shared browser with `account` signed in to the staff app; a step that
 * cannot happen fails where it is (10 s), not at the test's timeout.
 */
export async function staffPhone(e2e: E2e, account: string) {
  const phone = await e2e.phone();
  phone.context.setDefaultTimeout(10_000);
  const client = await signInStaff(phone.context, e2e.baseUrl, account);
  return { ...phone, client };
}

/** The demo office and admin accounts' password (server/src/seed/demo.ts; not imported, to keep the server out of the browser tests). */
export const DEMO_PASSWORD = 'Demo@2026';

/** Opens the staff app's sign-in page on its 密码登录 tab with `username` typed in. */
export async function openPasswordSignIn(page: Page, username: string) {
  await page.goto('/deputy/login');
  await page.getByRole('tab', { name: '密码登录' }).click();
  await page.locator('input[name="username"]').fill(username);
}

/** Types a password into the open 密码登录 form and sends it. */
export async function submitPassword(page: Page, password = DEMO_PASSWORD) {
  await page.locator('input[name="password"]').fill(password);
  await page.getByTestId('password-submit').click();
}

/** Signs in by password as office staff at a desk do, and waits for the workbench (`home`). */
export async function signInWithPassword(page: Page, username: string, home = /\/deputy\/triage$/) {
  await openPasswordSignIn(page, username);
  await submitPassword(page);
  await page.waitForURL(home);
}

/** 我的 → the link with test id `link`, waiting for the page it opens (`url`). */
export async function openFromMe(page: Page, link: string, url: RegExp) {
  await page.goto('/deputy/me');
  await page.getByTestId(link).click();
  await page.waitForURL(url);
}

/** The bodies of the POSTs the page sends to `path` (e.g. /api/admin/users), as they are sent. */
export function watchPosts(page: Page, path: string) {
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith(path)) posts.push(r.postData() ?? '');
  });
  return posts;
}

export type Stage = 'submitted' | 'triage' | 'assigned' | 'handling' | 'replied';

/**
 * A citizen's case moved to `stage` through the API: submitted to the deputy, forwarded by
 * them, assigned by the office to 住建局 (zjj), signed and replied by it. By default zlb-chen
 * writes to D001.
 */
export async function caseAt(
  baseUrl: string,
  stage: Stage,
  body: string,
  { citizen = 'zlb-chen', deputyCode = 'D001', contactPhone = '13857310004' } = {},
) {
  const created = await (await signInAs(baseUrl, citizen)).cases.create({ deputyCode, body, contactPhone }, randomUUID());
  const order: Stage[] = ['submitted', 'triage', 'assigned', 'handling', 'replied'];
  const upTo = (s: Stage) => order.indexOf(stage) >= order.indexOf(s);
  if (upTo('triage'))
    await (await signInAs(baseUrl, `ding-${deputyCode.toLowerCase()}`)).cases.transition(created.id, { action: 'forward' });
  if (upTo('assigned')) await (await signInAs(baseUrl, 'ding-office')).cases.transition(created.id, { action: 'assign', unitId: 'zjj' });
  const unit = await signInAs(baseUrl, 'ding-unit-zjj');
  if (upTo('handling')) await unit.cases.transition(created.id, { action: 'sign' });
  if (upTo('replied')) await unit.cases.transition(created.id, { action: 'reply', note: '已安排人员现场处理完毕。' });
  return created;
}

/** Signs in through the 模拟登录 page as a new user would: tap the account. */
export async function signInByDemoPage(page: Page, account: string) {
  await page.locator(`[data-account="${account}"]`).click();
}

/** Opens an action's form on the case detail page (from the bar or the 更多 sheet). */
export async function openAction(page: Page, action: string) {
  await page.locator('[data-testid="actions"]').waitFor(); // the case has loaded
  const bar = page.locator(`[data-testid="actions"] [data-action="${action}"]`);
  if (await bar.count()) await bar.click();
  else {
    await page.locator('[data-testid="actions"] [data-action="more"]').click();
    await page.locator(`.van-action-sheet [data-action="${action}"]`).click();
  }
  await page.locator(`[data-form="${action}"]`).waitFor();
}

/** Does an action on the open case detail page: opens its form, fills the note, submits, waits for the result. */
export async function doAction(page: Page, action: string, note?: string) {
  await openAction(page, action);
  if (note !== undefined) await page.locator(`[data-form="${action}"] [data-field="note"] textarea`).fill(note);
  const done = page.waitForResponse((r) => /\/api\/cases\/[^/]+\/transitions$/.test(r.url()) && r.request().method() === 'POST');
  await page.locator(`[data-form="${action}"] [data-testid="action-submit"]`).click();
  const res = await done;
  if (res.status() !== 200) throw new Error(`${action} failed: ${res.status()} ${await res.text()}`);
  await page.locator(`[data-form="${action}"]`).waitFor({ state: 'hidden' });
}

/** The demo unit account of a unit id (`zjj` → `ding-unit-zjj`, `gov-danghu` → `ding-unit-danghu`). */
export const unitAccount = (unitId: string) => `ding-unit-${unitId.replace(/^gov-/, '')}`;

/** Signs in on the staff app's 模拟登录 page as a new user would, and waits for the role's workbench. */
export async function signInThroughDemoPage(page: Page, account: string, home: RegExp) {
  await page.goto('/deputy/');
  await page.waitForURL(/\/deputy\/login/);
  await page.locator(`[data-account="${account}"]`).click();
  await page.waitForURL(home);
}

/** Reads the status tag on the open case detail page. */
export function caseStatus(page: Page) {
  return page.locator('.case__head [data-status]').first().getAttribute('data-status');
}

export interface IdpMessage {
  channel: 'ding' | 'zlb';
  recipient: string;
  msgKey: string;
  title: string;
  body: string;
}

/**
 * What the stand-in provider delivered (work notices and citizen messages) to these accounts,
 * each read as its phone would: with a session of the stand-in for that account. Newest first per account.
 */
export async function idpMessages(baseUrl: string, accounts: readonly string[]): Promise<IdpMessage[]> {
  const post = async (account: string) => {
    const res = await fetch(`${baseUrl}/mock-idp/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account }),
    });
    if (!res.ok) throw new Error(`stand-in session for ${account}: ${res.status}`);
    return ((await res.json()) as { session: string }).session;
  };
  const inboxes = await Promise.all(
    accounts.map(async (account) => {
      const res = await fetch(`${baseUrl}/mock-idp/messages`, { headers: { authorization: `Bearer ${await post(account)}` } });
      if (!res.ok) throw new Error(`stand-in messages of ${account}: ${res.status}`);
      return ((await res.json()) as { items: IdpMessage[] }).items;
    }),
  );
  return inboxes.flat();
}

/**
 * Decodes the QR code in a PNG (a screenshot, a download) inside Chromium: the page draws
 * the image on a canvas (scaled to at most `maxSide` px) and hands back its pixels, which
 * jsQR reads. Returns the text or null.
 */
export async function decodeQrPng(page: Page, png: Buffer, maxSide = 900): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  const pixels = await page.evaluate(
    async ([dataUrl, max]) => {
      const img = new Image();
      img.src = dataUrl as string;
      await img.decode();
      const scale = Math.min(1, (max as number) / Math.max(img.naturalWidth, img.naturalHeight));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      const ctx = canvas.getContext('2d')!;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 0x8000) bin += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return { w: canvas.width, h: canvas.height, b64: btoa(bin) };
    },
    [`data:image/png;base64,${png.toString('base64')}`, maxSide] as const,
  );
  const bytes = Buffer.from(pixels.b64, 'base64');
  return jsQR(new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length), pixels.w, pixels.h)?.data ?? null;
}

/** An element's text, or '' while it is not on the page (for polling until it shows). */
export function textOrEmpty(locator: Locator): Promise<string> {
  return locator.innerText().catch(() => '');
}

/**
 * expect.poll with room for a busy machine (other suites share its two cores): 10 s instead
 * of vitest's 1 s before a still-changing page counts as wrong.
 */
export function eventually<T>(fn: () => T, options: { timeout?: number; interval?: number } = {}) {
  return expect.poll(fn, { timeout: 10_000, interval: 100, ...options });
}
