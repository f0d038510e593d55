/**
 * The first page of each app as a phone loads it (issue 13): every asset from our own origin with
 * nothing blocked or failing (Vant's icon font no longer falls back to a CDN the CSP refuses).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './helpers/browser.js';
import { withServerAndBrowser } from './helpers/setup.js';

const e2e = withServerAndBrowser();
const dist = resolve(fileURLToPath(new URL('../../dist', import.meta.url)));

/** Everything that went wrong while the page loaded: console errors, page errors, failed or refused requests, other origins. */
function watchProblems(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) problems.push(`other origin: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Loads a page and waits until it has settled: its requests done, fonts loaded. */
async function settle(page: Page, path: string, ready: string) {
  await page.goto(path);
  await page.locator(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

const FIRST_PAGES = [
  { app: 'citizen', path: '/citizen/', ready: '.van-search' },
  { app: 'citizen', path: '/citizen/d/D001', ready: '.info__row' },
  { app: 'staff', path: '/deputy/', ready: '[data-account]' },
] as const;

describe('first pages', () => {
  it('should load each app’s first page with no console error and no failed or refused request, every asset from our own origin, Vant’s icons drawn', async () => {
    const phone = await e2e.phone();
    const { page } = phone;
    try {
      const problems = watchProblems(page, e2e.baseUrl);
      let iconPages = 0;
      for (const { path, ready } of FIRST_PAGES) {
        await settle(page, path, ready);
        expect({ path, problems }).toEqual({ path, problems: [] });
        // where icons are shown, the icon font came (from inside our stylesheet) and draws them
        const icons = await page.evaluate(() => {
          const icon = document.querySelector('.van-icon');
          if (!icon) return null;
          const font: string[] = [];
          document.fonts.forEach((f) => {
            if (f.family.replace(/"/g, '') === 'vant-icon') font.push(f.status);
          });
          return { font, drawnWith: getComputedStyle(icon, '::before').fontFamily };
        });
        if (icons) {
          expect(icons.font).toEqual(['loaded']);
          expect(icons.drawnWith).toContain('vant-icon');
        }
        iconPages += icons ? 1 : 0;
      }
      expect(iconPages).toBeGreaterThanOrEqual(2);
      await page.goto('/citizen/');
      await page.locator('.van-search .van-icon-search').waitFor();
      await screenshot(page, 'first-pages-citizen-icons', { fullPage: false });
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('should build stylesheets that load nothing from another origin', () => {
    const css = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.css'));
    expect(css.length).toBeGreaterThan(0);
    const offOrigin: string[] = [];
    for (const file of css) {
      const text = readFileSync(join(dist, 'assets', file), 'utf8');
      for (const m of text.matchAll(/url\(\s*["']?([^"')]*)/g)) {
        // with a scheme other than data:, or protocol-relative (//host/…)
        if (/^(?:(?!data:)[a-z][a-z0-9+.-]*:|\/\/)/i.test(m[1]!)) offOrigin.push(`${file}: ${m[1]!.slice(0, 80)}`);
      }
      expect(text).not.toMatch(/@import\s+(?:url\()?\s*["']?(?:[a-z]+:)?\/\//i);
    }
    expect(offOrigin).toEqual([]);
  });
});
