// Support for the browser end-to-end suite: starts both services the way the README does
// (scripts/start.ts) on free ports with a temporary DATA_DIR, serving the dashboard that the
// system project's global setup built, and drives Chromium (Debian's, else the packaged one:
// testing/chromiumBinary.ts) through playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemo, type RunningDemo } from '../testing/demoProcess.ts';
import { launchChromium } from '../testing/chromium.ts';

export { freePort } from '../testing/serviceProcess.ts';
export { startDemo, type DemoToken, type RunningDemo } from '../testing/demoProcess.ts';
export { launchChromium as launchBrowser } from '../testing/chromium.ts';

/** A browser context's locale and time zone, as users have them. */
export const VIETNAM = { locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' } as const;

/**
 * One route per page of dashboard/app/routes.ts; the register and the congress list name
 * people, so they are read signed in as a viewer.
 */
export const DASHBOARD_PAGES: ReadonlyArray<{ path: string; signIn?: boolean }> = [
  { path: '/' },
  { path: '/phong-trao' },
  { path: '/phong-trao/3' },
  { path: '/co-quan' },
  { path: '/co-quan/SYT' },
  { path: '/dien-hinh', signIn: true },
  { path: '/dai-hoi', signIn: true },
  { path: '/bao-cao' },
  { path: '/nhap-du-lieu' },
];

/**
 * The demo and one Chromium for the calling suite: started before its tests (the suite's own
 * beforeAll hooks run after this one), stopped after them.
 */
export function useDemoAndBrowser(startTimeoutMs = 240_000): { readonly demo: RunningDemo; readonly browser: Browser } {
  let demo: RunningDemo | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    demo = await startDemo();
    browser = await launchChromium();
  }, startTimeoutMs);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });
  return {
    get demo() {
      if (!demo) throw new Error('the demo is not started yet (use it inside a hook or a test)');
      return demo;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet (use it inside a hook or a test)');
      return browser;
    },
  };
}

/** Keeps what the page looked like when a test failed (test-results/<name>.png). */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync('test-results', { recursive: true });
  const path = join('test-results', `${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * A named query's rows as JSON, from the running reporting service (the figures to compare);
 * lists with people's names need a viewer token.
 */
export async function apiRows<T = Record<string, unknown>>(
  base: string,
  name: string,
  params: Record<string, string> = {},
  viewerToken?: string,
): Promise<T[]> {
  const qs = new URLSearchParams({ ...params, format: 'json' });
  const res = await fetch(`${base}/api/queries/${name}?${qs}`, viewerToken ? { headers: { Authorization: `Bearer ${viewerToken}` } } : {});
  if (!res.ok) throw new Error(`${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { rows: T[] }).rows;
}

export function samplePath(file: string): string {
  const path = join('fixtures', 'samples', file);
  if (!existsSync(path)) throw new Error(`sample file ${path} is missing (npm run generate writes fixtures/samples/)`);
  return path;
}

/** Signs a browser context in as a viewer (the session cookie, as the sign-in form would get it). */
export async function signInContext(context: BrowserContext, base: string, viewerToken: string): Promise<void> {
  const res = await context.request.post(`${base}/api/session`, { data: { token: viewerToken } });
  if (!res.ok()) throw new Error(`sign-in refused: ${res.status()} ${await res.text()}`);
}

/** Signs in through the dashboard's own form (the one a 401 shows, or the header's). */
export async function signInThroughForm(page: Page, viewerToken: string): Promise<void> {
  const form = page.locator('form.sign-in').first();
  await form.getByLabel('Mã truy cập xem dữ liệu').fill(viewerToken);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * A desktop browser context signed in as the province viewer (the lists that name people need
 * one), set up before the calling suite's tests, and `open(path, name)`: a page on that hash
 * route whose screenshot and the demo's last output are kept if the test fails.
 */
export function useSignedInPages(
  running: { readonly demo: RunningDemo; readonly browser: Browser },
  prefix: string,
): { open(path: string, name: string): Promise<Page> } {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await running.browser.newContext({ viewport: { width: 1366, height: 900 }, ...VIETNAM });
    await signInContext(context, running.demo.dashboardUrl, running.demo.viewers[0]!.token);
  }, 240_000);
  return {
    async open(path, name) {
      const page = await context.newPage();
      onTestFailed(async () => {
        console.error(`screenshot kept: ${await keepScreenshot(page, `${prefix}-${name}`)}\n${running.demo.output().slice(-2000)}`);
      });
      await page.goto(`${running.demo.dashboardUrl}/#${path}`);
      return page;
    },
  };
}
