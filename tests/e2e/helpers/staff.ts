/** Steps of the staff app (deputy-h5) that several browser tests share. */
import type { BrowserContext, Page } from 'playwright-core';
import { signInAs, type SignedInClient } from './api.js';

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

/** Signs in through the 模拟登录 page as a new user would: tap the account. */
export async function signInByDemoPage(page: Page, account: string) {
  await page.locator(`[data-account="${account}"]`).click();
}

/** Opens an action's form on the case detail page (from the bar or the 更多 sheet). */
export async function openAction(page: Page, action: string) {
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
