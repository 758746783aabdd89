// Accessibility in real Chromium against the running demo (WCAG 2 AA, as axe-core checks it): axe-core on every
// page (no critical, serious or moderate violation under wcag2a, wcag2aa and best-practice),
// charts with a text alternative, a skip link that keeps the route and its filters, and
// arrow keys on a filter select that do not fill the history.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DASHBOARD_PAGES, keepScreenshot, signInContext, useDemoAndBrowser, VIETNAM } from './e2e-support.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const running = useDemoAndBrowser();

const PAGES = [...DASHBOARD_PAGES, { path: '/khong-co-trang-nay' }];

// axe-core is injected as an inline script, which the dashboard's CSP (script-src 'self') refuses:
// the test context bypasses the CSP.
async function open(signIn: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await running.browser.newContext({ viewport: { width: 1280, height: 900 }, ...VIETNAM, bypassCSP: true });
  if (signIn) await signInContext(context, running.demo.dashboardUrl, running.demo.viewers[0]!.token);
  return { context, page: await context.newPage() };
}

/** Waits for the page's heading and for every query to settle. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await expect
    .poll(() => page.locator('[data-status="loading"], [role="status"]:has-text("Đang tải")').count(), { timeout: 30_000 })
    .toBe(0);
  await page.waitForTimeout(300);
}

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

async function axeFindings(page: Page): Promise<Finding[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
    }));
  });
}

describe('accessibility (axe-core) on every page', () => {
  for (const { path, signIn } of PAGES) {
    it(`${path}: no critical, serious or moderate violation`, async () => {
      const { context, page } = await open(signIn ?? false);
      try {
        await page.goto(`${running.demo.dashboardUrl}/#${path}`);
        await settled(page);
        const findings = await axeFindings(page);
        const blocking = findings.filter((f) => f.impact === 'critical' || f.impact === 'serious' || f.impact === 'moderate');
        expect(blocking).toEqual([]);
        // Every drawn chart is an image with a name, described by the data table behind it.
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll('.plot-host')]
            .map((host) => host.querySelector('svg[role="img"]'))
            .map((svg) =>
              !svg
                ? { role: null, label: '', described: false }
                : {
                    role: svg.getAttribute('role'),
                    label: svg.getAttribute('aria-label') ?? '',
                    described: (svg.getAttribute('aria-describedby') ?? '')
                      .split(/\s+/)
                      .filter(Boolean)
                      .every((id) => document.getElementById(id) !== null),
                  },
            ),
        );
        for (const c of charts) {
          expect(c.role).toBe('img');
          expect(c.label.length).toBeGreaterThan(0);
          expect(c.described).toBe(true);
        }
        if (['/', '/phong-trao', '/co-quan'].includes(path)) expect(charts.length).toBeGreaterThan(0);
      } catch (err) {
        console.error(`screenshot kept: ${await keepScreenshot(page, `a11y${path}`)}`);
        throw err;
      } finally {
        await context.close();
      }
    }, 90_000);
  }
});

describe('keyboard navigation', () => {
  it('the skip link keeps the route and its filters and moves the focus to the main content', async () => {
    const { context, page } = await open(false);
    try {
      await page.goto(`${running.demo.dashboardUrl}/#/phong-trao?year_from=2023&kind=CN`);
      await settled(page);
      const before = await page.evaluate(() => ({ hash: location.hash, length: history.length }));
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Bỏ qua thanh điều hướng' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(200);
      const after = await page.evaluate(() => ({ hash: location.hash, length: history.length, focused: document.activeElement?.id ?? '' }));
      expect(after.hash).toBe(before.hash);
      expect(after.length).toBe(before.length);
      expect(after.focused).toBe('main');
      expect(await page.getByRole('heading', { name: 'Không tìm thấy trang' }).count()).toBe(0);
      expect(await page.getByLabel('Từ năm').inputValue()).toBe('2023');
    } finally {
      await context.close();
    }
  }, 60_000);

  it("a chart's data table opens from the keyboard, lists the chart's rows and describes the chart", async () => {
    const { context, page } = await open(false);
    try {
      await page.goto(`${running.demo.dashboardUrl}/#/`);
      await settled(page);
      const card = page.locator('figure[data-chart="by-year"]');
      const table = card.locator('table[data-chart-table]');
      expect(await table.isVisible()).toBe(false);
      // the chart's image is described by the table behind it
      const tableId = await table.getAttribute('id');
      expect(await card.locator('svg[role="img"]').getAttribute('aria-describedby')).toBe(tableId);
      await card.locator('summary').focus();
      await page.keyboard.press('Enter');
      const rows = card.locator('table[data-chart-table] tbody tr');
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      // one row per year of the period the chart shows, each with a number
      const years = await card.locator('table[data-chart-table] tbody tr td:first-child').allTextContents();
      expect(years.every((y) => /^\d{4}$/.test(y.replace(/\./g, '')))).toBe(true);
      expect(new Set(years).size).toBe(years.length);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('three arrow-key presses on a closed filter select add at most one history entry', async () => {
    const { context, page } = await open(false);
    try {
      // Plan 90's period, written in the URL (the default is the latest period with data).
      await page.goto(`${running.demo.dashboardUrl}/#/phong-trao?year_from=2021&year_to=2025`);
      await settled(page);
      const before = await page.evaluate(() => history.length);
      const year = page.getByLabel('Từ năm');
      await year.focus();
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(150);
      }
      await expect.poll(() => page.evaluate(() => location.hash)).toContain('year_from=2024');
      expect(await year.inputValue()).toBe('2024');
      const after = await page.evaluate(() => history.length);
      expect(after - before).toBeLessThanOrEqual(1);
      // The filtered view is still one step back from the unfiltered one.
      await page.goBack();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/phong-trao?year_from=2021&year_to=2025');
    } finally {
      await context.close();
    }
  }, 60_000);
});
