import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { FIELDS, mergeSubHeader, type Field } from '../parse/headerMap.ts';
import { decodeNonUtf8, detectCsvEncoding, fillBlankLines, hasUnbalancedQuotes, normaliseLineEnds, scanLines } from '../parse/decodeCsv.ts';
import { problem } from '../parse/uploadProblem.ts';
import { quoteIdentifier, quoteLiteral } from '../../contracts/sqlLiteral.ts';
import { inferColumns, SAMPLE_ROWS } from '../parse/inferColumns.ts';
import { STAGING_TABLE } from './stagingTable.ts';
import { findHeader, headerNotFound, requireColumns } from './findHeader.ts';
import type { StagedUpload, StageLimits } from './stagedUpload.ts';

const DELIMITERS = [',', ';', '\t'] as const;

const openQuote = () => problem('FILE_UNREADABLE', 'Tệp CSV có dấu ngoặc kép (") không đóng: tệp bị cắt cụt hoặc hỏng.', 400);

/** DuckDB read_csv's default max_line_size (bytes). */
const LINE_SIZE_DEFAULT = 2_097_152;

/** Columns a staged CSV may have (see the check in stageCsv). */
export const MAX_CSV_COLUMNS = 200;

/**
 * Loads a CSV into the staging table with DuckDB's own reader (all columns text). JavaScript
 * reads the first lines to find the delimiter and the header row, and writes a UTF-8 copy
 * for DuckDB only when needed: cp1258 or UTF-16 ("Unicode Text", tab-separated), CR-only or
 * mixed line endings, blank lines (they would shift row numbers).
 */
export async function stageCsv(
  conn: DuckDBConnection,
  path: string,
  bytes: Buffer,
  workDir: string,
  explicit: Partial<Record<Field, string>>,
  yearFromForm: boolean,
  limits: StageLimits,
): Promise<StagedUpload> {
  const { encoding, bomLength } = detectCsvEncoding(bytes);
  // From here on the file is UTF-8 without BOM: the bytes as sent for the common file (no
  // copy), the decoded text for the others, which DuckDB then reads from a UTF-8 copy.
  const decoded = encoding === 'utf-8' || encoding === 'utf-8-bom' ? null : decodeNonUtf8(bytes, encoding);
  const utf8 = decoded === null ? bytes.subarray(bomLength) : Buffer.from(decoded, 'utf8');
  const scan = scanLines(utf8);
  if (scan.lines > limits.maxRows + 100)
    throw problem('TOO_MANY_ROWS', `Tệp có quá ${limits.maxRows} dòng: hãy chia thành nhiều tệp.`, 413);
  const normalise = scan.endings === 'cr' || scan.endings === 'mixed';
  // Rewritten only when needed: the common file (UTF-8, one line ending, no blank line) is read as sent.
  let text: string | null = decoded;
  if (normalise) text = normaliseLineEnds(text ?? utf8.toString('utf8'));
  if (text === null && scan.blankLines) text = utf8.toString('utf8');

  const head = text !== null ? text.slice(0, 65536) : utf8.subarray(0, 65536).toString('utf8');
  const sampleText = head.slice(0, head.lastIndexOf('\n') > 0 ? head.lastIndexOf('\n') : head.length);

  let best: { delimiter: string; index: number; records: string[][]; match: NonNullable<ReturnType<typeof findHeader>>['match'] } | null =
    null;
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parseCsvSync(sampleText, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: false,
        to_line: 40,
      }) as string[][];
    } catch {
      continue; // this delimiter does not parse the sample; another will
    }
    const found = findHeader(records, explicit);
    if (found && (!best || Object.keys(found.match.columns).length > Object.keys(best.match.columns).length))
      best = { delimiter, index: found.index, records, match: found.match };
  }
  if (!best) {
    if (hasUnbalancedQuotes(utf8)) throw openQuote(); // a quote left open in the first lines
    headerNotFound();
  }
  const next = best.records[best.index + 1];
  const sub = next ? mergeSubHeader(best.records[best.index]!, best.match, next, explicit) : null;
  if (sub) best.match = sub;
  // The last header line: the rows start under a sub-header when there is one.
  const lastHeader = best.index + (sub ? 1 : 0);
  // The rows parsed to find the header are the sample that decides what each column holds.
  // (The sample text ends at a line feed: a CRLF file's last record keeps its "\r".)
  const sampleRecords = best.records.slice(lastHeader + 1, lastHeader + 1 + SAMPLE_ROWS).map((r) => r.map((c) => c.replace(/\r$/, '')));
  const inferred = inferColumns(best.records[best.index]!, best.match, sampleRecords, explicit);
  best.match = inferred.match;
  requireColumns(best.match, yearFromForm, limits.allowMissingColumns);

  // DuckDB reads only UTF-8, one line ending per file, and drops blank lines.
  let readPath = path;
  let readSize = bytes.length;
  let longest = scan.longest;
  if (text !== null) {
    const out = Buffer.from(fillBlankLines(text, best.delimiter), 'utf8');
    if (normalise) {
      // A CR-only file had no line feed to count before.
      const lines = scanLines(out);
      if (lines.lines > limits.maxRows + 100)
        throw problem('TOO_MANY_ROWS', `Tệp có quá ${limits.maxRows} dòng: hãy chia thành nhiều tệp.`, 413);
      longest = lines.longest;
    }
    readPath = join(workDir, 'upload-utf8.csv');
    readSize = out.length;
    writeFileSync(readPath, out);
  }

  const width = Math.max(...best.records.map((r) => r.length));
  // A list of exemplars has a dozen columns; hundreds mean a wrong file, and past ~1,000 the
  // per-row SQL expressions below exceed DuckDB's expression depth.
  if (width > MAX_CSV_COLUMNS) {
    throw problem(
      'TOO_MANY_COLUMNS',
      `Tệp có ${width} cột, nhiều hơn giới hạn ${MAX_CSV_COLUMNS} cột của danh sách điển hình: hãy kiểm tra lại tệp (có thể chọn sai dấu phân cách hoặc sai tệp).`,
      422,
      { columns: width },
    );
  }
  const rawCols = Array.from({ length: width }, (_, i) => `c${i}`);
  const columnsSpec = `{${rawCols.map((c) => `${c}: 'VARCHAR'`).join(', ')}}`;
  // A line past DuckDB's max_line_size (2 MB) fails the whole file; an over-long cell is a
  // row refusal (TEXT_TOO_LONG). Left at its default for the common file.
  const lineSize = longest > LINE_SIZE_DEFAULT / 2 ? `, max_line_size=${readSize + 1}` : '';
  const load = (parallel: boolean) =>
    conn.run(
      `CREATE OR REPLACE TABLE upload_csv_raw AS SELECT * FROM read_csv(${quoteLiteral(readPath)}, delim=${quoteLiteral(best.delimiter)}, quote='"', escape='"', header=false, skip=${lastHeader + 1}, columns=${columnsSpec}, null_padding=true, auto_detect=false, parallel=${parallel}${lineSize})`,
    );
  const unreadable = (error: unknown) =>
    problem('FILE_UNREADABLE', 'Không đọc được tệp CSV (có thể tệp bị cắt cụt, thiếu dấu ngoặc kép đóng, hoặc số cột không đều).', 400, {
      reason: String(error).split('\n')[0],
    });
  try {
    await load(true);
  } catch (error) {
    // Quotes come in pairs in a well-formed CSV: an odd count is a cut or broken file. Counted
    // only once the parallel reader has failed (it refuses an open quote; counting 2.5M quotes
    // of a 1M-row file cost ~70 ms), and before the sequential reader, which would silently
    // take the rest of the file into the open cell.
    if (hasUnbalancedQuotes(utf8)) throw openQuote();
    // The parallel reader cannot pad short rows when a quoted cell holds a line break.
    if (!String(error).includes('parallel=false')) throw unreadable(error);
    await load(false).catch((retryError: unknown) => {
      throw unreadable(retryError);
    });
  }

  const mapped = FIELDS.map((f) => {
    const i = best.match.columns[f];
    return i === undefined ? `NULL::VARCHAR AS ${f}` : `nullif(c${i}, '') AS ${f}`;
  });
  const nonblank = rawCols.map((c) => `(NOT is_blank(${quoteIdentifier(c)}))::INTEGER`).join(' + ');
  const firstText = rawCols.length === 1 ? `nullif(trim(c0), '')` : `coalesce(${rawCols.map((c) => `nullif(trim(${c}), '')`).join(', ')})`;
  // The staging "table" of a CSV is a view over what read_csv loaded: copying 1M rows into
  // the staging table cost time and a second copy in memory (a 1M-row upload must stay under 1 GiB).
  // rowid follows file order (insertion order is preserved); +2 = 1-based and the header line.
  await conn.run(`DROP TABLE IF EXISTS ${STAGING_TABLE}`);
  await conn.run(
    `CREATE VIEW ${STAGING_TABLE} AS SELECT (rowid + ${lastHeader + 2})::INTEGER AS src_row, ${mapped.join(', ')}, ${nonblank} AS nonblank, ${firstText} AS first_text FROM upload_csv_raw`,
  );

  return {
    fileType: 'csv',
    headerRow: best.index + 1,
    ...(sub ? { subHeaderRow: best.index + 2 } : {}),
    headers: best.match.headers,
    unknownColumns: best.match.unknown,
    titleRows: best.records.slice(0, best.index).map((r, i) => ({ row: i + 1, text: r.filter((c) => c.trim() !== '').join(' | ') })),
    encoding,
    delimiter: best.delimiter,
    columns: inferred.columns,
    columnDecisions: inferred.decisions,
    // Row numbers as Excel shows them, as long as no quoted cell in these lines spans two.
    sample: sampleRecords.map((cells, k) => ({ row: lastHeader + 2 + k, cells: cells.map((c) => (c === '' ? null : c)) })),
  };
}
