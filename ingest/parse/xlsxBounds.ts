import { problem, type UploadProblem } from './uploadProblem.ts';

/**
 * Bounds on what a workbook may hold, checked while its parts are inflated for the zip-bomb
 * check (inspectXlsxZip), before exceljs builds anything (docs/architecture.md#security). exceljs keeps every
 * shared string in memory and makes an object per cell of a row, so a 13 MB file of 5,000,000
 * shared strings took the service to 5.2 GB, and 16,384 columns × 200 rows to 4.3 GB.
 */
export interface XlsxBounds {
  /** Entries of xl/sharedStrings.xml. */
  maxSharedStrings: number;
  /** Inflated bytes of xl/sharedStrings.xml. */
  maxSharedStringsBytes: number;
  /** Cells of any one row, and the rightmost column a cell may sit in (as in a CSV). */
  maxColumns: number;
  /** Cells of all worksheets together, empty styled cells included. */
  maxCells: number;
}

/**
 * Room for the largest list the service takes (INGEST_MAX_ROWS 100,000 rows of a dozen
 * columns, each row a few distinct texts) with margin; the peak RSS of the service at these
 * bounds is measured by test/ingest-hostile-workbooks.test.ts.
 */
export const DEFAULT_XLSX_BOUNDS: XlsxBounds = {
  maxSharedStrings: 1_000_000,
  maxSharedStringsBytes: 64 * 1048576,
  maxColumns: 200,
  maxCells: 3_000_000,
};

const vi = (n: number) => n.toLocaleString('vi-VN');
const GT = 0x3e;
/** A tag we look into (<c r="XFD1048576" …>) fits in this; a longer unfinished tail is carried only this far. */
const CARRY = 256;

/** Refusal for a workbook beyond a bound: 413, naming the limit in Vietnamese. */
function tooBig(code: string, message: string, details: Record<string, unknown>): UploadProblem {
  return problem(
    code,
    `${message} Danh sách điển hình không cần nhiều như vậy: hãy kiểm tra lại tệp (có thể chọn nhầm tệp), hoặc chép riêng danh sách sang một tệp mới rồi gửi lại.`,
    413,
    details,
  );
}

/** Refuses the shared-strings part by its declared size, before it is inflated. */
export function checkSharedStringsSize(size: number, bounds: XlsxBounds): void {
  if (size > bounds.maxSharedStringsBytes) {
    throw tooBig(
      'XLSX_TOO_MANY_STRINGS',
      `Bảng chuỗi văn bản dùng chung của tệp Excel (sharedStrings) giải nén ra ${vi(Math.ceil(size / 1048576))} MB, vượt giới hạn ${vi(bounds.maxSharedStringsBytes / 1048576)} MB.`,
      { limit: 'maxSharedStringsBytes', value: size, max: bounds.maxSharedStringsBytes },
    );
  }
}

/**
 * A scanner for one part's inflated bytes, fed chunk by chunk; it throws the 413 as soon as a
 * bound is passed, so the rest is never inflated. Null for parts that need no scan.
 */
export function boundsScanner(entryName: string, bounds: XlsxBounds, totals: { cells: number }): ((chunk: Uint8Array) => void) | null {
  let strings = 0;
  // <si> or <si …>: one shared string
  if (entryName === 'xl/sharedStrings.xml')
    return tagScanner([SI], (bytes, at) => {
      if (bytes[at + 3] === GT || bytes[at + 3] === 0x20) {
        if (++strings > bounds.maxSharedStrings) {
          throw tooBig(
            'XLSX_TOO_MANY_STRINGS',
            `Tệp Excel có hơn ${vi(bounds.maxSharedStrings)} chuỗi văn bản dùng chung (sharedStrings), vượt giới hạn ${vi(bounds.maxSharedStrings)}.`,
            { limit: 'maxSharedStrings', max: bounds.maxSharedStrings },
          );
        }
      }
      return true;
    });
  const sheet = /^xl\/worksheets\/sheet\d+\.xml$/.exec(entryName);
  if (!sheet) return null;
  let rowCells = 0;
  let row = 0;
  return tagScanner([CELL, ROW], (bytes, at, end) => {
    const b2 = bytes[at + 2];
    // <row …>: a new row
    if (b2 === 0x6f) {
      if (bytes[at + 4] === 0x20 || bytes[at + 4] === GT) {
        rowCells = 0;
        row++;
      }
      return true;
    }
    // <c>, <c/> or <c …>: a cell (not <col>, <cols>, <cfRule>…)
    if (b2 !== 0x20 && b2 !== GT && b2 !== 0x2f) return true;
    const close = bytes.indexOf(GT, at);
    if (close < 0 || close >= end) return false; // the tag ends in the next chunk
    if (++totals.cells > bounds.maxCells) {
      throw tooBig('XLSX_TOO_MANY_CELLS', `Tệp Excel có hơn ${vi(bounds.maxCells)} ô, vượt giới hạn ${vi(bounds.maxCells)} ô.`, {
        limit: 'maxCells',
        max: bounds.maxCells,
      });
    }
    rowCells++;
    const refAt = cellRefStart(bytes, at, close);
    const column = refAt < 0 ? rowCells : columnAt(bytes, refAt);
    if (column > bounds.maxColumns || rowCells > bounds.maxColumns) {
      const where =
        refAt < 0 ? `dòng ${row}, ô thứ ${rowCells}` : String.fromCharCode(...bytes.subarray(refAt, bytes.indexOf(0x22, refAt)));
      throw tooBig(
        'XLSX_TOO_MANY_COLUMNS',
        `Trang tính ${sheet[0].slice('xl/worksheets/'.length, -4)} có ô ở ${where}, vượt giới hạn ${vi(bounds.maxColumns)} cột của danh sách điển hình.`,
        { limit: 'maxColumns', max: bounds.maxColumns, cell: where },
      );
    }
    return true;
  });
}

const SI = Buffer.from('<si');
const CELL = Buffer.from('<c');
const ROW = Buffer.from('<ro');

/**
 * Calls `onTag(bytes, at, end)` at each start of one of `needles` in the stream (found by
 * Buffer's native search, so the text between is not walked in JavaScript); `onTag` answers
 * false when the tag it reads runs past `end`, and the tail from there is carried into the
 * next chunk.
 */
function tagScanner(needles: Buffer[], onTag: (bytes: Buffer, at: number, end: number) => boolean): (chunk: Uint8Array) => void {
  let carry: Uint8Array = new Uint8Array(0);
  return (chunk) => {
    const joined = carry.length ? concat(carry, chunk) : chunk;
    const bytes = Buffer.from(joined.buffer, joined.byteOffset, joined.byteLength);
    const end = bytes.length;
    const next = needles.map((n) => bytes.indexOf(n));
    let resumeAt = -1;
    for (;;) {
      let k = -1;
      for (let i = 0; i < next.length; i++) if (next[i]! >= 0 && (k < 0 || next[i]! < next[k]!)) k = i;
      if (k < 0) break;
      const at = next[k]!;
      // A tag name needs a few bytes after "<": fewer, and it is read with the next chunk.
      if (end - at < 8 || !onTag(bytes, at, end)) {
        resumeAt = at;
        break;
      }
      next[k] = bytes.indexOf(needles[k]!, at + 1);
    }
    // Without a match pending, a needle may still be cut at the end: keep its first bytes.
    const keepFrom = resumeAt >= 0 ? resumeAt : end - 3;
    carry = bytes.slice(Math.max(keepFrom, end - CARRY, 0));
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Where the value of a <c …> tag's r="B12" starts, or -1 when it has none (Excel may omit it). */
function cellRefStart(bytes: Uint8Array, from: number, to: number): number {
  for (let i = from + 2; i < to - 3; i++) {
    if (
      bytes[i] === 0x72 &&
      bytes[i + 1] === 0x3d &&
      bytes[i + 2] === 0x22 &&
      (bytes[i - 1] === 0x20 || bytes[i - 1] === 0x09 || bytes[i - 1] === 0x0a || bytes[i - 1] === 0x0d)
    )
      return i + 3;
  }
  return -1;
}

/** The column number of the cell reference starting at `at` ("XFD7" → 16384), from its letters. */
function columnAt(bytes: Uint8Array, at: number): number {
  let n = 0;
  for (let i = at; i < at + 8; i++) {
    const b = bytes[i]! & 0xdf; // upper case
    if (b < 65 || b > 90) break;
    n = n * 26 + (b - 64);
  }
  return n;
}

/** "A" → 1, "XFD7" → 16384. */
export function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}
