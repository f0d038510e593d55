/**
 * Debian's Chromium (never a downloaded browser) driven by playwright-core, as a phone:
 * 375×812, touch, mobile, Chinese locale, Beijing time.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const PHONE: BrowserContextOptions = {
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  userAgent: 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
};

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Phone {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Another phone context in the same browser (a fresh device: empty storage). */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * A browser with one phone context and page. `options` are merged over PHONE, e.g.
 * { baseURL, permissions: ['geolocation'], geolocation: { latitude, longitude } }.
 * Pass an existing `browser` to share one between phones.
 */
export async function launchPhone(options: BrowserContextOptions = {}, browser?: Browser): Promise<Phone> {
  const b = browser ?? (await launchBrowser());
  const newContext = (more: BrowserContextOptions = {}) => b.newContext({ ...PHONE, ...options, ...more });
  const context = await newContext();
  const page = await context.newPage();
  return {
    browser: b,
    context,
    page,
    newContext,
    async close() {
      await context.close().catch(() => undefined);
      if (!browser) await b.close();
    },
  };
}

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const ARTIFACTS = join(root, 'tests', 'artifacts');

/** A screenshot to tests/artifacts/<name>.png (gitignored); the whole page unless fullPage is false. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: options.fullPage ?? true, animations: 'disabled' });
  return path;
}
