/**
 * What most browser test files set up: one server process (helpers/server.ts) and one Chromium,
 * started together before the file's tests and stopped after them, and phones in that browser
 * pointed at that server.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, launchPhone, type Phone } from './browser.js';
import { startServerProcess, type RunningServer, type ServerOptions } from './server.js';

export interface E2e {
  /** The running server (inside a test or hook). */
  readonly server: RunningServer;
  /** Its address, e.g. http://127.0.0.1:41234. */
  readonly baseUrl: string;
  /** The shared Chromium. */
  readonly browser: Browser;
  /** A phone (options merged over PHONE) in the shared browser, its baseURL the server. */
  phone(options?: BrowserContextOptions): Promise<Phone>;
}

/** Registers the file's beforeAll/afterAll; what they start is read through the answer. */
export function withServerAndBrowser(options: ServerOptions = {}): E2e {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServerProcess({ seeded: inject('seededDatabase'), ...options }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error('the server and browser start in beforeAll: use them inside a test or hook');
    return x;
  };
  return {
    get server() {
      return started(server);
    },
    get baseUrl() {
      return started(server).baseUrl;
    },
    get browser() {
      return started(browser);
    },
    phone(more: BrowserContextOptions = {}) {
      return launchPhone({ baseURL: started(server).baseUrl, ...more }, started(browser));
    },
  };
}
