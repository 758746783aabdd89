import type { ReportTable } from './reportModel.ts';

/**
 * Column widths for a report table, sized by content: each column gets a share of `total`
 * in proportion to its longest cell (and its header's longest word, since headers wrap),
 * within a floor so a short column ("TT", a count) still fits its header and a cap so one long
 * name does not starve the others. Word gives every column the same width otherwise, so "TT"
 * was as wide as the agency name.
 */
export function columnWidths(t: Pick<ReportTable, 'columns' | 'rows'>, total: number): number[] {
  const weights = t.columns.map((c, i) => {
    const headerWord = Math.max(...c.label.split(/\s+/).map((w) => w.length));
    const cells = Math.max(0, ...t.rows.map((r) => (r[i] ?? '').length));
    return Math.min(40, Math.max(3, headerWord, cells));
  });
  const sum = weights.reduce((s, w) => s + w, 0);
  const widths = weights.map((w) => Math.floor((w / sum) * total));
  widths[widths.length - 1]! += total - widths.reduce((s, w) => s + w, 0); // rounding into the last column
  return widths;
}
