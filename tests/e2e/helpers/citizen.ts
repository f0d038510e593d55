/** Steps of the citizen app that several browser tests share. */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signInAs, type SignedInClient } from './api.js';
import type { E2e } from './setup.js';

/**
 * Signs a demo citizen in through the API and puts the session where the app keeps it, so a
 * test that is not about sign-in starts signed in. Returns the citizen's API client.
 */
export async function signInCitizen(context: BrowserContext, baseUrl: string, account = 'zlb-zhang'): Promise<SignedInClient> {
  const client = await signInAs(baseUrl, account);
  const user = await client.me();
  const session = { token: client.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), user };
  await context.addInitScript((s) => {
    if (!window.localStorage.getItem('mq.citizen.session')) window.localStorage.setItem('mq.citizen.session', s);
  }, JSON.stringify(session));
  return client;
}

/** A phone in the file's shared browser with the citizen `account` signed in; `client` is their API client. */
export async function citizenPhone(e2e: E2e, account: string) {
  const phone = await e2e.phone();
  const client = await signInCitizen(phone.context, e2e.baseUrl, account);
  return { ...phone, client };
}

/** Waits until a Vant toast saying `text` is on screen; returns its whole text. */
export async function expectToast(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('.van-toast', { hasText: text }).last();
  await toast.waitFor({ state: 'visible', timeout: 10_000 });
  return (await toast.innerText()).trim();
}

/** Fills the submit form's required parts (body, phone check, privacy consent). */
export async function fillCaseForm(page: Page, body: string, options: { title?: string } = {}) {
  if (options.title) await page.locator('[data-field="title"] input').fill(options.title);
  await page.locator('[data-field="body"] textarea').fill(body);
  const phone = await page.locator('[data-field="contactPhone"] input').inputValue();
  expect(phone).toMatch(/^1[3-9]\d{9}$/);
}

export async function agreeToPrivacy(page: Page) {
  const box = page.locator('[data-field="agreed"] .van-checkbox');
  if ((await box.getAttribute('aria-checked')) !== 'true') await box.click();
}

/** Number of POST /api/cases requests the page sends, with their Idempotency-Keys. */
export function watchSubmissions(page: Page) {
  const keys: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/cases') keys.push(req.headers()['idempotency-key'] ?? '');
  });
  return keys;
}
