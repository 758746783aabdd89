import type { SnapshotManifest } from '../../ingest/store/publishSnapshot.ts';
import type { CachedAnswer } from './answerCache.ts';
import { ARROW_STREAM_TYPE, encodeArrow } from './encodeArrow.ts';
import { CSV_TYPE, encodeCsv } from './encodeCsv.ts';
import { XLSX_TYPE, encodeXlsx } from './encodeXlsx.ts';
import { exportFileName } from './exportFileName.ts';
import type { ParamValue, QueryDefinition } from './queryDefinition.ts';
import { resultRows, type QueryResult } from './queryResult.ts';

export const FORMATS = ['arrow', 'csv', 'xlsx', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export type HeaderStyle = 'label' | 'name';

export interface AnswerRequest {
  def: QueryDefinition;
  values: Record<string, ParamValue>;
  format: Format;
  header: HeaderStyle;
  manifest: SnapshotManifest;
}

/**
 * A query's result as the bytes and headers of the answer in the format asked for: everything
 * the answer cache keeps (the snapshot headers are added per response).
 */
export async function encodeAnswer(result: QueryResult, request: AnswerRequest): Promise<CachedAnswer> {
  const { def, values, format, header, manifest } = request;
  const headers: Record<string, string> = { 'X-Row-Count': String(result.rowCount) };
  if (format === 'arrow') return { body: encodeArrow(result), headers: { ...headers, 'Content-Type': ARROW_STREAM_TYPE } };
  if (format === 'json') {
    return { body: new TextEncoder().encode(JSON.stringify({ rows: resultRows(result) })), headers: { ...headers, 'Content-Type': 'application/json' } };
  }
  const labels = new Map(def.columns.map((col) => [col.name, col.label]));
  const headings = result.columns.map((col) => (header === 'label' ? (labels.get(col.name) ?? col.name) : col.name));
  headers['Content-Disposition'] = `attachment; filename="${exportFileName(def, values, manifest, format)}"`;
  if (format === 'csv') return { body: encodeCsv(result, headings), headers: { ...headers, 'Content-Type': CSV_TYPE } };
  const params = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === null ? '(tất cả)' : String(v)]));
  const body = await encodeXlsx(result, headings, { title: def.title, snapshotName: manifest.name, snapshotCreatedAt: manifest.createdAt, params });
  return { body, headers: { ...headers, 'Content-Type': XLSX_TYPE } };
}

/**
 * The cache key of an answer within one snapshot: query, format, heading style and every
 * declared parameter's validated value in declaration order (defaults filled in), so
 * `?year_from=2021`, `?year_from=` and no parameter at all are one key.
 */
export function answerKey(request: Omit<AnswerRequest, 'manifest'>): string {
  const values = request.def.params.map((p) => request.values[p.name] ?? null);
  return JSON.stringify([request.def.name, request.format, request.format === 'csv' || request.format === 'xlsx' ? request.header : '', values]);
}
