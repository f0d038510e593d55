/**
 * 节假日安排 in real Chromium on a 375×812 touch phone: the admin opens 我的 → 系统设置 →
 * 节假日安排, sees this year's official schedule grouped by festival, switches to next year
 * (provisional: told that no 调休上班 days are entered yet), adds a make-up Saturday — a weekday
 * is stopped in the form first — saves, sees the toast, reloads and finds it kept (the API
 * answers the same, 操作日志 lists it); office staff see the same page read-only and the server refuses their PUT.
 * Its own server process: the calendar would change the other staff tests' deadlines.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { httpStatus } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { eventually, openFromMe, staffPhone } from './helpers/staff.js';

const e2e = withServerAndBrowser();

const group = (page: Page, name: string) => page.locator(`[data-testid="holiday-group"][data-group="${name}"]`);
const addForm = (page: Page) => page.getByTestId('add-form');

/** 我的 → 系统设置 → 节假日安排, loaded. */
async function openHolidays(page: Page) {
  await openFromMe(page, 'settings-link', /\/deputy\/settings$/);
  await page.getByTestId('holidays-link').click();
  await page.waitForURL(/\/deputy\/settings\/holidays$/);
  await group(page, '春节').waitFor();
}

/** Picks a date in the add form's calendar (the calendar marks each day with its date). */
async function pickDate(page: Page, date: string) {
  await addForm(page).locator('[data-field="date"]').click();
  await page.locator(`.van-calendar__day.day-${date}`).click();
  await page.locator('.van-calendar').waitFor({ state: 'hidden' });
}

describe('staff app: 节假日安排', () => {
  it('should let the admin add a 调休上班 Saturday to next year, save it, and find it kept after a reload', async () => {
    const { page, client: admin, close } = await staffPhone(e2e, 'ding-admin');
    const thisYear = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    const next = thisYear + 1;
    const before = await admin.settings.holidays(next);
    expect(before.days.some((d) => d.kind === 'workday')).toBe(false); // the provisional rows
    // a Saturday of next year's February not entered yet, and the Monday after it
    const saturday = Array.from({ length: 28 }, (_, i) => `${next}-02-${String(i + 1).padStart(2, '0')}`).find(
      (d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 6 && !before.days.some((x) => x.date === d),
    )!;
    const monday = new Date(Date.parse(`${saturday}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/settings/holidays/')) puts.push(r.url());
    });
    try {
      await openHolidays(page);
      expect(await page.getByTestId('readonly-note').count()).toBe(0);
      // this year's tab first; 2026's notice grouped by festival (its make-up days are named 春节调休上班)
      expect(await page.getByRole('tab', { name: `${thisYear}年` }).getAttribute('aria-selected')).toBe('true');
      if (thisYear === 2026) {
        const spring = await group(page, '春节').innerText();
        expect(spring).toContain('2月15日–2月23日 放假（9天）');
        expect(spring).toContain('2月14日（周六）、2月28日（周六）调休上班');
        expect(await page.getByTestId('no-workdays-notice').count()).toBe(0);
      }

      // next year: provisional, so the page says the make-up days are not entered yet
      await page.getByRole('tab', { name: `${next}年` }).click();
      await eventually(() => page.getByTestId('no-workdays-notice').innerText()).toContain('尚未录入国务院办公厅通知的调休安排');
      await group(page, '春节').waitFor();

      // 调休上班 on a Monday is stopped in the form (nothing is sent)
      await page.getByTestId('add-day').click();
      await addForm(page).waitFor();
      await pickDate(page, monday);
      await addForm(page).locator('[data-kind="workday"]').click();
      await addForm(page).locator('[data-testid="name-choices"] button', { hasText: '春节' }).click();
      expect(await addForm(page).locator('[data-field="name"] input').inputValue()).toBe('春节');
      await page.getByTestId('add-submit').click();
      await eventually(() => addForm(page).locator('[data-field="date"] .van-field__error-message').innerText()).toBe(
        '调休上班日须是周六或周日',
      );
      // the Saturday instead
      await pickDate(page, saturday);
      expect(await addForm(page).locator('[data-field="date"] input').inputValue()).toBe(`${md(saturday)}（周六）`);
      await page.getByTestId('add-submit').click();
      await addForm(page).waitFor({ state: 'hidden' });
      const chip = page.locator(`[data-testid="holiday-day"][data-date="${saturday}"]`);
      expect(await chip.getAttribute('data-kind')).toBe('workday');
      expect(await group(page, '春节').innerText()).toContain(`${md(saturday)}（周六）调休上班`);
      await page.getByTestId('dirty-note').waitFor();
      expect(puts).toEqual([]);

      const saved = page.waitForResponse((r) => r.url().endsWith(`/api/settings/holidays/${next}`) && r.request().method() === 'PUT');
      await page.getByTestId('save-holidays').click();
      expect((await saved).status()).toBe(200);
      await expectToast(page, `${next}年节假日安排已保存`);
      await eventually(() => page.getByTestId('dirty-note').count()).toBe(0);
      expect(await page.getByTestId('no-workdays-notice').count()).toBe(0);
      const after = await admin.settings.holidays(next);
      expect(after.days).toEqual(
        [...before.days, { date: saturday, kind: 'workday', name: '春节' }].sort((a, b) => a.date.localeCompare(b.date)),
      );

      // kept after a reload
      await page.reload();
      await group(page, '春节').waitFor();
      await page.getByRole('tab', { name: `${next}年` }).click();
      await eventually(() => group(page, '春节').innerText()).toContain(`${md(saturday)}（周六）调休上班`);
      expect(await page.getByTestId('no-workdays-notice').count()).toBe(0);
      await eventually(() => page.locator('.van-toast:visible').count()).toBe(0);
      await screenshot(page, 'deputy-22-holidays', { fullPage: false });

      // removing asks first; cancelling keeps the day
      await chip.locator('.van-tag__close').click();
      const dialog = page.locator('.van-dialog');
      await eventually(() => dialog.innerText()).toContain(`删除 ${md(saturday)}（周六）调休上班（春节）`);
      await dialog.locator('.van-dialog__cancel').click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await chip.count()).toBe(1);
      expect(await page.getByTestId('dirty-note').count()).toBe(0);

      // 操作日志 names the year and the day added
      await page.goto('/deputy/admin/events');
      const event = page.getByTestId('event-item').first();
      await eventually(() => event.innerText()).toContain(`节假日安排（${next}年）`);
      for (const text of ['修改系统设置', `新增：${md(saturday)}（周六）调休上班 春节`, '系统管理员'])
        expect(await event.innerText()).toContain(text);
    } catch (err) {
      await screenshot(page, 'holidays-settings-failure').catch(() => undefined);
      throw err;
    } finally {
      await close();
    }
  });

  it('should show office staff the calendar read-only, and refuse their PUT', async () => {
    const { page, client: office, close } = await staffPhone(e2e, 'ding-office');
    try {
      await openHolidays(page);
      await page.getByTestId('readonly-note').waitFor();
      expect(await page.getByTestId('holiday-group').count()).toBeGreaterThan(3);
      for (const id of ['add-day', 'save-holidays', 'holiday-day']) expect(await page.getByTestId(id).count()).toBe(0);
      const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() + 1;
      await page.getByRole('tab', { name: `${year}年` }).click();
      await group(page, '春节').waitFor();
      expect(await page.getByTestId('save-holidays').count()).toBe(0);
      expect(await httpStatus(office.settings.putHolidays(year, { days: [] }))).toBe(403);
      expect((await office.settings.holidays(year)).days.length).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
