import type { SnapshotManifest } from '../../contracts/snapshotProtocol.ts';
import type { CachedAnswer } from './answerCache.ts';
import { ARROW_STREAM_TYPE, encodeArrow } from './encodeArrow.ts';
import type { ParamValue, QueryDefinition } from './queryDefinition.ts';
import type { QueryResult } from './queryResult.ts';

/**
 * `csv` is for programs (`,` and `.` decimals, shares as fractions); `csv-vi` is for people
 * opening the file in Excel or LibreOffice set to Vietnamese (`;`, decimal comma, "81,25%").
 */
export const FORMATS = ['arrow', 'csv', 'csv-vi', 'xlsx', 'json'] as const;
export type Format = (typeof FORMATS)[number];
export type HeaderStyle = 'label' | 'name';

/** Formats produced chunk by chunk (exportAnswer.ts); Arrow is built whole. */
export const CHUNKED_FORMATS: readonly Format[] = ['csv', 'csv-vi', 'xlsx', 'json'];
/** File downloads, run under the export limit (REPORTING_MAX_EXPORTS). */
export const FILE_FORMATS: readonly Format[] = ['csv', 'csv-vi', 'xlsx'];

export interface AnswerRequest {
  def: QueryDefinition;
  values: Record<string, ParamValue>;
  format: Format;
  header: HeaderStyle;
  manifest: SnapshotManifest;
  /** The agency a row-scoped personal answer was narrowed to (part of the cache key), else null. */
  scope?: string | null;
}

/** A query's result as an Arrow IPC answer: everything the answer cache keeps. */
export function encodeArrowAnswer(result: QueryResult): CachedAnswer {
  return { body: encodeArrow(result), headers: { 'X-Row-Count': String(result.rowCount), 'Content-Type': ARROW_STREAM_TYPE } };
}

/**
 * The cache key of an answer within one snapshot: query, format, heading style and every
 * declared parameter's validated value in declaration order (defaults filled in), so
 * `?year_from=<its default>`, `?year_from=` and no parameter at all are one key; and the viewer's agency
 * when the answer's rows were filtered to it.
 */
export function answerKey(request: Omit<AnswerRequest, 'manifest'>): string {
  const values = request.def.params.map((p) => request.values[p.name] ?? null);
  return JSON.stringify([
    request.def.name,
    request.format,
    FILE_FORMATS.includes(request.format) ? request.header : '',
    values,
    ...(request.scope ? [request.scope] : []),
  ]);
}
