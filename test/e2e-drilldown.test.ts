// From a chart to the list behind it (a figure can be checked against its rows), in real Chromium against the running demo:
// a click on a bar (or a heat-map cell, or the keyboard's Enter on the chart's link) opens the
// register filtered to that mark plus the page's filters, and the register's count equals the
// mark's value: its recognitions for a chart of "lượt công nhận", its rows for "điển hình".
// The mark's value is read from the bar's own title and checked against the service's answer.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { apiRows, useDemoAndBrowser, useSignedInPages } from './e2e-support.ts';

const running = useDemoAndBrowser();

const { open } = useSignedInPages(running, 'drilldown');

/** "… : 1.234 lượt công nhận — bấm để xem danh sách" → 1234 (vi-VN thousands separator). */
async function titleValue(mark: Locator): Promise<number> {
  const title = (await mark.locator('title').textContent()) ?? '';
  const m = /: ([\d.]+) (lượt công nhận|điển hình) —/.exec(title);
  if (!m) throw new Error(`no value in the mark's title: ${title}`);
  return Number(m[1]!.replaceAll('.', ''));
}

/** The register after a click: its URL's filters, its row count and its recognitions. */
async function register(page: Page): Promise<{ params: URLSearchParams; total: number; recognitions: number }> {
  await page.waitForURL(/#\/dien-hinh/, { timeout: 20_000 });
  const total = page.locator('.summary [data-total]');
  const recognitions = page.locator('.summary [data-recognitions]');
  await recognitions.waitFor({ timeout: 30_000 });
  const params = new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');
  return {
    params,
    total: Number(await total.getAttribute('data-total')),
    recognitions: Number(await recognitions.getAttribute('data-recognitions')),
  };
}

const mark = (page: Page, chart: string, selector: string) => page.locator(`[data-chart="${chart}"] ${selector}[data-drill^="#"]`);

describe('chart → register click-through', () => {
  it('a movement bar (recognitions) opens the register of that movement, with as many recognitions', async () => {
    const page = await open('/phong-trao?year_from=2022&year_to=2025', 'movement-bar');
    const bar = mark(page, 'movements-bars', 'g[aria-label="bar"] rect').nth(2);
    await bar.waitFor({ timeout: 30_000 });
    const value = await titleValue(bar);
    const drawn = await bar.getAttribute('data-drill');
    const movement = Number(new URLSearchParams(drawn!.split('?')[1]).get('movement'));
    const api = await apiRows<{ movement_no: number; recognitions: number }>(running.demo.dashboardUrl, 'recognitions_by_movement', {
      year_from: '2022',
      year_to: '2025',
    });
    expect(value).toBe(api.find((r) => r.movement_no === movement)!.recognitions);
    expect(await bar.evaluate((el) => getComputedStyle(el).cursor)).toBe('pointer');
    await bar.click();
    const shown = await register(page);
    expect(shown.params.get('movement')).toBe(String(movement));
    expect(shown.params.get('year_from')).toBe('2022'); // the page's own filter is kept
    expect(shown.recognitions).toBe(value);
    await page.close();
  });

  it('a kind bar (exemplars) opens the register whose count of rows is the bar', async () => {
    const page = await open('/', 'kind-bar');
    const bar = mark(page, 'by-kind', 'g[aria-label="bar"] rect').nth(1);
    await bar.waitFor({ timeout: 30_000 });
    const value = await titleValue(bar);
    await bar.click();
    const shown = await register(page);
    expect(shown.params.get('kind')).toBe('ca_nhan');
    expect(shown.total).toBe(value);
    await page.close();
  });

  it("an agency bar on a movement's page keeps the movement; the register counts the bar's recognitions", async () => {
    const page = await open('/phong-trao/3?year_from=2023&year_to=2025', 'agency-bar');
    const bar = mark(page, 'movement-agencies', 'g[aria-label="bar"] rect').first();
    await bar.waitFor({ timeout: 30_000 });
    const value = await titleValue(bar);
    await bar.click();
    const shown = await register(page);
    expect(shown.params.get('movement')).toBe('3');
    expect(shown.params.get('year_from')).toBe('2023');
    expect(shown.params.get('agency')).toBeTruthy();
    const api = await apiRows<{ agency_code: string; recognitions: number }>(running.demo.dashboardUrl, 'recognitions_by_agency', {
      movement: '3',
      year_from: '2023',
      year_to: '2025',
    });
    expect(value).toBe(api.find((r) => r.agency_code === shown.params.get('agency'))!.recognitions);
    expect(shown.recognitions).toBe(value);
    await page.close();
  });

  it('a heat-map cell opens the register of that movement and year', async () => {
    // Plan 90's period in the URL: a cell's year then differs from both default years.
    const page = await open('/phong-trao?year_from=2021&year_to=2025', 'heat-cell');
    const cell = mark(page, 'movement-year', 'g[aria-label="cell"] rect').nth(7);
    await cell.waitFor({ timeout: 30_000 });
    const value = await titleValue(cell);
    await cell.click({ position: { x: 4, y: 4 } }); // off the number written in the cell (itself a link to the same list)
    const shown = await register(page);
    expect(shown.params.get('movement')).toBeTruthy();
    expect(shown.params.get('year_from')).toBe(shown.params.get('year_to'));
    expect(shown.recognitions).toBe(value);
    await page.close();
  });

  it("from the keyboard: Enter on the chart's link for a year opens that year's register", async () => {
    // Plan 90's period, written in the URL (the default is the latest period with data).
    const page = await open('/?year_from=2021&year_to=2025', 'keyboard');
    const link = page.locator('[data-chart="by-year"] .drill-links a').nth(1);
    await link.waitFor({ state: 'attached', timeout: 30_000 });
    const text = (await link.textContent()) ?? '';
    const value = Number(/: ([\d.]+) lượt công nhận/.exec(text)![1]!.replaceAll('.', ''));
    await link.focus();
    await expect.poll(() => link.isVisible()).toBe(true); // shown while it has the focus
    await page.keyboard.press('Enter');
    const shown = await register(page);
    expect(shown.params.get('year_from')).toBe('2022');
    expect(shown.params.get('year_to')).toBe('2022');
    expect(shown.recognitions).toBe(value);
    await page.close();
  });
});
