// Fuzzing the upload path (hostile and broken input: docs/architecture.md#security). Fixed seeds and bounded run
// counts, so every run tries the same inputs. Two levels:
//  - the parsing helpers on their own (many cheap cases): they return a value or throw an
//    UploadProblem, never anything else;
//  - whole uploads through the ingest app in-process (CSV, JSON, XLSX; well-formed, broken
//    and random): never a 500, never slower than a bound, every refusal a 4xx with
//    {error: {code, message}} or a 422 row report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import {
  countLines,
  decodeNonUtf8,
  decodeWindows1258,
  detectCsvEncoding,
  fillBlankLines,
  hasBlankLines,
  hasUnbalancedQuotes,
  normaliseLineEnds,
  scanLines,
} from '../ingest/parse/decodeCsv.ts';
import { detectFileType } from '../ingest/parse/detectFileType.ts';
import { inspectXlsxZip } from '../ingest/parse/inspectZip.ts';
import { readZipDirectory } from '../ingest/parse/readZipDirectory.ts';
import { matchHeaderRow, parseExplicitMapping, FIELDS } from '../ingest/parse/headerMap.ts';
import { cellText } from '../ingest/parse/cellText.ts';
import { parseMergeRanges } from '../ingest/parse/mergedCells.ts';
import { UploadProblem } from '../ingest/parse/uploadProblem.ts';
import { HEADER, harness, type Harness } from './ingest-helpers.ts';

const SEED = 7_2025;
/** No single upload may take longer than this (the largest generated file is a few MB). */
const CASE_MS = 10_000;
const tried: Record<string, number> = {};
/** Answers seen per form and status/code: shows the fuzz reaches past the first checks. */
const outcomes: Record<string, number> = {};

// Control characters, noncharacters and lone surrogates are refused row by row (never stored).
const TRICKY = [
  '\u200B',
  '\u202E',
  '\u2066',
  '\uFEFF',
  '\u00A0',
  '\u0301',
  '\u0323',
  'đ',
  'Ư',
  'ố',
  '"',
  "'",
  ',',
  ';',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '=',
  '+',
  '-',
  '@',
  '<',
  '>',
  '&',
  '\\',
  '😀',
  'א',
  '\u0000',
  '\u0001',
  '\u000B',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009F',
  '\uFFFF',
  '\uD800',
  '\uDC00',
];
const tricky = fc.array(fc.constantFrom(...TRICKY, 'a', 'B', '1', ' '), { maxLength: 30 }).map((a) => a.join(''));
const VALID = [
  'Cá nhân',
  'Tập thể',
  'Hộ gia đình',
  'ca nhan',
  'TẬP THỂ',
  '15',
  '3',
  '8',
  'Phong trào thi đua số 15',
  '2021',
  '2023',
  '2025',
  '2019',
  '5/6/2023',
  '31/02/2023',
  '2023-06-05',
  '1/QĐ-UBND',
  'Nguyễn Văn An',
  'Trường THCS Lê Quý Đôn',
];
const cell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VALID) },
  { weight: 3, arbitrary: tricky },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '""', 'NULL') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 300_000 }).map((n) => 'Đ'.repeat(n)) }, // huge fields
);
const headerCells = fc.oneof(
  { weight: 4, arbitrary: fc.constant(HEADER) },
  { weight: 1, arbitrary: fc.shuffledSubarray([...HEADER, 'Phân loại', 'Khâu', 'Hình thức', 'Mã điển hình', 'Ghi chú'], { minLength: 1 }) },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HEADER, 'Họ và tên', 'Năm') }, { weight: 1, arbitrary: tricky }),
      { minLength: 1, maxLength: 14 },
    ),
  },
);
/** A row that should be accepted, with hostile text in the name and unit. */
const goodRow = fc
  .record({
    name: fc.oneof(
      fc.constantFrom('Nguyễn Văn An', 'Trần Thị Bình', 'Trường THCS Lê Quý Đôn'),
      fc.tuple(tricky, fc.constantFrom('An', 'Bình', 'Cường')).map(([t, n]) => `${t}${n}`),
    ),
    kind: fc.constantFrom('Cá nhân', 'Tập thể', 'ca nhan', 'TẬP THỂ'),
    unit: fc.oneof(tricky, fc.constantFrom('Sở Y tế', '')),
    movement: fc
      .integer({ min: 1, max: 20 })
      .filter((m) => m !== 8)
      .map(String),
    year: fc.constantFrom('2021', '2022', '2023', '2024', '2025'),
    no: fc.constantFrom('1/QĐ', '', '12/QĐ-UBND'),
    date: fc.constantFrom('5/6/2023', '', '2023-06-05'),
  })
  .map((r) => ['1', r.name, r.kind, r.unit, r.movement, r.year, r.no, r.date]);
const rows = fc.array(fc.oneof({ weight: 3, arbitrary: goodRow }, { weight: 1, arbitrary: fc.array(cell, { maxLength: 16 }) }), {
  maxLength: 25,
});

/** Form fields a client might send beside the file: mostly sensible, sometimes not. */
const fields = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      { dry_run: fc.constantFrom('1', '0'), accept_partial: fc.constantFrom('1', '0'), year: fc.constantFrom('2023', '') },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record(
      {
        dry_run: fc.constantFrom('1', '0', 'yes', 'x'),
        year: fc.constantFrom('2023', '1999', 'năm', '2023.5'),
        mapping: fc.oneof(
          fc.constant('{"name":"Họ và tên"}'),
          fc.constant('[1,2]'),
          fc.constant('{"x":1}'),
          fc.string({ maxLength: 20 }),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        ),
      },
      { requiredKeys: [] },
    ),
  },
);

/**
 * Text as Excel on Vietnamese Windows writes it in code page 1258: letters with a vowel mark
 * precomposed (â, ư, ơ…), tone marks as separate combining characters.
 */
function toCp1258(text: string): Buffer {
  const split = text.normalize('NFD').replace(/(\P{M})(\p{M}*)/gu, (_m, base: string, marks: string) => {
    const tones = [...marks].filter((c) => '\u0300\u0301\u0303\u0309\u0323'.includes(c)).join('');
    const rest = [...marks].filter((c) => !tones.includes(c)).join('');
    return (base + rest).normalize('NFC') + tones;
  });
  return iconv.encode(split, 'windows-1258');
}

function quoteCsv(c: string, delim: string): string {
  return c.includes(delim) || c.includes('"') || c.includes('\n') || c.includes('\r') ? `"${c.replaceAll('"', '""')}"` : c;
}

const csvFile = fc
  .record({
    header: headerCells,
    rows,
    titleRows: fc.array(fc.array(tricky, { maxLength: 3 }), { maxLength: 3 }),
    delim: fc.constantFrom(',', ';', '\t'),
    encoding: fc.constantFrom('utf8', 'bom', 'cp1258', 'utf16le', 'utf16be'),
    eol: fc.constantFrom('\r\n', '\n', '\r', 'mixed'),
    cut: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.double({ min: 0.05, max: 0.99, noNaN: true }) }),
    blankLines: fc.boolean(),
  })
  .map(({ header, rows, titleRows, delim, encoding, eol, cut, blankLines }) => {
    const lines = [...titleRows, header, ...rows].map((r) => r.map((c) => quoteCsv(c, delim)).join(delim));
    const end = (i: number) => (eol !== 'mixed' ? eol : i % 3 ? '\n' : '\r\n');
    let text = lines.map((l, i) => l + end(i) + (blankLines ? end(i + 1) : '')).join('');
    if (cut !== null) text = text.slice(0, Math.floor(text.length * cut));
    if (encoding === 'cp1258') return new Uint8Array(toCp1258(text));
    // Excel's "Unicode Text": UTF-16 with a BOM (big-endian: the same code units, bytes swapped).
    if (encoding === 'utf16le' || encoding === 'utf16be') {
      const units = Buffer.from(`\uFEFF${text}`, 'utf16le');
      return new Uint8Array(encoding === 'utf16be' ? units.swap16() : units);
    }
    return new Uint8Array(Buffer.from((encoding === 'bom' ? '\uFEFF' : '') + text, 'utf8'));
  });

const jsonValue = fc.oneof(
  fc.constantFrom(...VALID),
  tricky,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
);
const jsonRecord = fc.record(
  {
    name: jsonValue,
    kind: jsonValue,
    movement: jsonValue,
    year: jsonValue,
    unit: jsonValue,
    decision_date: jsonValue,
    code: jsonValue,
    __proto__: jsonValue,
    constructor: jsonValue,
    'Họ và tên': jsonValue,
  },
  { requiredKeys: [] },
);
const jsonFile = fc
  .oneof(
    { weight: 5, arbitrary: fc.array(jsonRecord, { maxLength: 30 }).map((r) => JSON.stringify(r)) },
    { weight: 2, arbitrary: fc.array(jsonRecord, { maxLength: 10 }).map((r) => JSON.stringify({ records: r })) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)) },
    // Deep nesting, arrays and objects, far past any sane depth.
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 5, max: 200_000 }), fc.boolean())
        .map(([n, arr]) => (arr ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n))),
    },
    // A huge string where the name goes.
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 100_000, max: 1_000_000 })
        .map((n) => JSON.stringify([{ name: 'ư'.repeat(n), kind: 'Cá nhân', movement: 15, year: 2023 }])),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"records": "x"}',
        '[1,2,3]',
        '"chuỗi"',
        'null',
        '[[1,2]]',
        '{',
        '[{"name": "A"',
        '{"__proto__": {"name": "x"}}',
        '[{"__proto__": {"polluted": 1}, "name": "A", "kind": "Cá nhân", "movement": 15, "year": 2023}]',
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `[${s}`) },
  )
  .map((t) => new Uint8Array(Buffer.from(t, 'utf8')));

type CellValue = ExcelJS.CellValue;
const xlsxCell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...VALID) },
  { weight: 2, arbitrary: tricky.map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')) },
  // How Excel writes what XML cannot hold (exceljs's writer drops it): _xHHHH_.
  { weight: 1, arbitrary: fc.constantFrom('Tên_x0000_lỗi', '_x0001_', 'a_xD800_b', 'Tổ _x005F_x0041_ số 1', '_x001B_[31m') },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-03-01'), max: new Date('2100-01-01'), noInvalidDate: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  {
    weight: 1,
    arbitrary: fc.constantFrom<CellValue>(
      { formula: 'A1+1', result: 7 },
      { formula: 'HYPERLINK("http://x","bấm")', result: 'bấm' },
      { formula: '1/0', result: { error: '#DIV/0!' } },
      { error: '#N/A' },
      { richText: [{ text: 'Nguyễn ' }, { text: 'Văn An', font: { bold: true } }] },
      { text: 'liên kết', hyperlink: 'http://x' },
      null,
    ),
  },
);
const xlsxBook = fc.record({
  header: headerCells,
  rows: fc.array(
    fc.oneof({ weight: 3, arbitrary: goodRow.map((r): CellValue[] => r) }, { weight: 1, arbitrary: fc.array(xlsxCell, { maxLength: 14 }) }),
    { maxLength: 20 },
  ),
  merge: fc.boolean(),
  sheet: fc.constantFrom('DS', 'Danh sách', 'Sheet1', "A'B"),
});

async function buildXlsx(b: { header: string[]; rows: CellValue[][]; merge: boolean; sheet: string }): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(b.sheet);
  sheet.addRow(b.header);
  for (const r of b.rows) sheet.addRow(r);
  if (b.merge && b.rows.length >= 3) sheet.mergeCells(2, 5, 4, 5);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Every answer: < 500, in time, and a refusal says what is wrong. */
function expectClearAnswer(res: { status: number; body: any }, ms: number, what: string): void {
  expect(ms, `${what}: took ${ms} ms`).toBeLessThan(CASE_MS);
  expect([200, 201, 400, 403, 413, 415, 422], `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).toContain(res.status);
  if (res.status < 400) return;
  if (res.body.error) {
    expect(res.body.error.code, what).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(typeof res.body.error.message, what).toBe('string');
    expect(res.body.error.message.length, what).toBeGreaterThan(5);
  } else {
    expect(res.status, what).toBe(422);
    expect(res.body.status, what).toBe('rows_refused');
    expect(res.body.refused.length, what).toBeGreaterThan(0);
    for (const r of res.body.refused) expect(typeof r.code === 'string' && typeof r.message === 'string', what).toBe(true);
  }
}

describe('parsing helpers on random input', () => {
  const params = { seed: SEED, numRuns: 500 };
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    csvFile,
    jsonFile.filter((b) => b.length < 100_000),
  );
  const onlyProblems = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      expect(error).toBeInstanceOf(UploadProblem);
    }
  };

  it('CSV decoding never throws; cp1258 decodes to NFC; filled blank lines keep the line count', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom(',', ';', '\t'), (b, delim) => {
        tried.helpers = (tried.helpers ?? 0) + 1;
        const buf = Buffer.from(b);
        const { encoding, bomLength } = detectCsvEncoding(buf);
        expect(bomLength).toBe(encoding === 'utf-8-bom' ? 3 : encoding.startsWith('utf-16') ? 2 : 0);
        const text = decodeWindows1258(buf);
        expect(text.normalize('NFC')).toBe(text);
        if (encoding === 'utf-16le' || encoding === 'utf-16be') {
          const wide = decodeNonUtf8(buf, encoding);
          expect(wide.normalize('NFC')).toBe(wide);
          expect(/\p{Cs}/u.test(wide)).toBe(false); // lone surrogates carried as a refused mark, never as U+FFFD
        }
        expect(countLines(buf)).toBeGreaterThanOrEqual(1);
        // The one-pass scan agrees with the plain definitions.
        const scan = scanLines(buf);
        expect(scan.lines).toBe(buf.toString('latin1').split('\n').length);
        expect(scan.blankLines).toBe(hasBlankLines(buf));
        const crlf = buf.toString('latin1').split('\r\n').length - 1;
        const lf = scan.lines - 1;
        expect(scan.endings).toBe(lf === 0 ? (buf.includes(13) ? 'cr' : 'lf') : crlf === 0 ? 'lf' : crlf === lf ? 'crlf' : 'mixed');
        expect(normaliseLineEnds(buf.toString('latin1'))).not.toMatch(/\r/);
        hasUnbalancedQuotes(buf);
        if (hasBlankLines(buf))
          expect(fillBlankLines(buf.toString('utf8'), delim).split('\n').length).toBe(buf.toString('utf8').split('\n').length);
      }),
      params,
    );
  });

  it('file type detection and the zip check only ever throw an UploadProblem', () => {
    const zipish = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((b) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...b])),
      fc
        .uint8Array({ maxLength: 400 })
        .map((b) => zipSync({ 'xl/workbook.xml': b, '[Content_Types].xml': new Uint8Array(b.slice(0, 10)) })),
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.nat(255)).map(([b, at, v]) => {
        const z = zipSync({ 'xl/workbook.xml': [b, { level: 6 }], 'xl/worksheets/sheet1.xml': b });
        z[at % z.length] = v; // one corrupted byte anywhere
        return z;
      }),
    );
    fc.assert(
      fc.property(fc.oneof(bytes, zipish), fc.constantFrom('a.csv', 'a.xlsx', 'a.json', 'a'), (b, name) => {
        tried.helpers = (tried.helpers ?? 0) + 1;
        onlyProblems(() => detectFileType(b, name));
        onlyProblems(() => inspectXlsxZip(b, { maxUncompressedBytes: 200 * 1048576, maxRatio: 100 }));
        try {
          readZipDirectory(b);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      params,
    );
  });

  it('header mapping, the mapping field, cell text and merged ranges never throw', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(tricky, fc.string({ unit: 'binary' })), { maxLength: 40 }),
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.anything(),
        fc.string({ unit: 'binary' }),
        (cells, mapping, anything, xml) => {
          tried.helpers = (tried.helpers ?? 0) + 1;
          const parsed = parseExplicitMapping(mapping);
          const explicit = 'error' in parsed && typeof parsed.error === 'string' ? {} : (parsed as Record<string, string>);
          const match = matchHeaderRow(cells, explicit);
          for (const f of Object.keys(match.columns)) expect(FIELDS).toContain(f);
          const t = cellText(anything);
          expect(t === null || typeof t === 'string').toBe(true);
          parseMergeRanges(`<mergeCell ref="${xml}"/>${xml}`);
        },
      ),
      params,
    );
  });
});

describe('uploads through the ingest app', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => {
    h.close();
    console.log(`fuzz inputs tried: ${JSON.stringify(tried)}\noutcomes: ${JSON.stringify(outcomes, null, 1)}`);
  });

  async function send(kind: string, bytes: Uint8Array, name: string, form: Record<string, string>, token?: string): Promise<void> {
    tried[kind] = (tried[kind] ?? 0) + 1;
    const t0 = performance.now();
    const res = await h.upload({ name, bytes }, form, token);
    expectClearAnswer(res, performance.now() - t0, `${kind} ${name} ${JSON.stringify(form)}`);
    const key = `${kind} ${res.status} ${res.body.error?.code ?? res.body.status}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }

  it('CSV: well-formed, broken, re-encoded and random files', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 5, arbitrary: csvFile }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4000 }) }),
        fields,
        fc.constantFrom('ds.csv', 'ds.txt', 'ds'),
        async (bytes, form, name) => {
          await send('csv', bytes, name, form);
        },
      ),
      { seed: SEED, numRuns: 120 },
    );
  }, 120_000);

  it('JSON: record arrays, wrong shapes, deep nesting, huge strings, prototype keys', async () => {
    await fc.assert(
      fc.asyncProperty(jsonFile, fields, async (bytes, form) => {
        await send('json', bytes, 'ds.json', form);
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('XLSX: random cell contents, corrupted bytes, and random bytes behind a zip header', async () => {
    const corrupt = fc
      .tuple(
        xlsxBook,
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        fc.oneof(fc.constant(null), fc.double({ min: 0.1, max: 0.99, noNaN: true })),
      )
      .map(([b, flips, cut]) => ({ b, flips, cut }));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: xlsxBook.map((b) => ({ b, flips: [] as [number, number][], cut: null as number | null })) },
          { weight: 2, arbitrary: corrupt },
          { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((r) => ({ raw: r })) },
        ),
        fields,
        async (input, form) => {
          let bytes: Uint8Array;
          if ('raw' in input) bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...input.raw]);
          else {
            bytes = await buildXlsx(input.b);
            for (const [at, v] of input.flips) bytes[4 + (at % (bytes.length - 4))] = v;
            if (input.cut !== null) bytes = bytes.slice(0, Math.max(4, Math.floor(bytes.length * input.cut)));
          }
          await send('xlsx', bytes, 'ds.xlsx', form);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  }, 120_000);

  it('the service still answers and its data is consistent after all of that', async () => {
    const res = await h.app.request('/health');
    expect(res.status).toBe(200);
    // Every committed batch has exactly the recognitions it reported accepting.
    const off = await h.count(`SELECT count(*) FROM ingest_batches b WHERE b.status = 'committed' AND b.kind = 'recognitions'
      AND b.rows_accepted <> (SELECT count(*) FROM recognitions r WHERE r.batch_id = b.id) + (SELECT count(*) FROM recognitions_history r WHERE r.batch_id = b.id)`);
    expect(off).toBe(0);
    // No control character or noncharacter was stored (a lone surrogate would be U+FDD0 + its code: refused too).
    const bad = `'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\x{FDD0}-\\x{FDEF}\\x{FFFE}\\x{FFFF}]'`;
    expect(await h.count(`SELECT count(*) FROM exemplars WHERE regexp_matches(name || unit || coalesce(code, ''), ${bad})`)).toBe(0);
    expect(await h.count(`SELECT count(*) FROM recognitions WHERE regexp_matches(coalesce(decision_no, ''), ${bad})`)).toBe(0);
  });
});
