/**
 * The ingest service (another process; where it answers comes from GET /api/config) as the
 * upload page sees it: POST /api/uploads (multipart, Bearer token) with upload progress,
 * GET /api/batches, GET /api/template.xlsx. Cross-origin calls need the ingest app's CORS (see
 * README). Browser code imports nothing from ingest/: the report's shape and its reader are
 * the contract's (contracts/uploadReport.ts); the types below are what the page shows.
 */
import { readErrorAnswer, type ErrorAnswer } from '../../../contracts/errorShape.ts';
import { readUploadReport } from '../../../contracts/uploadReport.ts';

export interface Refusal {
  file: string | null;
  row: number | null;
  column: string | null;
  value: string | null;
  code: string | null;
  message: string;
}

/** A row listed in the report without being refused: ignored as non-data, a repeat, or a possible same exemplar. */
export interface ListedRow {
  row: number | null;
  text: string;
  message: string;
}

/** A column read as another field than its header says (or read as none), as the report words it. */
export interface ColumnDecision {
  /** 1-based, as Excel numbers columns (A = 1). */
  column: number | null;
  header: string;
  headerField: string | null;
  field: string | null;
  message: string;
}

/** One message for a column where most rows are refused for one reason. */
export interface ColumnDiagnosis {
  field: string | null;
  header: string | null;
  code: string | null;
  rows: number | null;
  values: { value: string | null; count: number | null }[];
  expected: string | null;
  fix: string | null;
  /** field → header text: the mapping that would make the file pass, when that is the fix. */
  mapping: Record<string, string> | null;
  message: string;
}

export interface UploadReport {
  /** committed, unchanged, dry_run, rows_refused, or error */
  status: string | null;
  committed: boolean;
  batchId: number | null;
  agency: string | null;
  year: number | null;
  total: number | null;
  accepted: number | null;
  refused: number | null;
  ignored: number | null;
  refusals: Refusal[];
  /** The worksheet read, and the sheets skipped as not a list (XLSX). */
  sheet: string | null;
  skippedSheets: string[];
  /** Rows ignored as not data (titles, numbering, totals, signatures), repeats inside the file, possible same exemplars to review. */
  ignoredRows: ListedRow[];
  duplicates: ListedRow[];
  nearMatches: ListedRow[];
  columnDecisions: ColumnDecision[];
  diagnoses: ColumnDiagnosis[];
  message: string | null;
  raw: unknown;
}

export interface UploadAnswer {
  status: number;
  report: UploadReport;
}

/**
 * Where the ingest service answers: ?ingest=… on the page (an operator's override), else what
 * the reporting service serves (GET /api/config, from INGEST_PUBLIC_URL or INGEST_PORT).
 */
export async function resolveIngestBase(params: URLSearchParams): Promise<{ ok: true; base: string } | { ok: false; message: string }> {
  const fromUrl = params.get('ingest');
  if (fromUrl) return { ok: true, base: fromUrl.replace(/\/+$/, '') };
  try {
    const res = await fetch('/api/config', { headers: { Accept: 'application/json' } });
    if (!res.ok) return { ok: false, message: `Không đọc được cấu hình của trang (lỗi ${res.status}).` };
    const body = (await res.json()) as unknown;
    const url = body && typeof body === 'object' ? (body as Json).ingestUrl : null;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url))
      return { ok: false, message: 'Cấu hình của trang không có địa chỉ dịch vụ nhập liệu.' };
    return { ok: true, base: url.replace(/\/+$/, '') };
  } catch (err) {
    return { ok: false, message: `Không đọc được cấu hình của trang: ${(err as Error).message}` };
  }
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Json => o !== null) : []);

/** A mapping object { field: "header text" }, keeping string values only. */
export function readMapping(v: unknown): Record<string, string> | null {
  const o = obj(v);
  if (!o) return null;
  const entries = Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

export function readColumnDecisions(v: unknown): ColumnDecision[] {
  return objects(v).map((d) => ({
    column: num(d.column),
    header: str(d.header) ?? '',
    headerField: str(d.headerField),
    field: str(d.field),
    message: str(d.message) ?? '',
  }));
}

/**
 * The ingest service's answer as the page shows it: the report read by the contract's reader
 * (contracts/uploadReport.ts), or the service's error ({error: {code, message}}) as a report
 * with status "error" and the error's message.
 */
export function normaliseReport(body: unknown): UploadReport {
  const read = readUploadReport(body);
  if (!read.ok) {
    return {
      status: 'error',
      committed: false,
      batchId: null,
      agency: null,
      year: null,
      total: null,
      accepted: null,
      refused: null,
      ignored: null,
      refusals: [],
      sheet: null,
      skippedSheets: [],
      ignoredRows: [],
      duplicates: [],
      nearMatches: [],
      columnDecisions: [],
      diagnoses: [],
      message: read.error.message,
      raw: body,
    };
  }
  const r = read.report;
  return {
    status: r.status,
    committed: r.status === 'committed',
    batchId: r.batchId,
    agency: r.agency,
    year: r.year,
    total: r.counts.total,
    accepted: r.counts.accepted,
    refused: r.counts.refused,
    ignored: r.counts.ignored,
    refusals: r.refused.map(({ file, row, column, value, code, message }) => ({ file, row, column, value, code, message })),
    sheet: r.file.sheet ?? null,
    skippedSheets: r.file.skippedSheets ?? [],
    ignoredRows: r.ignored.map((x) => ({ row: x.row, text: x.text ?? '', message: x.message })),
    duplicates: r.duplicates.map((x) => ({ row: x.row, text: x.name, message: x.message })),
    nearMatches: r.nearMatches.map((x) => ({ row: x.row, text: x.name, message: x.message })),
    columnDecisions: r.columnDecisions ?? [],
    diagnoses: (r.diagnoses ?? []).map((d) => ({ ...d, mapping: readMapping(d.mapping) })),
    message: r.message,
    raw: body,
  };
}

/** A body that is not JSON, as the shared error shape: the start of its text, or the HTTP status. */
function notJson(text: string, status: number): ErrorAnswer {
  return { error: { code: 'NOT_JSON', message: text.slice(0, 300) || `Lỗi ${status}` } };
}

/** Uploads with XMLHttpRequest: fetch has no upload progress events. */
export function upload(options: {
  base: string;
  token: string;
  file: File;
  dryRun: boolean;
  agency: string | null;
  acceptPartial: boolean;
  /** The column mapping as the upload API takes it (JSON { field: "header text" }), or null. */
  mapping: string | null;
  onProgress: (sent: number, total: number) => void;
  onUploaded: () => void;
}): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', options.file, options.file.name);
  if (options.dryRun) form.append('dry_run', '1');
  if (options.agency) form.append('agency', options.agency);
  if (options.acceptPartial) form.append('accept_partial', '1');
  if (options.mapping) form.append('mapping', options.mapping);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${options.base}/api/uploads`);
    xhr.setRequestHeader('Authorization', `Bearer ${options.token}`);
    xhr.upload.onprogress = (e) => options.onProgress(e.loaded, e.lengthComputable ? e.total : options.file.size);
    xhr.upload.onload = () => options.onUploaded();
    xhr.onerror = () => reject(new Error(`Không kết nối được dịch vụ nhập liệu tại ${options.base}`));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = notJson(xhr.responseText, xhr.status);
      }
      resolve({ status: xhr.status, report: normaliseReport(body) });
    };
    xhr.send(form);
  });
}

export interface Batch {
  id: number;
  agency_code: string | null;
  year: number | null;
  file_name: string;
  received_at: string;
  rows_total: number;
  rows_accepted: number;
  rows_refused: number;
  status: string;
  submitted_by: string;
}

export async function listBatches(base: string, token: string): Promise<{ ok: true; batches: Batch[] } | { ok: false; message: string }> {
  let res: Response;
  try {
    res = await fetch(`${base}/api/batches`, { headers: { Authorization: `Bearer ${token}` } });
  } catch (err) {
    return { ok: false, message: `Không kết nối được dịch vụ nhập liệu: ${(err as Error).message}` };
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = notJson(text, res.status);
  }
  if (!res.ok) return { ok: false, message: readErrorAnswer(body)?.message ?? `Lỗi ${res.status}` };
  const list = ((body as Json).batches as unknown[] | undefined) ?? [];
  return { ok: true, batches: list as Batch[] };
}
