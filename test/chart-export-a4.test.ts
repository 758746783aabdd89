// Chart images sized for A4 (pasted into congress reports): the A4 export draws the chart again at the width it
// is printed at, so every text is at least 8 pt on paper, long movement names wrap instead of
// being cut with "…", and the value axis label ("Lượt công nhận →") keeps clear of the tick
// labels, in the export and on screen. The figure is composed in Node (jsdom, as the browser
// composes it) and measured in real Chromium (computed font sizes, bounding boxes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { tableFromArrays, type Table } from 'apache-arrow';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './e2e-support.ts';
import { barSpec, type BarOptions } from '../dashboard/app/charts/barSpec.ts';
import { lineSpec } from '../dashboard/app/charts/lineSpec.ts';
import { progressSpec } from '../dashboard/app/charts/progressSpec.ts';
import { heatmapSpec } from '../dashboard/app/charts/heatmapSpec.ts';
import { rememberSpec, specAt, type ChartSpec } from '../dashboard/app/charts/chartSpec.ts';
import type { ChartMedium } from '../dashboard/app/charts/theme.ts';
import { labelFrom } from '../dashboard/app/lib/labels.ts';
import { a4Figure, a4PartsIn } from '../dashboard/app/export/a4Figure.ts';
import { A4_FIGURE_PX, A4_TEXT_WIDTH_MM, printedPt } from '../dashboard/app/export/a4Size.ts';
import { PAD, type ExportCaption } from '../dashboard/app/export/composeSvg.ts';
import { pngScale } from '../dashboard/app/export/rasterise.ts';

interface PlanFile {
  movements: { no: number; name: string; shortName: string }[];
}
const plan = JSON.parse(readFileSync(new URL('../catalogue/plans/90-KH-UBND-2021.json', import.meta.url), 'utf8')) as PlanFile;
// The longest names first: the chart ranks by value, so give the longest names the most.
const movements = [...plan.movements].sort((a, b) => b.shortName.length - a.shortName.length);

/** The movement bar chart's data, shaped like recognitions_by_movement; the top value 1.000 puts
 *  the last tick ("1.000") at the right end of the axis, under "Lượt công nhận →". */
function byMovement(nameOf: (m: PlanFile['movements'][number]) => string): Table {
  return tableFromArrays({
    movement_no: Int32Array.from(movements.map((m) => m.no)),
    short_name: movements.map(nameOf),
    recognitions: Int32Array.from(movements.map((_, i) => 1000 - i * 45)),
  });
}

const movementOptions = (t: Table): BarOptions => ({
  category: 'movement_no',
  value: 'recognitions',
  orientation: 'horizontal',
  valueLabel: 'Lượt công nhận',
  sortByValue: true,
  categoryFormat: labelFrom(t, 'movement_no', 'short_name', true),
  marginLeft: 300,
});
const movementChart =
  (t: Table): ChartSpec =>
  (width: number, medium: ChartMedium) =>
    barSpec(t, movementOptions(t), width, medium);

const caption: ExportCaption = {
  title: 'Số lượt công nhận theo phong trào thi đua',
  lines: ['Đơn vị tính: lượt công nhận', 'Phạm vi: toàn tỉnh, 2021–2025'],
  source: 'Nguồn: hệ thống theo dõi điển hình tiên tiến, bản chốt số liệu số 3, ngày 01/07/2025',
  warning: 'Dữ liệu mô phỏng, không dùng để báo cáo',
};

const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
const PRINTED_WIDTH_PT = (A4_TEXT_WIDTH_MM / 25.4) * 72;

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
interface Measured {
  width: number;
  texts: { text: string; lines: string[]; axis: string | null; pt: number; box: Box }[];
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/**
 * Every <text> of `svg` as Chromium lays it out: its lines (Plot draws one <tspan> per line),
 * its font size in points once the whole image is printed `printedWidthPt` wide, its box in
 * image pixels, and the axis part it belongs to ("x-axis label", "y-axis tick label", …).
 */
async function measure(svg: string, printedWidthPt = PRINTED_WIDTH_PT): Promise<Measured> {
  await page.setContent(`<!doctype html><html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*/, '')}</body></html>`);
  return page.evaluate((printed) => {
    // The image: a composed figure's root <svg>, or the <svg>/<figure> Plot drew on screen.
    const origin = document.body.firstElementChild!.getBoundingClientRect();
    const width = origin.width;
    const texts = Array.from(document.querySelectorAll('text')).map((el) => {
      const spans = Array.from(el.querySelectorAll('tspan'));
      const lines = spans.length > 0 ? spans.map((s) => s.textContent ?? '') : [el.textContent ?? ''];
      // The size drawn: the computed font size times the element's scale on the page.
      const scale = (el as SVGGraphicsElement).getScreenCTM()?.a ?? 1;
      const px = parseFloat(getComputedStyle(el).fontSize) * scale;
      const r = el.getBoundingClientRect();
      return {
        text: el.textContent ?? '',
        lines,
        axis: el.parentElement?.getAttribute('aria-label') ?? null,
        pt: (px * printed) / width,
        box: { left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top },
      };
    });
    return { width, texts };
  }, printedWidthPt);
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Pairs of (axis label, tick label) of the same axis whose boxes overlap. */
function labelOnTicks(m: Measured, axis: 'x' | 'y'): string[] {
  const label = m.texts.filter((t) => t.axis === `${axis}-axis label`);
  const ticks = m.texts.filter((t) => t.axis === `${axis}-axis tick label`);
  expect(ticks.length).toBeGreaterThan(1);
  return label.flatMap((l) => ticks.filter((t) => overlaps(l.box, t.box)).map((t) => `${l.text} ∩ ${t.text}`));
}

function screenSvg(spec: ChartSpec, width: number): string {
  const chart = Plot.plot({ ...specAt(spec, width, 'screen'), document }) as unknown as Element;
  return chart.outerHTML;
}

describe('the A4 export of the movement chart with the longest names in the catalogue', () => {
  const table = byMovement((m) => m.shortName);
  const figure = a4Figure(movementChart(table), caption, document);
  let m: Measured;

  beforeAll(async () => {
    m = await measure(figure.text);
  });

  it('is drawn at the printed width: 1 px is 0.75 pt, and the 300-dpi PNG is the A4 text width wide', () => {
    expect(figure.width).toBe(A4_FIGURE_PX);
    expect(m.width).toBeCloseTo(A4_FIGURE_PX, 0);
    expect(printedPt(12, figure.width)).toBeCloseTo(9, 1);
    const { scale, dpi } = pngScale('a4', figure.width);
    expect(dpi).toBe(300);
    expect(((figure.width * scale) / dpi) * 25.4).toBeCloseTo(A4_TEXT_WIDTH_MM, 6);
  });

  it('writes every movement name in full, wrapped onto lines, never cut with "…"', () => {
    for (const t of m.texts) for (const line of t.lines) expect(line, t.text).not.toMatch(/…$/);
    const names = m.texts.filter((t) => t.axis === 'y-axis tick label');
    const joined = names.map((t) => t.lines.join(' '));
    expect(joined.sort()).toEqual(movements.map((x) => `${x.no}. ${x.shortName}`).sort());
    expect(Math.max(...names.map((t) => t.lines.length))).toBeGreaterThan(1); // the longest did need wrapping
  });

  it('prints every text at 8 pt or more', () => {
    const sizes = m.texts.filter((t) => t.text.trim() !== '').map((t) => t.pt);
    expect(sizes.length).toBeGreaterThan(40);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8);
    // The chart's own words and numbers (not the caption): 12 px, 9 pt.
    for (const t of m.texts.filter((x) => x.axis !== null)) expect(t.pt, t.text).toBeCloseTo(9, 1);
  });

  it('keeps the axis label "Lượt công nhận →" clear of every tick label', () => {
    expect(m.texts.some((t) => t.axis === 'x-axis label' && t.text === 'Lượt công nhận →')).toBe(true);
    expect(m.texts.some((t) => t.axis === 'x-axis tick label' && t.text === '1.000')).toBe(true);
    expect(labelOnTicks(m, 'x')).toEqual([]);
  });

  it('keeps wrapped names apart from each other and inside the image', () => {
    const names = m.texts.filter((t) => t.axis === 'y-axis tick label').sort((a, b) => a.box.top - b.box.top);
    for (let i = 1; i < names.length; i++) expect(names[i]!.box.top, names[i]!.text).toBeGreaterThanOrEqual(names[i - 1]!.box.bottom);
    for (const t of m.texts) {
      expect(t.box.left, t.text).toBeGreaterThanOrEqual(0);
      expect(t.box.right, t.text).toBeLessThanOrEqual(m.width + 0.5);
    }
  });

  it('wraps the full movement names too (up to 157 characters), each on lines inside the image', async () => {
    const full = await measure(a4Figure(movementChart(byMovement((x) => x.name)), caption, document).text);
    const names = full.texts.filter((t) => t.axis === 'y-axis tick label');
    expect(names.map((t) => t.lines.join(' ')).sort()).toEqual(movements.map((x) => `${x.no}. ${x.name}`).sort());
    expect(Math.max(...names.map((t) => t.lines.length))).toBeGreaterThanOrEqual(4);
    for (const t of full.texts) {
      expect(t.box.left, t.text).toBeGreaterThanOrEqual(0);
      expect(t.pt, t.text).toBeGreaterThanOrEqual(8);
    }
    const sorted = names.sort((a, b) => a.box.top - b.box.top);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.box.top, sorted[i]!.text).toBeGreaterThanOrEqual(sorted[i - 1]!.box.bottom);
  });
});

describe('the export draws the chart from the spec its host keeps', () => {
  it('draws the remembered spec again at the A4 width, for print', () => {
    const table = byMovement((x) => x.shortName);
    const card = document.createElement('figure');
    const host = document.createElement('div');
    host.className = 'plot-host';
    card.append(host);
    expect(a4PartsIn(card)).toBeNull(); // nothing remembered: the screen's drawing is exported
    rememberSpec(host, movementChart(table));
    const parts = a4PartsIn(card)!;
    expect(parts).toHaveLength(1);
    expect(Number(parts[0]!.getAttribute('width'))).toBe(A4_FIGURE_PX - 2 * PAD);
    const label = `16. ${plan.movements.find((x) => x.no === 16)!.shortName}`;
    const ticks = Array.from(
      parts[0]!.querySelectorAll('g[aria-label="y-axis tick label"] text'),
      (t) => Array.from(t.querySelectorAll('tspan'), (s) => s.textContent).join(' ') || t.textContent,
    );
    expect(ticks).toContain(label);
  });
});

describe('axis labels keep clear of tick labels on screen', () => {
  const table = byMovement((x) => x.shortName);
  const byYear = tableFromArrays({
    year: Int32Array.from([2021, 2022, 2023, 2024, 2025]),
    recognitions: Int32Array.from([620, 840, 910, 960, 1000]),
  });
  const targets = tableFromArrays({
    agency_name: ['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Ủy ban nhân dân xã Phụng Công'],
    target: [1000, 800, 600],
    exemplars: Int32Array.from([1000, 640, 420]),
  });

  it('detects the overlap Plot gives with its default 30 px top margin (the check can fail)', async () => {
    const before = (w: number) => ({ ...barSpec(table, movementOptions(table), w, 'screen'), marginTop: 30 });
    const m = await measure(screenSvg(before, 1280));
    expect(labelOnTicks(m, 'x').length).toBeGreaterThan(0);
  });

  for (const width of [360, 640, 1280]) {
    it(`movement bars, progress bars, year bars and the trend line at ${width} px`, async () => {
      const horizontal = [
        movementChart(table),
        (w: number) => progressSpec(targets, { label: 'agency_name', target: 'target', result: 'exemplars', valueLabel: 'Điển hình' }, w),
      ];
      for (const spec of horizontal) expect(labelOnTicks(await measure(screenSvg(spec, width)), 'x')).toEqual([]);
      const vertical = [
        (w: number) =>
          barSpec(
            byYear,
            { category: 'year', value: 'recognitions', orientation: 'vertical', valueLabel: 'Lượt công nhận', categoryFormat: String },
            w,
          ),
        (w: number) => lineSpec(byYear, { x: 'year', y: 'recognitions', valueLabel: 'Lượt công nhận' }, w),
      ];
      for (const spec of vertical) expect(labelOnTicks(await measure(screenSvg(spec, width)), 'y')).toEqual([]);
    });
  }
});

describe('every chart kind as an A4 figure', () => {
  it('prints all its text at 8 pt or more, with no name cut', async () => {
    const matrix = tableFromArrays({
      movement_no: Int32Array.from(movements.slice(0, 3).flatMap((x) => [x.no, x.no])),
      short_name: movements.slice(0, 3).flatMap((x) => [x.name, x.name]),
      year: Int32Array.from([2021, 2022, 2021, 2022, 2021, 2022]),
      recognitions: Int32Array.from([12, 40, 7, 0, 95, 61]),
    });
    const specs: ChartSpec[] = [
      (w, medium) =>
        heatmapSpec(
          matrix,
          {
            x: 'year',
            y: 'movement_no',
            value: 'recognitions',
            valueLabel: 'Lượt công nhận',
            yFormat: labelFrom(matrix, 'movement_no', 'short_name', true),
          },
          w,
          medium,
        ),
      (w, medium) =>
        progressSpec(
          tableFromArrays({ agency_name: [movements[0]!.name], target: [100], exemplars: Int32Array.from([80]) }),
          { label: 'agency_name', target: 'target', result: 'exemplars', valueLabel: 'Điển hình' },
          w,
          medium,
        ),
      (w) =>
        lineSpec(
          tableFromArrays({ year: Int32Array.from([2021, 2022]), recognitions: Int32Array.from([5, 9]) }),
          { x: 'year', y: 'recognitions', valueLabel: 'Lượt công nhận' },
          w,
        ),
    ];
    for (const spec of specs) {
      const m = await measure(a4Figure(spec, caption, document).text);
      expect(m.texts.length).toBeGreaterThan(5);
      for (const t of m.texts) {
        expect(t.pt, t.text).toBeGreaterThanOrEqual(8);
        for (const line of t.lines) expect(line).not.toMatch(/…$/);
      }
    }
  });
});
