import type { Writable } from 'node:stream';
import type { ChunkEncoder } from './chunkEncoder.ts';
import { cellText, viCellText } from './formatCell.ts';
import { neutraliseCsvText } from './neutraliseFormula.ts';
import type { QueryResult } from './queryResult.ts';

export const CSV_TYPE = 'text/csv; charset=utf-8';

/**
 * `machine` (format=csv): `,` separators, `.` decimals, shares as fractions (0.8125), ISO dates:
 * what programs and scripts read, whatever the reader's locale.
 * `vi` (format=csv-vi): `;` separators, `,` decimals, shares as "81,25%", dd/mm/yyyy dates: what
 * Excel and LibreOffice in a Vietnamese locale open as numbers, percentages and dates (a
 * dotted decimal there stays text, and `,` is their decimal separator, so it cannot also
 * separate fields).
 */
export type CsvDialect = 'machine' | 'vi';

export interface CsvOptions {
  dialect: CsvDialect;
  /** Per output column: true when it holds a share (a fraction of 1). */
  shares: boolean[];
  /** A first line before the headings (the vi dialect's synthetic-data warning), or null. */
  notice: string | null;
}

/**
 * RFC 4180 CSV, CRLF line ends, UTF-8 with a byte-order mark: without the BOM Excel opens
 * UTF-8 as the ANSI code page and Vietnamese turns to mojibake. Text cells that could start a
 * formula get a leading apostrophe; numbers stay numbers (a negative change is -3, not '-3).
 */
export function createCsvEncoder(
  out: Writable,
  headings: string[],
  options: CsvOptions = { dialect: 'machine', shares: [], notice: null },
): ChunkEncoder {
  const separator = options.dialect === 'vi' ? ';' : ',';
  const needsQuotes = options.dialect === 'vi' ? /[";,\r\n]/ : /[",\r\n]/;
  const quote = (text: string) => (needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const notice = options.notice === null ? '' : `${quote(neutraliseCsvText(options.notice))}\r\n`;
  out.write(`\uFEFF${notice}${headings.map((h) => quote(neutraliseCsvText(h))).join(separator)}\r\n`);
  return {
    contentType: CSV_TYPE,
    write(chunk: QueryResult) {
      let text = '';
      for (let row = 0; row < chunk.rowCount; row++) {
        const cells = chunk.columns.map((column, i) => {
          const value = column.values[row] ?? null;
          const cell = options.dialect === 'vi' ? viCellText(value, column.kind, options.shares[i] === true) : cellText(value, column.kind);
          return quote(column.kind === 'string' ? neutraliseCsvText(cell) : cell);
        });
        text += `${cells.join(separator)}\r\n`;
      }
      if (text) out.write(text);
    },
    async end() {
      out.end();
    },
  };
}
