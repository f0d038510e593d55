/**
 * The first page of each app as a phone loads it from a demo server (issue 13): every asset from
 * our own origin with nothing blocked or failing (Vant's icon font no longer falls back to a CDN
 * the CSP refuses), and the 演示环境 ribbon that says the server is a demo, readable at 375 px and
 * in 长辈模式, over no control.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './helpers/browser.js';
import { withServerAndBrowser } from './helpers/setup.js';
import { staffPhone } from './helpers/staff.js';

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

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The ribbon as shown, and what of the controls on screen it hides (none wanted): a field, button,
 * switch, icon or picture anywhere in its box, or any text of a link, tab, cell or tag (a card
 * that is a link may run under it at its blank edge; its words and arrow may not).
 */
async function ribbonOnScreen(page: Page) {
  return page.evaluate(() => {
    const ribbon = document.querySelector<HTMLElement>('.demo-ribbon');
    if (!ribbon) return null;
    const r = ribbon.getBoundingClientRect();
    const style = getComputedStyle(ribbon);
    const under = (b: DOMRect) =>
      b.width > 0 && b.height > 0 && r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} "${(el.textContent ?? '').trim().slice(0, 20)}"`;
    const covered = new Set<string>();
    const solid =
      'button, .van-button, input, textarea, select, .van-switch, .van-checkbox__icon, .van-radio__icon, .van-icon, img, svg, canvas';
    for (const el of Array.from(document.querySelectorAll(solid)))
      if (!ribbon.contains(el) && under(el.getBoundingClientRect())) covered.add(name(el));
    const worded =
      'a, [role="button"], [role="tab"], .van-tabbar-item, .van-nav-bar__left, .van-nav-bar__right, .van-nav-bar__title, .van-cell, .van-tag';
    for (const el of Array.from(document.querySelectorAll(worded))) {
      if (ribbon.contains(el)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (Array.from(range.getClientRects()).some(under)) covered.add(`${name(el)} (text "${node.textContent.trim().slice(0, 20)}")`);
      }
    }
    // a tap anywhere on the ribbon reaches what is under it
    const points = [0.2, 0.5, 0.8].map((f) => document.elementFromPoint(r.left + r.width / 2, r.top + r.height * f));
    return {
      text: ribbon.textContent?.trim(),
      box: { x: r.left, y: r.top, width: r.width, height: r.height },
      viewport: { x: 0, y: 0, width: window.innerWidth, height: window.innerHeight },
      fontSize: parseFloat(style.fontSize),
      visible: style.visibility === 'visible' && style.display !== 'none' && Number(style.opacity) > 0.5,
      position: style.position,
      tapsPassThrough: points.every((el) => el !== null && el !== ribbon && !ribbon.contains(el)),
      covered: [...covered],
    };
  });
}

describe('first pages', () => {
  it('should load each app’s first page with no console error and no failed or refused request, every asset from our own origin, Vant’s icons drawn', async () => {
    const { page, close } = await e2e.phone();
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
      await close();
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

  it('should show the 演示环境 ribbon on the pages of both apps, readable at 375 px and in 长辈模式, over no control', async () => {
    const { page, close } = await e2e.phone();
    try {
      const check = async (path: string, ready: string, minFontSize: number, shot: string) => {
        await settle(page, path, ready);
        const ribbon = await ribbonOnScreen(page);
        expect(ribbon, path).not.toBeNull();
        expect(ribbon!.text).toBe('演示环境');
        expect(ribbon!.visible).toBe(true);
        expect(ribbon!.position).toBe('fixed');
        expect(ribbon!.fontSize).toBeGreaterThanOrEqual(minFontSize);
        // whole on screen, and small: a narrow tab at the edge
        const { box, viewport } = ribbon!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(box.width * box.height).toBeLessThan(0.01 * viewport.width * viewport.height);
        expect(overlaps(box, viewport)).toBe(true);
        expect({ path, covered: ribbon!.covered }).toEqual({ path, covered: [] });
        expect(ribbon!.tapsPassThrough).toBe(true);
        await screenshot(page, shot, { fullPage: false });
        return ribbon!;
      };

      const normal = await check('/citizen/', '.van-search', 12, 'first-pages-ribbon-citizen');
      // scrolled: still there, still over nothing
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(300);
      expect((await ribbonOnScreen(page))!.covered).toEqual([]);
      await check('/citizen/d/D001', '.info__row', 12, 'first-pages-ribbon-landing');
      const elder = await check('/citizen/d/D001?elder=1', '.info__row', 16, 'first-pages-ribbon-elder');
      expect(elder.fontSize).toBeGreaterThan(normal.fontSize);
      await check('/citizen/me', '[data-testid="elder-switch"]', 16, 'first-pages-ribbon-elder-me');
      await check('/deputy/', '[data-account]', 12, 'first-pages-ribbon-staff-login');
    } finally {
      await close();
    }

    // the staff app signed in: a deputy's workbench with its tab bar
    const staff = await staffPhone(e2e, 'ding-d001');
    try {
      await settle(staff.page, '/deputy/', '.van-tabbar');
      const ribbon = await ribbonOnScreen(staff.page);
      expect(ribbon?.text).toBe('演示环境');
      expect(ribbon!.covered).toEqual([]);
      await screenshot(staff.page, 'first-pages-ribbon-staff-inbox', { fullPage: false });
    } finally {
      await staff.close();
    }
  }, 90_000);
});
