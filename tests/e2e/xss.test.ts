import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInAs } from './helpers/api.js';
import { launchPhone, screenshot, type Phone } from './helpers/browser.js';
import { signInCitizen } from './helpers/citizen.js';
import { startServerProcess, type RunningServer } from './helpers/server.js';

/** Markup in every text a person types is stored as sent and shown as text: nothing runs. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
  '<script>window.__xss=(window.__xss||0)+1</script>',
  '"><svg onload="window.__xss=(window.__xss||0)+1">',
  'javascript:window.__xss=1',
];

let server: RunningServer;
let phone: Phone;
beforeAll(async () => {
  server = await startServerProcess({ seeded: inject('seededDatabase') });
  phone = await launchPhone({ baseURL: server.baseUrl });
});
afterAll(async () => {
  await phone?.close();
  await server?.stop();
});

describe('stored markup', () => {
  it('should show markup from the citizen, the deputy and the timeline as text in the citizen app, and run none of it', async () => {
    const citizen = await signInCitizen(phone.context, server.baseUrl);
    const deputy = await signInAs(server.baseUrl, 'ding-d001');
    const created = await citizen.cases.create(
      { deputyCode: 'D001', title: PAYLOADS[0]!.slice(0, 60), body: `路灯坏了很久了 ${PAYLOADS.join(' ')}` },
      `xss-${Date.now()}`,
    );
    // stored as sent
    expect(created.body).toContain(PAYLOADS[1]);
    await citizen.cases.transition(created.id, { action: 'supplement', note: `补充 ${PAYLOADS[2]}` });
    await deputy.cases.transition(created.id, { action: 'reply', note: `答复 ${PAYLOADS[0]} ${PAYLOADS[3]}` });

    const dialogs: string[] = [];
    phone.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    for (const path of [`/citizen/cases/${created.id}`, '/citizen/cases']) {
      await phone.page.goto(path);
      await phone.page.getByText('路灯坏了很久了', { exact: false }).first().waitFor();
      await phone.page.waitForTimeout(300);
      expect(await phone.page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    }
    await phone.page.goto(`/citizen/cases/${created.id}`);
    await phone.page.getByText('答复', { exact: false }).first().waitFor();
    const text = await phone.page.locator('body').innerText();
    expect(text).toContain('<script>window.__xss');
    expect(text).toContain('onerror=');
    expect(await phone.page.locator('svg[onload], img[onerror], script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(phone.page, 'xss-citizen-case-detail', { fullPage: true });
  });
});
