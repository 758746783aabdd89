import { readErrorAnswer, type ErrorShape } from './errorShape.ts';
import { FIELDS, type ColumnDecision, type ColumnDiagnosis, type Field } from './uploadFields.ts';

/**
 * The JSON report of one upload (dry run, refusal or commit): the ingest service builds it
 * with these types and stores it with the batch; the upload page reads it with
 * readUploadReport. What goes on the wire is exactly these fields (docs/upload-format.md).
 */
export type UploadStatus = 'committed' | 'unchanged' | 'dry_run' | 'rows_refused';
export const UPLOAD_STATUSES: readonly UploadStatus[] = ['committed', 'unchanged', 'dry_run', 'rows_refused'];

export interface UploadCounts {
  total: number;
  accepted: number;
  refused: number;
  ignored: number;
  duplicates: number;
  newExemplars: number;
  knownExemplars: number;
  nearMatches: number;
}

/** A refused row: where, what and why (code UPPER_SNAKE, message Vietnamese). */
export interface RefusedRow {
  file: string;
  row: number;
  column: string;
  value: string | null;
  code: string;
  message: string;
}

/** A row that is not data (title, numbering, total, signature), kept out of the import. */
export interface IgnoredRow {
  row: number;
  reason: string;
  message: string;
  text: string | null;
}

/** A row repeating an earlier row of the same file. */
export interface DuplicateRow {
  row: number;
  firstRow: number;
  name: string;
  message: string;
}

/** A row that may be the same exemplar as one already known or another row: imported, listed for review. */
export interface NearMatch {
  row: number;
  name: string;
  unit: string;
  reason: 'similar_name' | 'same_key_other_spelling';
  distance: number;
  existing: { id: number; code: string; name: string; unit: string } | null;
  otherRow: number | null;
  other: { name: string; unit: string };
  message: string;
}

/** How the file was read. */
export interface UploadFileSummary {
  fileType: 'xlsx' | 'csv' | 'json';
  /** File row of the header (1-based); 0 for JSON. */
  headerRow: number;
  subHeaderRow?: number;
  headers: Partial<Record<Field, string>>;
  /** Columns present in the file that are not imported. */
  unknownColumns: string[];
  encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1258' | 'utf-16le' | 'utf-16be';
  delimiter?: string;
  /** The worksheet read (XLSX), and the worksheets skipped as holding no list. */
  sheet?: string;
  skippedSheets?: string[];
}

export interface UploadReport {
  status: UploadStatus;
  message: string;
  batchId: number | null;
  agency: string;
  year: number;
  /** The plan the list falls under (absent in reports stored before plans were data). */
  plan?: { code: string; number: string; firstYear: number; lastYear: number };
  fileName: string;
  sha256: string;
  file: UploadFileSummary;
  counts: UploadCounts;
  refused: RefusedRow[];
  ignored: IgnoredRow[];
  duplicates: DuplicateRow[];
  nearMatches: NearMatch[];
  /** Columns read by what they hold rather than by their header (docs/upload-format.md, "Columns read by what they hold"). */
  columnDecisions?: ColumnDecision[];
  /** One diagnosis per column where most rows fail for one reason; shown before the rows (docs/upload-format.md, "One diagnosis per column"). */
  diagnoses?: ColumnDiagnosis[];
  snapshotVersion?: number | null;
}

/** An upload answer read: the report, or the service's error (or why the answer is neither). */
export type UploadReportRead = { ok: true; report: UploadReport } | { ok: false; error: ErrorShape };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const orNull = (check: (v: unknown) => boolean) => (v: unknown) => v === null || check(v);
const fieldNames: ReadonlySet<unknown> = new Set(FIELDS);
const isField = (v: unknown) => fieldNames.has(v);

/** Each key's check; `?` on a key makes it optional (absent or undefined). */
type Shape = Record<string, (v: unknown) => boolean>;
const shaped =
  (shape: Shape) =>
  (v: unknown): boolean =>
    isObject(v) &&
    Object.entries(shape).every(([key, check]) =>
      key.endsWith('?') ? v[key.slice(0, -1)] === undefined || check(v[key.slice(0, -1)]) : check(v[key]),
    );
const listOf = (check: (v: unknown) => boolean) => (v: unknown) => Array.isArray(v) && v.every(check);

const REPORT: Shape = {
  status: (v) => UPLOAD_STATUSES.includes(v as UploadStatus),
  message: isString,
  batchId: orNull(isInt),
  agency: isString,
  year: isInt,
  'plan?': shaped({ code: isString, number: isString, firstYear: isInt, lastYear: isInt }),
  fileName: isString,
  sha256: isString,
  file: shaped({
    fileType: (v) => v === 'xlsx' || v === 'csv' || v === 'json',
    headerRow: isInt,
    headers: isObject,
    unknownColumns: listOf(isString),
    'sheet?': isString,
    'skippedSheets?': listOf(isString),
  }),
  counts: shaped(
    Object.fromEntries(
      ['total', 'accepted', 'refused', 'ignored', 'duplicates', 'newExemplars', 'knownExemplars', 'nearMatches'].map((k) => [k, isInt]),
    ),
  ),
  refused: listOf(shaped({ file: isString, row: isInt, column: isString, value: orNull(isString), code: isString, message: isString })),
  ignored: listOf(shaped({ row: isInt, reason: isString, message: isString, text: orNull(isString) })),
  duplicates: listOf(shaped({ row: isInt, firstRow: isInt, name: isString, message: isString })),
  nearMatches: listOf(shaped({ row: isInt, name: isString, unit: isString, message: isString })),
  'columnDecisions?': listOf(
    shaped({ column: isInt, header: isString, headerField: orNull(isField), field: orNull(isField), message: isString }),
  ),
  'diagnoses?': listOf(
    shaped({
      field: isField,
      header: orNull(isString),
      code: isString,
      rows: isInt,
      values: listOf(shaped({ value: orNull(isString), count: isInt })),
      expected: isString,
      fix: isString,
      'mapping?': isObject,
      message: isString,
    }),
  ),
  'snapshotVersion?': orNull(isInt),
};

/**
 * Reads an upload answer's JSON: the report, checked field by field, or the error the service
 * answered (`{ error: { code, message } }`), or BAD_REPORT naming the first field that is not
 * as this contract says.
 */
export function readUploadReport(body: unknown): UploadReportRead {
  const error = readErrorAnswer(body);
  if (error) return { ok: false, error };
  if (!isObject(body))
    return { ok: false, error: { code: 'BAD_REPORT', message: 'Trả lời của dịch vụ nhập liệu không phải một báo cáo tải lên.' } };
  const wrong = Object.entries(REPORT).find(([key, check]) => {
    const name = key.endsWith('?') ? key.slice(0, -1) : key;
    return !(key.endsWith('?') && body[name] === undefined) && !check(body[name]);
  });
  if (wrong) {
    const field = wrong[0].replace(/\?$/, '');
    return {
      ok: false,
      error: {
        code: 'BAD_REPORT',
        message: `Báo cáo tải lên của dịch vụ nhập liệu không đúng dạng: trường «${field}» không hợp lệ.`,
        field,
      },
    };
  }
  return { ok: true, report: body as unknown as UploadReport };
}
