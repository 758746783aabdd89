// Chart snapshot tests: each chart kind's Plot spec, rendered from a small fixture Arrow table
// to SVG in Node (jsdom provides the document), compared with the committed SVG under
// test/fixtures/charts/ (Observable Plot's own test/plots approach).
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import * as Plot from '@observablehq/plot';
import { tableFromArrays, type Table } from 'apache-arrow';
import { barSpec } from '../dashboard/app/charts/barSpec.ts';
import { lineSpec } from '../dashboard/app/charts/lineSpec.ts';
import { heatmapSpec } from '../dashboard/app/charts/heatmapSpec.ts';
import { progressSpec } from '../dashboard/app/charts/progressSpec.ts';
import { labelFrom } from '../dashboard/app/lib/labels.ts';
import { yearFormat } from '../dashboard/app/charts/theme.ts';

function render(spec: Plot.PlotOptions): string {
  const { document } = new JSDOM('<!doctype html><html><body></body></html>').window;
  const node = Plot.plot({ ...spec, width: 640, document }) as unknown as Element;
  return node.outerHTML.replace(/></g, '>\n<') + '\n';
}

// Shaped like the reporting service's answers (counts are INTEGER columns).
const byYear: Table = tableFromArrays({
  year: Int32Array.from([2021, 2022, 2023, 2024, 2025]),
  recognitions: Int32Array.from([1180, 1342, 1405, 1561, 1720]),
  exemplars: Int32Array.from([1100, 1250, 1300, 1432, 1600]),
});

const byMovement: Table = tableFromArrays({
  movement_no: Int32Array.from([1, 3, 8, 15]),
  short_name: ['Học tập và làm theo Bác', 'Y tế: phục vụ người bệnh, chống Covid-19', 'Không còn đói nghèo', 'Đổi mới dạy và học'],
  recognitions: Int32Array.from([320, 1204, 0, 845]),
});

const matrix: Table = tableFromArrays({
  movement_no: Int32Array.from([3, 3, 3, 8, 8, 8]),
  short_name: ['Y tế', 'Y tế', 'Y tế', 'Không còn đói nghèo', 'Không còn đói nghèo', 'Không còn đói nghèo'],
  year: Int32Array.from([2021, 2022, 2023, 2021, 2022, 2023]),
  recognitions: Int32Array.from([120, 0, 310, 45, 60, 1875]),
});

const targets: Table = tableFromArrays({
  agency_name: ['Sở Y tế', 'Huyện Khoái Châu', 'Sở Giáo dục và Đào tạo'],
  target: [400, 250, null], // no plan: the service answers NULL
  exemplars: Int32Array.from([312, 275, 40]),
});

const trendBySeries: Table = tableFromArrays({
  year: Int32Array.from([2021, 2022, 2023, 2021, 2022, 2023]),
  series: ['Phong trào 3', 'Phong trào 3', 'Phong trào 3', 'Phong trào 15', 'Phong trào 15', 'Phong trào 15'],
  recognitions: Int32Array.from([100, 150, 130, 80, 90, 160]),
});

describe('chart specs render to the committed SVG', () => {
  it('bar by year (vertical, years without thousands separators, vi-VN counts)', async () => {
    const svg = render(
      barSpec(byYear, {
        category: 'year',
        value: 'recognitions',
        orientation: 'vertical',
        valueLabel: 'Lượt công nhận',
        categoryFormat: yearFormat,
      }),
    );
    expect(svg).toContain('>2021<');
    expect(svg).toContain('1.720'); // vi-VN thousands separator
    await expect(svg).toMatchFileSnapshot('./fixtures/charts/bar-by-year.svg');
  });

  it('bar by movement (horizontal, sorted, labelled from the Arrow columns)', async () => {
    const svg = render(
      barSpec(byMovement, {
        category: 'movement_no',
        value: 'recognitions',
        orientation: 'horizontal',
        valueLabel: 'Lượt công nhận',
        sortByValue: true,
        categoryFormat: labelFrom(byMovement, 'movement_no', 'short_name', true),
        marginLeft: 300,
      }),
    );
    expect(svg).toContain('3. Y tế: phục vụ người bệnh, chống Covid-19');
    expect(svg.indexOf('3. Y tế')).toBeLessThan(svg.indexOf('15. Đổi mới dạy và học')); // highest first
    await expect(svg).toMatchFileSnapshot('./fixtures/charts/bar-by-movement.svg');
  });

  it('line trend, one series and several (dash patterns, names at line ends)', async () => {
    const one = render(lineSpec(byYear, { x: 'year', y: 'exemplars', valueLabel: 'Điển hình' }));
    expect(one).toContain('1.432');
    await expect(one).toMatchFileSnapshot('./fixtures/charts/line-trend.svg');
    const several = render(lineSpec(trendBySeries, { x: 'year', y: 'recognitions', valueLabel: 'Lượt công nhận', series: 'series' }));
    expect(several).toContain('stroke-dasharray="6 3"');
    expect(several).toContain('Phong trào 15');
    await expect(several).toMatchFileSnapshot('./fixtures/charts/line-series.svg');
  });

  it('heat map movement × year (sequential classes, every cell numbered)', async () => {
    const svg = render(
      heatmapSpec(matrix, {
        x: 'year',
        y: 'movement_no',
        value: 'recognitions',
        valueLabel: 'Lượt công nhận',
        yFormat: labelFrom(matrix, 'movement_no', 'short_name', true),
      }),
    );
    expect(svg).toContain('1.875');
    expect(svg).toContain('>0<'); // a movement with no exemplars in a year is a 0, not a gap
    await expect(svg).toMatchFileSnapshot('./fixtures/charts/heatmap-movement-year.svg');
  });

  it('progress against target (share written, an agency without target said so)', async () => {
    const svg = render(progressSpec(targets, { label: 'agency_name', target: 'target', result: 'exemplars', valueLabel: 'Điển hình' }));
    expect(svg).toContain('312/400 · 78');
    expect(svg).toContain('không có chỉ tiêu');
    await expect(svg).toMatchFileSnapshot('./fixtures/charts/progress-vs-target.svg');
  });
});
