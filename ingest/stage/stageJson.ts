import type { DuckDBConnection } from '@duckdb/node-api';
import { matchHeaderRow, type Field } from '../parse/headerMap.ts';
import { problem } from '../parse/uploadProblem.ts';
import { decodeNonUtf8, detectCsvEncoding } from '../parse/decodeCsv.ts';
import { StagingAppender } from './stagingTable.ts';
import { requireColumns } from './findHeader.ts';
import { inferColumns, SAMPLE_ROWS } from '../parse/inferColumns.ts';
import type { StagedUpload, StageLimits } from './stagedUpload.ts';

const MAX_DEPTH = 4;

/** Refuses deeply nested JSON before walking it (a record is flat; depth 4 is generous). */
function depthWithin(value: unknown, limit: number): boolean {
  const stack: { v: unknown; d: number }[] = [{ v: value, d: 1 }];
  while (stack.length) {
    const { v, d } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > limit) return false;
    for (const child of Object.values(v)) stack.push({ v: child, d: d + 1 });
  }
  return true;
}

function valueText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v); // a nested value is kept as text so validation can name it
}

/** JSON from other systems: an array of records or { "records": [...] }, canonical field names. */
export async function stageJson(
  conn: DuckDBConnection,
  bytes: Buffer,
  explicit: Partial<Record<Field, string>>,
  yearFromForm: boolean,
  limits: StageLimits,
): Promise<StagedUpload> {
  // UTF-8 (with or without BOM) as other systems write it; UTF-16 with a BOM is read too.
  const { encoding, bomLength } = detectCsvEncoding(bytes);
  const text =
    encoding === 'utf-16le' || encoding === 'utf-16be'
      ? decodeNonUtf8(bytes, encoding)
      : bytes.subarray(encoding === 'utf-8-bom' ? bomLength : 0).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw problem('FILE_UNREADABLE', 'Tệp JSON không hợp lệ (có thể bị cắt cụt).', 400, { reason: String(error) });
  }
  if (!depthWithin(parsed, MAX_DEPTH))
    throw problem('JSON_TOO_DEEP', `Tệp JSON lồng quá ${MAX_DEPTH} cấp: mỗi bản ghi phải là một đối tượng phẳng.`, 422);
  const records = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && Array.isArray((parsed as { records?: unknown }).records)
      ? (parsed as { records: unknown[] }).records
      : null;
  if (!records) throw problem('JSON_SHAPE', 'Tệp JSON phải là một mảng bản ghi, hoặc { "records": [...] }.', 422);
  if (records.length > limits.maxRows)
    throw problem('TOO_MANY_ROWS', `Tệp có quá ${limits.maxRows} bản ghi: hãy chia thành nhiều tệp.`, 413);
  if (records.some((r) => typeof r !== 'object' || r === null || Array.isArray(r)))
    throw problem('JSON_SHAPE', 'Mỗi phần tử của mảng JSON phải là một đối tượng { "name": ..., "kind": ... }.', 422);

  const keys = [...new Set(records.flatMap((r) => Object.keys(r as object)))];
  const sample = records.slice(0, SAMPLE_ROWS).map((r) => keys.map((k) => valueText((r as Record<string, unknown>)[k])));
  const inferred = inferColumns(keys, matchHeaderRow(keys, explicit), sample, explicit);
  const match = inferred.match;
  requireColumns(match, yearFromForm, limits.allowMissingColumns);
  const appender = await StagingAppender.open(conn, { excelEscapes: false });
  try {
    records.forEach((record, i) => {
      const r = record as Record<string, unknown>;
      appender.append(
        i + 1,
        keys.map((k) => valueText(r[k])),
        match.columns,
      );
    });
  } finally {
    appender.close();
  }
  return {
    fileType: 'json',
    headerRow: 0,
    headers: match.headers,
    unknownColumns: match.unknown,
    titleRows: [],
    encoding: encoding === 'windows-1258' ? 'utf-8' : encoding,
    columns: inferred.columns,
    columnDecisions: inferred.decisions,
    sample: sample.map((cells, i) => ({ row: i + 1, cells })),
  };
}
