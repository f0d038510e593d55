/**
 * `npx tsx scripts/screens.ts`: regenerates the README's screenshots of both apps into
 * docs/screens/*.png (committed). Starts its own server on a temporary demo database, signs
 * in through the stand-in provider and walks one case from the citizen to the unit.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildAppsIfStale } from './build-if-stale.js';
import { signInAs } from '../tests/e2e/helpers/api.js';
import { launchBrowser, launchPhone } from '../tests/e2e/helpers/browser.js';
import { signInCitizen } from '../tests/e2e/helpers/citizen.js';
import { startServerProcess } from '../tests/e2e/helpers/server.js';
import { signInStaff } from '../tests/e2e/helpers/staff.js';

const out = join(resolve(fileURLToPath(new URL('..', import.meta.url))), 'docs', 'screens');
mkdirSync(out, { recursive: true });

buildAppsIfStale();
const server = await startServerProcess();
const browser = await launchBrowser();
const base = server.baseUrl;

async function shot(page: Page, name: string) {
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: false, animations: 'disabled' });
  console.log(`docs/screens/${name}.png`);
}

async function phone(signIn?: (ctx: import('playwright-core').BrowserContext) => Promise<unknown>) {
  const p = await launchPhone({ baseURL: base, deviceScaleFactor: 1 }, browser);
  if (signIn) await signIn(p.context);
  return p;
}

try {
  // citizen-h5
  const citizen = await phone();
  await citizen.page.goto('/citizen/d/D001');
  await citizen.page.locator('.profile__name').waitFor();
  await shot(citizen.page, 'citizen-landing');
  await citizen.close();

  const signedCitizen = await phone((ctx) => signInCitizen(ctx, base));
  await signedCitizen.page.goto('/citizen/d/D001/submit');
  await signedCitizen.page.locator('[data-field="body"] textarea').waitFor();
  await shot(signedCitizen.page, 'citizen-submit');

  // one case, moved along by the API between screens
  const c = await signInAs(base, 'zlb-zhang');
  const created = await c.cases.create(
    { deputyCode: 'D001', type: 'help', title: '胜利路路灯不亮', body: '当湖街道东湖社区胜利路12号门口的路灯坏了两个星期，晚上非常黑，老人出门很不方便，请尽快维修。', contactPhone: '13857310001' },
    randomUUID(),
  );
  await c.cases.create({ deputyCode: 'D001', type: 'suggestion', title: '增设公交站台', body: '建议在东湖社区北门增设公交站台，方便老人乘车去医院和菜市场。' }, randomUUID());
  await signedCitizen.page.goto(`/citizen/cases/${created.id}`);
  await signedCitizen.page.waitForTimeout(800);
  await shot(signedCitizen.page, 'citizen-case');
  await signedCitizen.close();

  // deputy-h5
  const login = await phone();
  await login.page.goto('/deputy/login');
  await login.page.locator('[data-account]').first().waitFor();
  await shot(login.page, 'deputy-login');
  await login.close();

  const deputy = await phone((ctx) => signInStaff(ctx, base, 'ding-d001'));
  await deputy.page.goto('/deputy/inbox');
  await deputy.page.locator(`[data-case="${created.trackingNo}"]`).waitFor();
  await shot(deputy.page, 'deputy-inbox');
  await deputy.page.goto(`/deputy/cases/${created.trackingNo}`);
  await deputy.page.getByTestId('case-body').waitFor();
  await shot(deputy.page, 'deputy-case-detail');
  await deputy.page.goto('/deputy/poster');
  await deputy.page.getByTestId('poster-qr').waitFor();
  await shot(deputy.page, 'deputy-poster');
  await deputy.close();

  const dep = await signInAs(base, 'ding-d001');
  await dep.cases.transition(created.id, { action: 'acknowledge' });
  await dep.cases.transition(created.id, { action: 'forward' });
  const office = await phone((ctx) => signInStaff(ctx, base, 'ding-office'));
  await office.page.goto('/deputy/triage');
  await office.page.locator(`[data-case="${created.trackingNo}"] [data-testid="hint"]`).waitFor();
  await shot(office.page, 'office-triage');
  await office.close();

  const officeApi = await signInAs(base, 'ding-office');
  const s = await officeApi.cases.suggestions(created.id);
  const unitId = s.units[0]?.id ?? 'zjj';
  await officeApi.cases.transition(created.id, { action: 'assign', unitId });
  const unit = await phone((ctx) => signInStaff(ctx, base, `ding-unit-${unitId.replace(/^gov-/, '')}`));
  await unit.page.goto('/deputy/unit');
  await unit.page.locator(`[data-case="${created.trackingNo}"]`).waitFor();
  await shot(unit.page, 'unit-queue');
  await unit.close();
} finally {
  await browser.close();
  await server.stop();
}
