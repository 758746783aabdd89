import type { Writable } from 'node:stream';
import type { ChunkEncoder } from './chunkEncoder.ts';
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
export function createCsvEncoder(out: Writable, headings: string[]): ChunkEncoder {
  out.write(`\uFEFF${headings.map((h) => quote(neutraliseCsvText(h))).join(',')}\r\n`);
  return {
    contentType: CSV_TYPE,
    write(chunk: QueryResult) {
      let text = '';
      for (let row = 0; row < chunk.rowCount; row++) {
        const cells = chunk.columns.map((column) => {
          const value = column.values[row] ?? null;
          const cell = cellText(value, column.kind);
          return quote(column.kind === 'string' ? neutraliseCsvText(cell) : cell);
        });
        text += `${cells.join(',')}\r\n`;
      }
      if (text) out.write(text);
    },
    async end() {
      out.end();
    },
  };
}
