import { describe, expect, it } from 'vitest';
import { boundsScanner, columnNumber, DEFAULT_XLSX_BOUNDS, type XlsxBounds } from '../ingest/parse/xlsxBounds.ts';
import { UploadProblem } from '../ingest/parse/uploadProblem.ts';

// The scanner sees the inflated parts in chunks of whatever size the inflater gives: a tag
// cut between two chunks must count once, whatever the cut.
const enc = new TextEncoder();
function feed(name: string, xml: string, chunk: number, bounds: Partial<XlsxBounds>): string | null {
  const scan = boundsScanner(name, { ...DEFAULT_XLSX_BOUNDS, ...bounds }, { cells: 0 })!;
  const bytes = enc.encode(xml);
  try {
    for (let at = 0; at < bytes.length; at += chunk) scan(bytes.subarray(at, at + chunk));
  } catch (error) {
    if (error instanceof UploadProblem) return error.value.code;
    throw error;
  }
  return null;
}

const sheet = (rows: string[]) =>
  `<?xml version="1.0"?><worksheet><cols><col min="1" max="3"/></cols><sheetData>${rows.join('')}</sheetData></worksheet>`;
const cells = (n: number, r: number, refs: boolean) =>
  `<row r="${r}">${Array.from({ length: n }, (_, i) => (refs ? `<c r="${String.fromCharCode(65 + (i % 26))}${r}" t="n"><v>${i}</v></c>` : `<c><v>${i}</v></c>`)).join('')}</row>`;

describe('ingest: workbook bounds scanner', () => {
  it('counts every cell and shared string once, however the bytes are cut', () => {
    const xml = sheet(Array.from({ length: 7 }, (_, r) => cells(5, r + 1, r % 2 === 0)));
    const strings = `<sst>${Array.from({ length: 40 }, (_, i) => `<si><t>chuỗi ${i}</t></si>`).join('')}<si ><t>x</t></si></sst>`;
    for (const chunk of [1, 2, 3, 5, 7, 8, 13, 64, 100_000]) {
      expect(feed('xl/worksheets/sheet1.xml', xml, chunk, { maxCells: 35 }), `cells, chunk ${chunk}`).toBeNull();
      expect(feed('xl/worksheets/sheet1.xml', xml, chunk, { maxCells: 34 }), `cells, chunk ${chunk}`).toBe('XLSX_TOO_MANY_CELLS');
      expect(feed('xl/sharedStrings.xml', strings, chunk, { maxSharedStrings: 41 }), `strings, chunk ${chunk}`).toBeNull();
      expect(feed('xl/sharedStrings.xml', strings, chunk, { maxSharedStrings: 40 }), `strings, chunk ${chunk}`).toBe(
        'XLSX_TOO_MANY_STRINGS',
      );
    }
  });

  it('refuses a cell right of the column bound, by its reference or by its count in the row', () => {
    for (const chunk of [1, 3, 9, 4096]) {
      expect(
        feed('xl/worksheets/sheet1.xml', sheet([`<row r="1"><c r="A1"/><c r="GR1"><v>1</v></c></row>`]), chunk, {}),
        `GR, chunk ${chunk}`,
      ).toBeNull();
      expect(
        feed('xl/worksheets/sheet1.xml', sheet([`<row r="1"><c r="A1"/><c r="GS1"><v>1</v></c></row>`]), chunk, {}),
        `GS, chunk ${chunk}`,
      ).toBe('XLSX_TOO_MANY_COLUMNS');
      expect(feed('xl/worksheets/sheet2.xml', sheet([cells(10, 1, false)]), chunk, { maxColumns: 10 })).toBeNull();
      expect(feed('xl/worksheets/sheet2.xml', sheet([cells(11, 1, false)]), chunk, { maxColumns: 10 })).toBe('XLSX_TOO_MANY_COLUMNS');
    }
    expect(columnNumber('GR')).toBe(200);
    expect(columnNumber('XFD1048576')).toBe(16_384);
    expect(boundsScanner('xl/styles.xml', DEFAULT_XLSX_BOUNDS, { cells: 0 })).toBeNull();
  });
});
