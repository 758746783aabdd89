import { cellText } from './formatCell.ts';
import { neutraliseCsvText } from './neutraliseFormula.ts';
import type { QueryResult } from './queryResult.ts';

export const CSV_TYPE = 'text/csv; charset=utf-8';

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * RFC 4180 CSV, CRLF line ends, UTF-8 with a byte-order mark: without the BOM Excel opens
 * UTF-8 as the ANSI code page and Vietnamese turns to mojibake. Text cells that could start a
 * formula get a leading apostrophe; numbers stay numbers (a negative change is -3, not '-3).
 */
export function encodeCsv(result: QueryResult, headings: string[]): Uint8Array {
  const lines = [headings.map((h) => quote(neutraliseCsvText(h))).join(',')];
  for (let row = 0; row < result.rowCount; row++) {
    const cells = result.columns.map((column) => {
      const value = column.values[row] ?? null;
      const text = cellText(value, column.kind);
      return quote(column.kind === 'string' ? neutraliseCsvText(text) : text);
    });
    lines.push(cells.join(','));
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}
