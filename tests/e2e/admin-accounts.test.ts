/**
 * 账号管理 in real Chromium on a 375×812 touch phone: the admin opens 我的 → 账号管理, pages
 * through the seeded accounts, filters by role and searches; opens an office account for a
 * town with a 浙政钉 id, a username and a password — a too-short password is stopped in the
 * form (nothing is sent), a username already taken comes back 409 under 用户名 — and saves it;
 * on a fresh device the new account signs in by password and lands on its workbench; the
 * admin stops it (after a confirmation), its session ends, and signing in again, by password
 * or through 模拟登录, is refused in Chinese; the 操作日志 shows both changes.
 * Its own server process: it adds accounts the other staff tests do not expect.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiClient, httpStatus, signInAs } from './helpers/api.js';
import { screenshot } from './helpers/browser.js';
import { expectToast } from './helpers/citizen.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { eventually, openFromMe, openPasswordSignIn, staffPhone, submitPassword, watchPosts } from './helpers/staff.js';

const e2e = withServerAndBrowser();
const base = () => e2e.baseUrl;

const NEW_ACCOUNT = {
  name: '新埭镇人大 测试员',
  phone: '13900001111',
  dingUserId: 'ding-e2e-xindai',
  username: 'e2e-xindai',
  password: 'Xindai2026',
};

const items = (page: Page) => page.getByTestId('user-item');
const field = (page: Page, name: string) => page.locator(`[data-testid="account-form"] [data-field="${name}"]`);
const fieldError = (page: Page, name: string) => field(page, name).locator('.van-field__error-message');

/** Signs in on the staff app's password form as the new account. */
async function signInByPassword(page: Page) {
  await openPasswordSignIn(page, NEW_ACCOUNT.username);
  await submitPassword(page, NEW_ACCOUNT.password);
}

/** Every name the list shows now (after it has settled on `count` rows). */
async function listedNames(page: Page, count: number) {
  await eventually(() => items(page).count()).toBe(count);
  return page.locator('[data-testid="user-item"] .admin-list__name').allInnerTexts();
}

describe('staff app: 账号管理', () => {
  it('should let the admin find accounts, open an office account that signs in by password, stop it, and see both in 操作日志', async () => {
    const admin = await signInAs(base(), 'ding-admin');
    const all = await admin.admin.users({ pageSize: 100 });
    expect(all.total).toBeGreaterThan(40);
    const offices = await admin.admin.users({ role: 'office' });
    const citizen = all.items.find((u) => u.role === 'citizen')!;

    const { page, close } = await staffPhone(e2e, 'ding-admin');
    // the new account's own device, opened once the account exists
    const other = await e2e.phone();
    other.context.setDefaultTimeout(10_000);
    const posts = watchPosts(page, '/api/admin/users');
    try {
      await openFromMe(page, 'accounts-link', /\/deputy\/admin\/users$/);

      // 20 at a time, newest first as the API lists them; scrolling down loads the next 20
      expect(await listedNames(page, 20)).toEqual(all.items.slice(0, 20).map((u) => u.name));
      await items(page).nth(19).scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 4000);
      expect(await listedNames(page, 40)).toEqual(all.items.slice(0, 40).map((u) => u.name));

      // role tabs: 人大工作人员 lists the office accounts with their region and sign-in ids
      await page.getByRole('tab', { name: '人大工作人员' }).click();
      expect(await listedNames(page, offices.total)).toEqual(offices.items.map((u) => u.name));
      const officeRow = page.locator('[data-username="office"]');
      for (const text of ['平湖市', '浙政钉 ding-office', '用户名 office']) expect(await officeRow.innerText()).toContain(text);
      // a citizen's number is masked
      await page.getByRole('tab', { name: '群众' }).click();
      expect(citizen.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
      await eventually(() => page.locator(`[data-user="${citizen.id}"]`).innerText()).toContain(citizen.phone!);

      // search (as one types) across every role
      await page.getByRole('tab', { name: '全部' }).click();
      const search = page.getByTestId('user-search').locator('input');
      await search.fill('陆燕');
      expect(await listedNames(page, 1)).toEqual(['当湖街道人大工委 陆燕']);
      await search.fill('没有这个人');
      await page.getByTestId('user-empty').waitFor();
      expect(await page.getByTestId('user-empty').innerText()).toContain('没有找到“没有这个人”相关的账号');
      await search.fill('');
      await eventually(() => items(page).count()).toBe(20);
      await screenshot(page, 'deputy-19-admin-users', { fullPage: false });

      // 新增账号: nothing filled, the form says what is missing in the contract's words
      await page.getByTestId('new-account').click();
      await field(page, 'role').waitFor();
      await page.getByTestId('account-submit').click();
      await eventually(() => fieldError(page, 'role').innerText()).toContain('请选择角色');
      // an office account for 新埭镇
      await field(page, 'role').click();
      await page.locator('[data-testid="role-picker"] .van-picker-column__item', { hasText: '人大工作人员' }).click();
      await page.locator('[data-testid="role-picker"] .van-picker__confirm').click();
      await eventually(() => field(page, 'role').locator('input').inputValue()).toBe('人大工作人员');
      await field(page, 'name').locator('input').fill(NEW_ACCOUNT.name);
      await field(page, 'phone').locator('input').fill(NEW_ACCOUNT.phone);
      await field(page, 'dingUserId').locator('input').fill(NEW_ACCOUNT.dingUserId);
      await field(page, 'regionId').click();
      await page.locator('.search-picker .van-search input').fill('新埭');
      await page.locator('.search-picker [data-option="xindai"]').click();
      await eventually(() => field(page, 'regionId').locator('input').inputValue()).toBe('新埭镇');
      // a too-short password is stopped in the form: nothing is sent
      await field(page, 'username').locator('input').fill('office');
      await field(page, 'password').locator('input').fill('abc123');
      await page.getByTestId('account-submit').click();
      await eventually(() => fieldError(page, 'password').innerText()).toBe('密码至少8位');
      expect(posts).toEqual([]);
      await screenshot(page, 'deputy-20-admin-account-form', { fullPage: false });

      // a username already taken: the server's 409, told under 用户名
      await field(page, 'password').locator('input').fill(NEW_ACCOUNT.password);
      const taken = page.waitForResponse((r) => r.url().endsWith('/api/admin/users') && r.request().method() === 'POST');
      await page.getByTestId('account-submit').click();
      expect((await taken).status()).toBe(409);
      await eventually(() => fieldError(page, 'username').innerText()).toBe('该用户名已被使用');
      expect(await fieldError(page, 'password').count()).toBe(0);
      // changing the field takes the server's error away; then it saves
      await field(page, 'username').locator('input').fill(NEW_ACCOUNT.username);
      expect(await fieldError(page, 'username').count()).toBe(0);
      const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/users') && r.request().method() === 'POST');
      await page.getByTestId('account-submit').click();
      expect((await created).status()).toBe(201);
      await expectToast(page, '已保存');
      await page.getByTestId('account-form').waitFor({ state: 'hidden' });
      expect(posts).toHaveLength(2);
      // the new account heads the list
      const row = items(page).first();
      await eventually(() => row.innerText()).toContain(NEW_ACCOUNT.name);
      for (const text of ['人大工作人员', '新埭镇', `浙政钉 ${NEW_ACCOUNT.dingUserId}`, `用户名 ${NEW_ACCOUNT.username}`])
        expect(await row.innerText()).toContain(text);
      expect(await row.getByTestId('disabled-tag').count()).toBe(0);

      const [account] = (await admin.admin.users({ q: NEW_ACCOUNT.username })).items;
      expect(account).toMatchObject({
        role: 'office',
        name: NEW_ACCOUNT.name,
        phone: NEW_ACCOUNT.phone,
        dingUserId: NEW_ACCOUNT.dingUserId,
        username: NEW_ACCOUNT.username,
        hasPassword: true,
        regionId: 'xindai',
        regionName: '新埭镇',
        disabled: false,
      });
      // it is on the stand-in provider's 模拟登录 list too
      expect((await apiClient(base()).mockIdp.accounts()).find((a) => a.account === NEW_ACCOUNT.dingUserId)).toMatchObject({
        role: 'office',
        name: NEW_ACCOUNT.name,
      });

      // a fresh device: the new account signs in through the password form and lands on 分办工作台
      await signInByPassword(other.page);
      await other.page.waitForURL(/\/deputy\/triage$/);
      await other.page.locator('[data-tab="/me"]').click();
      await eventually(() => other.page.locator('.mine .hero h1').innerText()).toBe(NEW_ACCOUNT.name);
      const session = await apiClient(base()).auth.password(NEW_ACCOUNT.username, NEW_ACCOUNT.password);
      expect((await apiClient(base(), session.token).me()).name).toBe(NEW_ACCOUNT.name);

      // the admin stops it: a confirmation first (cancel keeps it on), then the grey 已停用 tag
      await row.click();
      await eventually(() => field(page, 'name').locator('input').inputValue()).toBe(NEW_ACCOUNT.name);
      expect(await field(page, 'role').locator('input').inputValue()).toBe('人大工作人员');
      expect(await field(page, 'username').locator('input').getAttribute('readonly')).not.toBeNull();
      expect(await field(page, 'password').locator('.van-field__label').innerText()).toBe('重置密码');
      const dialog = page.locator('.van-dialog');
      await page.getByTestId('disabled-switch').click();
      await eventually(() => dialog.innerText()).toContain('停用后该账号将立即无法登录');
      await dialog.locator('.van-dialog__cancel').click();
      expect(await page.getByTestId('disabled-switch').getAttribute('aria-checked')).toBe('false');
      await page.getByTestId('disabled-switch').click();
      await dialog.locator('.van-dialog__confirm').click();
      await eventually(() => page.getByTestId('disabled-switch').getAttribute('aria-checked')).toBe('true');
      const patched = page.waitForResponse((r) => r.url().endsWith(`/api/admin/users/${account!.id}`) && r.request().method() === 'PATCH');
      await page.getByTestId('account-submit').click();
      const patch = await patched;
      expect(patch.status()).toBe(200);
      expect(patch.request().postDataJSON()).toEqual({ disabled: true });
      await expectToast(page, '已保存');
      await page.getByTestId('account-form').waitFor({ state: 'hidden' });
      await eventually(() => row.getByTestId('disabled-tag').innerText()).toBe('已停用');

      // its session ends at once, and signing in again is refused in Chinese, by password and through 模拟登录
      expect(await httpStatus(apiClient(base(), session.token).me())).toBe(401);
      await other.page.evaluate(() => localStorage.clear());
      await signInByPassword(other.page);
      await expectToast(other.page, '用户名或密码错误');
      expect(other.page.url()).toMatch(/\/deputy\/login/);
      await other.page.getByRole('tab', { name: '模拟登录' }).click();
      await other.page.locator(`[data-account="${NEW_ACCOUNT.dingUserId}"]`).click();
      await expectToast(other.page, '您的民情通工作账号已停用，请联系人大办公室');
      expect(other.page.url()).toMatch(/\/deputy\/login/);

      // 操作日志: 修改账号 (停用：是) above 新建账号, each with who did it
      await page.locator('.van-nav-bar__right').click();
      await page.waitForURL(/\/deputy\/admin\/events$/);
      const events = page.getByTestId('event-item');
      await eventually(() => events.count()).toBeGreaterThanOrEqual(2);
      const [changed, opened] = [events.nth(0), events.nth(1)];
      expect(await changed.getAttribute('data-action')).toBe('user_update');
      for (const text of ['修改账号', NEW_ACCOUNT.name, '停用：是', '系统管理员']) expect(await changed.innerText()).toContain(text);
      expect(await opened.getAttribute('data-action')).toBe('user_create');
      for (const text of ['新建账号', NEW_ACCOUNT.name, '所属地区：新埭镇', '密码：已设置', `用户名：${NEW_ACCOUNT.username}`])
        expect(await opened.innerText()).toContain(text);
      expect(await opened.innerText()).not.toContain(NEW_ACCOUNT.password);
      await eventually(() => page.locator('.van-toast:visible').count()).toBe(0); // 已保存 fades out first
      await screenshot(page, 'deputy-21-admin-events', { fullPage: false });
    } catch (err) {
      await screenshot(page, 'admin-accounts-failure').catch(() => undefined);
      throw err;
    } finally {
      await other.close();
      await close();
    }
  });

  it('should keep 账号管理 to admins: no link or page for office staff, and 403 from the API', async () => {
    const { page, client: office, close } = await staffPhone(e2e, 'ding-office');
    try {
      await page.goto('/deputy/me');
      await page.getByTestId('settings-link').waitFor();
      expect(await page.getByTestId('accounts-link').count()).toBe(0);
      await page.goto('/deputy/admin/users');
      await page.waitForURL(/\/deputy\/triage$/);
      expect(await httpStatus(office.admin.users())).toBe(403);
      expect(await httpStatus(office.admin.events())).toBe(403);
    } finally {
      await close();
    }
  });
});
