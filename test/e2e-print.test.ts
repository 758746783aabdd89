// Printing any page to A4 (reports are printed and filed), in real Chromium against the running demo: page.pdf()
// goes through the same print stylesheet as Ctrl+P. No controls printed (navigation, filters,
// export buttons, CSV/XLSX links), the snapshot line and page numbers on every page, chart
// cards whole, compact congress lists, and the same print whichever page was visited before.
import { beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import type { BrowserContext, Page } from 'playwright-core';
import { keepScreenshot, signInContext, useDemoAndBrowser, VIETNAM } from './e2e-support.ts';

const running = useDemoAndBrowser();
let context: BrowserContext;

beforeAll(async () => {
  context = await running.browser.newContext({ viewport: { width: 1366, height: 900 }, ...VIETNAM });
  await signInContext(context, running.demo.dashboardUrl, running.demo.viewers[0]!.token);
}, 240_000);

interface Printed {
  pages: string[];
  size: [number, number];
}

async function printPdf(page: Page): Promise<Printed> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  const [, , w, h] = (await doc.getPage(1)).view as number[];
  return { pages: text, size: [Math.round(w!), Math.round(h!)] };
}

async function open(path: string, name: string, page?: Page): Promise<Page> {
  const p = page ?? (await context.newPage());
  onTestFailed(async () => {
    console.error(`screenshot kept: ${await keepScreenshot(p, name)}`);
  });
  await p.goto(`${running.demo.dashboardUrl}/#${path}`);
  await p.locator('main h1').first().waitFor({ timeout: 20_000 });
  await expect.poll(() => p.locator('[data-status="loading"]').count(), { timeout: 30_000 }).toBe(0);
  return p;
}

async function openOverview(page?: Page): Promise<Page> {
  const p = await open('/', 'print-overview', page);
  await expect.poll(() => p.locator('figure[data-chart] .plot-host svg').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
  return p;
}

// Words only the controls carry: the navigation, the session, the filters, the export buttons.
const CONTROLS = [
  'Bỏ qua thanh điều hướng',
  'Danh sách điển hình',
  'Báo cáo tổng kết',
  'Nhập dữ liệu',
  'Đăng xuất',
  'Từ năm',
  'Tải về',
  'PNG 2×',
  'Bộ lọc',
];
const SNAPSHOT = /Bản chốt số liệu số \d+ · ngày \d{2}\/\d{2}\/\d{4}/;

function expectCleanA4(printed: Printed): void {
  expect(printed.size).toEqual([595, 842]);
  const all = printed.pages.join('\n');
  for (const word of CONTROLS) expect(all, word).not.toContain(word);
  expect(all).not.toMatch(/\b(CSV|XLSX|SVG)\b/);
  printed.pages.forEach((raw, i) => {
    const text = raw.replace(/\s+/g, ' '); // a margin box may wrap its line
    expect(text, `page ${i + 1}`).toMatch(SNAPSHOT);
    expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${printed.pages.length}`);
  });
}

describe('printing to A4', () => {
  it('the overview prints without controls, with the snapshot and page numbers, cards whole', async () => {
    const p = await openOverview();
    const printed = await printPdf(p);
    console.log(`overview: ${printed.pages.length} pages`);
    expectCleanA4(printed);
    expect(printed.pages.join('\n')).toMatch(/Tổng quan giai đoạn \d{4}–\d{4}/);
    await p.emulateMedia({ media: 'print' });
    const breaks = await p.locator('figure.chart-card').evaluateAll((cards) => cards.map((c) => getComputedStyle(c).breakInside));
    await p.emulateMedia({ media: 'screen' });
    expect(breaks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(breaks)).toEqual(new Set(['avoid']));
    await p.close();
  }, 90_000);

  it('the congress list prints compact: many rows a page, headers repeated, no CSV/XLSX links', async () => {
    const p = await open('/dai-hoi', 'print-congress');
    await p.locator('section.agency').first().waitFor({ timeout: 20_000 });
    const rows = await p.locator('section.agency tbody tr:not(.cutoff)').count();
    const printed = await printPdf(p);
    console.log(`congress: ${rows} rows on ${printed.pages.length} pages (${(rows / printed.pages.length).toFixed(1)} a page)`);
    expectCleanA4(printed);
    // Before print styles of its own, the province's list printed about 7 rows a page (95 pages).
    expect(rows / printed.pages.length).toBeGreaterThanOrEqual(15);
    // The lists' header row repeats: every page from the first list on carries it (the last one
    // may hold only the unallocated agencies and the source line).
    const first = printed.pages.findIndex((t) => t.includes('Tên điển hình'));
    const withHeader = printed.pages.slice(first).filter((t) => t.includes('Tên điển hình')).length;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(withHeader).toBeGreaterThanOrEqual(printed.pages.length - first - 1);
    await p.close();
  }, 120_000);

  it('visiting the report page first does not change how the overview prints', async () => {
    const fresh = await openOverview();
    const before = await printPdf(fresh);
    await fresh.close();
    const p = await open('/bao-cao', 'print-after-report');
    await p.locator('[data-report]').waitFor({ timeout: 30_000 });
    await openOverview(p);
    // The report's own @page rules left with it: only the app shell's remain.
    expect(await p.locator('style[data-print-margins]').count()).toBe(0);
    expect(await p.locator('style[data-print-margins-shell]').count()).toBe(1);
    const after = await printPdf(p);
    expect(after.pages.length).toBe(before.pages.length);
    expectCleanA4(after);
    await p.close();
  }, 120_000);
});
