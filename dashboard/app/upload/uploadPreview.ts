/**
 * The ingest service's preview of a file (POST /api/uploads/preview): the header row it found,
 * each column's field and how it was decided, the first data rows, and the fields a column may
 * be read as. Parsed defensively, since the page imports nothing from ingest/.
 */
import { normaliseReport, readColumnDecisions, type ColumnDecision } from '../lib/ingestClient.ts';

export type ColumnHow = 'header' | 'values' | 'mapping' | null;

export interface PreviewColumn {
  /** 0-based position in the row. */
  index: number;
  letter: string;
  header: string;
  field: string | null;
  how: ColumnHow;
}

export interface UploadPreview {
  fileName: string;
  sheet: string | null;
  headerRow: number | null;
  columns: PreviewColumn[];
  rows: { row: number | null; cells: (string | null)[] }[];
  fields: { field: string; label: string }[];
  columnDecisions: ColumnDecision[];
}

export type PreviewAnswer =
  | { kind: 'preview'; preview: UploadPreview }
  /** The file is refused whole (400/413/415/422), or the token is (401/403): the service's message. */
  | { kind: 'refused'; status: number; message: string }
  /** No preview here (an ingest service without the endpoint, or unreachable): the page uploads without it. */
  | { kind: 'unavailable'; message: string };

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj).filter((o): o is Json => o !== null) : []);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const HOWS = new Set(['header', 'values', 'mapping']);

/** Excel's column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function readPreview(body: unknown): UploadPreview | null {
  const o = obj(body);
  if (!o || !Array.isArray(o.columns)) return null;
  const columns = list(o.columns).flatMap((c, i): PreviewColumn[] => {
    const index = int(c.index) ?? i;
    const how = text(c.how);
    return [
      {
        index,
        letter: text(c.letter) ?? columnLetter(index),
        header: text(c.header) ?? '',
        field: text(c.field),
        how: how && HOWS.has(how) ? (how as ColumnHow) : null,
      },
    ];
  });
  return {
    fileName: text(o.fileName) ?? '',
    sheet: text(o.sheet),
    headerRow: int(o.headerRow),
    columns,
    rows: list(o.rows).map((r) => ({ row: int(r.row), cells: Array.isArray(r.cells) ? r.cells.map(text) : [] })),
    fields: list(o.fields).flatMap((f) => (typeof f.field === 'string' ? [{ field: f.field, label: text(f.label) ?? f.field }] : [])),
    columnDecisions: readColumnDecisions(o.columnDecisions),
  };
}

/** Asks the ingest service how it reads `file` (with the clerk's `mapping`, if any). */
export async function fetchPreview(options: {
  base: string;
  token: string;
  file: File;
  agency: string | null;
  mapping: string | null;
  signal?: AbortSignal;
}): Promise<PreviewAnswer> {
  const form = new FormData();
  form.append('file', options.file, options.file.name);
  if (options.agency) form.append('agency', options.agency);
  if (options.mapping) form.append('mapping', options.mapping);
  let res: Response;
  try {
    res = await fetch(`${options.base}/api/uploads/preview`, {
      method: 'POST',
      body: form,
      headers: { Authorization: `Bearer ${options.token}` },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return { kind: 'unavailable', message: `Không kết nối được dịch vụ nhập liệu tại ${options.base}: ${(err as Error).message}` };
  }
  const raw = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(raw);
  } catch {
    body = null; // not JSON: an older service's 404 page, or a proxy's error page; judged by status below
  }
  if (res.ok) {
    const preview = readPreview(body);
    return preview
      ? { kind: 'preview', preview }
      : { kind: 'unavailable', message: 'Dịch vụ nhập liệu trả lời bản xem trước không đúng dạng.' };
  }
  if (res.status === 404 || res.status === 405 || res.status === 501)
    return { kind: 'unavailable', message: 'Dịch vụ nhập liệu này chưa có bản xem trước.' };
  return { kind: 'refused', status: res.status, message: normaliseReport(body).message ?? `Dịch vụ nhập liệu trả lời lỗi ${res.status}.` };
}
