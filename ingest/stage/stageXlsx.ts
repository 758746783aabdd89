import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { mergeSubHeader, type Field, type HeaderMatch } from '../parse/headerMap.ts';
import { cellText } from '../parse/cellText.ts';
import { mergeCellsXml, parseMergeRanges, VerticalMergeFiller } from '../parse/mergedCells.ts';
import { escapeXlsxText } from '../parse/escapeXlsxText.ts';
import { problem } from '../parse/uploadProblem.ts';
import { inferColumns, SAMPLE_ROWS, type InferredColumns } from '../parse/inferColumns.ts';
import { StagingAppender } from './stagingTable.ts';
import { HEADER_SEARCH_ROWS, findHeader, headerNotFound, requireColumns } from './findHeader.ts';
import type { StagedUpload, StageLimits } from './stagedUpload.ts';

/**
 * Streams the workbook with exceljs's WorkbookReader (the in-memory loader needs gigabytes
 * for a large workbook: docs/architecture.md#duckdb-facts-measured-here). The list is the first worksheet with a header
 * among its first rows (a cover or instructions sheet before it is skipped and named in the
 * report); every later row of it goes to the staging table, with a row cap. A second sheet
 * with a header refuses the file: one list per file, and a list left unread would be lost
 * without anyone noticing.
 */
/** Columns a row may reach; inspectXlsxZip refuses wider workbooks before they are read, this is the last guard. */
type XlsxStageLimits = StageLimits & { maxColumns?: number };

export async function stageXlsx(
  conn: DuckDBConnection,
  bytes: Uint8Array,
  explicit: Partial<Record<Field, string>>,
  yearFromForm: boolean,
  limits: XlsxStageLimits,
): Promise<StagedUpload> {
  let escaped: ReturnType<typeof escapeXlsxText>;
  try {
    escaped = escapeXlsxText(bytes);
  } catch (error) {
    throw problem('FILE_TRUNCATED', 'Tệp Excel bị hỏng hoặc không đầy đủ: hãy lưu lại và gửi lại.', 400, { reason: String(error) });
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(inChunks(escaped.zip)), {
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let staged: StagedUpload | null = null;
  let sheets = 0;
  const skipped: string[] = [];
  try {
    for await (const item of reader) {
      const sheet = item as unknown as SheetReader;
      const name = sheet.name ?? `Trang ${sheet.id}`;
      sheets++;
      if (staged) {
        if (await hasHeader(sheet, explicit)) {
          throw problem(
            'MULTIPLE_LISTS',
            `Tệp có danh sách ở nhiều trang tính ("${staged.sheet ?? 'Trang 1'}" và "${name}"): mỗi tệp chỉ nhận một danh sách. Hãy lưu mỗi trang thành một tệp riêng rồi gửi từng tệp.`,
            422,
            { sheets: [staged.sheet ?? null, name] },
          );
        }
        skipped.push(name);
        continue;
      }
      staged = await stageSheet(conn, sheet, escaped.entries, explicit, yearFromForm, limits);
      if (!staged) skipped.push(name);
    }
  } catch (error) {
    if (error instanceof Error && 'value' in error) throw error;
    throw problem('FILE_UNREADABLE', 'Không đọc được bảng tính Excel (tệp hỏng hoặc không đầy đủ).', 400, {
      reason: String(error).split('\n')[0],
    });
  }
  if (sheets === 0) throw problem('FILE_UNREADABLE', 'Bảng tính không có trang tính nào.', 400);
  if (!staged) headerNotFound();
  return skipped.length > 0 ? { ...staged, skippedSheets: skipped } : staged;
}

/** Reads a sheet to its end and says whether a header row is among its first rows. */
async function hasHeader(sheet: SheetReader, explicit: Partial<Record<Field, string>>): Promise<boolean> {
  let found = false;
  let seen = 0;
  for await (const row of sheet) {
    if (found || ++seen > HEADER_SEARCH_ROWS) continue; // the reader needs the sheet read through
    found = findHeader([toCells(row.values).map((c) => c ?? '')], explicit) !== null;
  }
  return found;
}

interface SheetReader extends AsyncIterable<{ number: number; values: unknown[] }> {
  id: number;
  name?: string;
}

/** Stages the sheet's rows below its header; null (the sheet read through) when it has no header. */
async function stageSheet(
  conn: DuckDBConnection,
  sheet: SheetReader,
  entries: Record<string, Uint8Array>,
  explicit: Partial<Record<Field, string>>,
  yearFromForm: boolean,
  limits: XlsxStageLimits,
): Promise<StagedUpload | null> {
  const xml = entries[`xl/worksheets/sheet${sheet.id}.xml`];
  const filler = new VerticalMergeFiller(xml ? parseMergeRanges(mergeCellsXml(xml)) : []);
  const buffered: { number: number; cells: (string | null)[] }[] = [];
  let header: { index: number; match: HeaderMatch } | null = null;
  // The row after the header may be a sub-header (mergeSubHeader): the header is settled,
  // and the rows staged, only once that row has been seen.
  let settled = false;
  let subHeaderRow: number | null = null;
  let appender: StagingAppender | null = null;
  let inferred: InferredColumns | null = null;
  // The first rows under the header are held back until they decide what each column holds
  // (inferColumns), then staged with the rest.
  const sample: { number: number; cells: (string | null)[] }[] = [];
  let count = 0;
  const settle = (match: HeaderMatch) => {
    header!.match = match;
    settled = true;
  };
  const begin = async () => {
    inferred = inferColumns(
      buffered[header!.index]!.cells,
      header!.match,
      sample.map((r) => r.cells),
      explicit,
    );
    header!.match = inferred.match;
    requireColumns(header!.match, yearFromForm, limits.allowMissingColumns);
    appender = await StagingAppender.open(conn, { excelEscapes: true }); // _xHHHH_ escapes, which exceljs's streaming reader leaves as text
    for (const r of sample) appender.append(r.number, r.cells, header!.match.columns);
  };
  try {
    for await (const row of sheet) {
      if (limits.maxColumns && row.values.length - 1 > limits.maxColumns) {
        throw problem(
          'XLSX_TOO_MANY_COLUMNS',
          `Dòng ${row.number} của trang tính có ${row.values.length - 1} cột, vượt giới hạn ${limits.maxColumns} cột của danh sách điển hình.`,
          413,
          { limit: 'maxColumns', max: limits.maxColumns, row: row.number },
        );
      }
      const cells = toCells(row.values);
      filler.fill(row.number, cells);
      if (++count > limits.maxRows)
        throw problem('TOO_MANY_ROWS', `Bảng tính có quá ${limits.maxRows} dòng: hãy chia thành nhiều tệp.`, 413);
      if (!header) {
        if (buffered.length >= HEADER_SEARCH_ROWS) continue; // no list on this sheet: read it through
        buffered.push({ number: row.number, cells });
        const found = findHeader([cells.map((c) => c ?? '')], explicit);
        if (found) header = { index: buffered.length - 1, match: found.match };
        continue;
      }
      if (!settled) {
        const top = buffered[header.index]!;
        const sub = row.number === top.number + 1 ? mergeSubHeader(top.cells, header.match, cells, explicit) : null;
        settle(sub ?? header.match);
        if (sub) {
          subHeaderRow = row.number;
          continue;
        }
      }
      if (appender) {
        (appender as StagingAppender).append(row.number, cells, header.match.columns);
        continue;
      }
      sample.push({ number: row.number, cells });
      if (sample.length >= SAMPLE_ROWS) await begin();
    }
    if (header && !settled) settle(header.match); // a header and no rows under it
    if (header && !appender) await begin();
  } finally {
    (appender as StagingAppender | null)?.close();
  }
  if (!header) return null;
  const headerRow = buffered[header.index]!;
  return {
    fileType: 'xlsx',
    headerRow: headerRow.number,
    ...(subHeaderRow !== null ? { subHeaderRow } : {}),
    headers: header.match.headers,
    unknownColumns: header.match.unknown,
    titleRows: buffered
      .slice(0, header.index)
      .map((r) => ({ row: r.number, text: r.cells.filter((c) => c !== null && c.trim() !== '').join(' | ') }))
      .filter((r) => r.text !== ''),
    sheet: sheet.name ?? `Trang ${sheet.id}`,
    columns: (inferred as InferredColumns | null)?.columns ?? [],
    columnDecisions: (inferred as InferredColumns | null)?.decisions ?? [],
    sample: sample.map((r) => ({ row: r.number, cells: r.cells })),
  };
}

/**
 * The zip in 64 KiB pieces. exceljs parses each piece it is given whole and keeps every row
 * object of it until the piece is done: the zip given as one Buffer made a 3,000,000-cell
 * sheet a single piece, 3.8 GB. Memory now follows the piece, not the sheet.
 */
function* inChunks(pieces: Uint8Array[], size = 65536): Generator<Buffer> {
  for (const piece of pieces) {
    for (let at = 0; at < piece.length; at += size)
      yield Buffer.from(piece.buffer, piece.byteOffset + at, Math.min(size, piece.length - at));
  }
}

/** exceljs row.values is 1-based and sparse; make it 0-based text. */
function toCells(values: unknown[]): (string | null)[] {
  const cells: (string | null)[] = [];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
  return cells;
}
