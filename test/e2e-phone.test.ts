// Every page at phone width (390 px) and the overview at tablet width (768 px), in real
// Chromium against the running demo (phone width, 390 px): no console errors (Plot's "negative rect
// width" among them), nothing wider than the viewport, and every bar drawn with a width.
import { describe, expect, it, onTestFailed } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { DASHBOARD_PAGES, keepScreenshot, signInContext, useDemoAndBrowser, VIETNAM } from './e2e-support.ts';

const running = useDemoAndBrowser();

const PAGES = [...DASHBOARD_PAGES];

async function openAt(width: number, height: number, signIn: boolean): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await running.browser.newContext({
    viewport: { width, height },
    ...VIETNAM,
    isMobile: width < 600,
    hasTouch: width < 600,
  });
  if (signIn) await signInContext(context, running.demo.dashboardUrl, running.demo.viewers[0]!.token);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { context, page, errors };
}

/** Waits for every query to settle and every chart to draw, then measures the page. */
async function measure(page: Page, width: number) {
  await page.locator('main h1').first().waitFor({ timeout: 20_000 });
  await expect
    .poll(() => page.locator('[data-status="loading"], [role="status"]:has-text("Đang tải")').count(), { timeout: 30_000 })
    .toBe(0);
  await page.waitForTimeout(300); // a resize-driven redraw, if any
  // The configured width, not window.innerWidth: a phone's layout viewport grows to fit wide content.
  return page.evaluate((width) => {
    // Content of a box that scrolls (or clips) sideways by itself, as a wide table does, is fine.
    const insideScroller = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const rects = [...document.querySelectorAll('.plot-host svg g[aria-label="bar"] rect')];
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !insideScroller(el))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport: width,
      charts: document.querySelectorAll('.plot-host svg').length,
      bars: rects.length,
      emptyBars: rects.filter((r) => !(Number(r.getAttribute('width')) > 0)).length,
      wide,
    };
  }, width);
}

describe('the dashboard at phone and tablet widths', () => {
  for (const { path, signIn } of PAGES) {
    it(`${path} at 390 px: no console errors, no sideways scroll, bars drawn`, async () => {
      const { context, page, errors } = await openAt(390, 844, signIn ?? false);
      onTestFailed(async () => {
        console.error(`screenshot kept: ${await keepScreenshot(page, `phone${path}`)}`);
      });
      try {
        await page.goto(`${running.demo.dashboardUrl}/#${path}`);
        const m = await measure(page, 390);
        expect(errors).toEqual([]);
        expect(m.wide).toEqual([]);
        expect(m.scrollWidth).toBeLessThanOrEqual(m.viewport);
        expect(m.emptyBars).toBe(0);
        if (['/', '/phong-trao', '/co-quan'].includes(path)) expect(m.bars).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it('the overview at 390 px shows a headline figure on the first screen and folds the filters', async () => {
    const { context, page } = await openAt(390, 844, false);
    try {
      await page.goto(`${running.demo.dashboardUrl}/#/`);
      const figure = page.locator('[data-figure="recognitions"]');
      await figure.waitFor({ timeout: 20_000 });
      expect((await figure.boundingBox())!.y).toBeLessThan(844);
      const year = page.getByLabel('Từ năm');
      expect(await year.isVisible()).toBe(false);
      await page.getByRole('button', { name: /Bộ lọc/ }).click();
      expect(await year.isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('the overview at 768 px: no console errors, no sideways scroll, bars drawn', async () => {
    const { context, page, errors } = await openAt(768, 1024, false);
    try {
      await page.goto(`${running.demo.dashboardUrl}/#/`);
      const m = await measure(page, 768);
      expect(errors).toEqual([]);
      expect(m.wide).toEqual([]);
      expect(m.scrollWidth).toBeLessThanOrEqual(m.viewport);
      expect(m.bars).toBeGreaterThan(0);
      expect(m.emptyBars).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
