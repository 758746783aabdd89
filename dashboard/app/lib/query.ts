import { tableFromIPC, type Table } from 'apache-arrow';

/** Which snapshot an answer came from: every figure shown or exported cites it. */
export interface SnapshotStamp {
  version: number | null;
  createdAt: string | null;
}

/** A failed request, shown as is beside the chart (conventions.md: errors are values). */
export interface QueryError {
  code: string;
  message: string;
  status: number | null;
}

export type QueryAnswer = { ok: true; table: Table; snapshot: SnapshotStamp } | { ok: false; error: QueryError };

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

// Same origin: the reporting service serves this app and /api (Vite's dev server proxies it).
const API = '/api';

function searchString(params: QueryParams, format?: 'csv' | 'xlsx'): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  if (format) search.set('format', format);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function queryUrl(name: string, params: QueryParams = {}, format?: 'csv' | 'xlsx'): string {
  return `${API}/queries/${encodeURIComponent(name)}${searchString(params, format)}`;
}

export function snapshotStamp(headers: Headers): SnapshotStamp {
  const version = headers.get('X-Snapshot-Version');
  return { version: version === null ? null : Number(version), createdAt: headers.get('X-Snapshot-Created-At') };
}

/** Reads the service's JSON error ({code, message} or {error: {code, message}}), else the status text. */
export async function readError(res: Response): Promise<QueryError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { code?: string; message?: string; error?: { code?: string; message?: string } | string };
    const inner = typeof body.error === 'object' && body.error !== null ? body.error : body;
    const message = inner.message ?? (typeof body.error === 'string' ? body.error : undefined);
    if (message) return { code: inner.code ?? `http_${res.status}`, message, status: res.status };
  } catch {
    // not JSON (a proxy's HTML page, say): fall through to the raw text
  }
  const fallback = res.status === 503 ? 'Chưa có dữ liệu (chưa có bản chốt số liệu nào).' : `Lỗi máy chủ ${res.status}`;
  return { code: `http_${res.status}`, message: text.trim().slice(0, 300) || fallback, status: res.status };
}

/** Runs a named query of the reporting service and decodes its Arrow IPC answer. */
export async function query(name: string, params: QueryParams = {}, signal?: AbortSignal): Promise<QueryAnswer> {
  let res: Response;
  try {
    res = await fetch(queryUrl(name, params), { signal, headers: { Accept: 'application/vnd.apache.arrow.stream' } });
  } catch (err) {
    if (signal?.aborted) throw err; // the caller abandoned this request; it handles the abort itself
    return { ok: false, error: { code: 'network', message: `Không kết nối được dịch vụ báo cáo: ${(err as Error).message}`, status: null } };
  }
  if (!res.ok) return { ok: false, error: await readError(res) };
  try {
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    return { ok: true, table, snapshot: snapshotStamp(res.headers) };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ok: false, error: { code: 'decode', message: `Không đọc được dữ liệu Arrow: ${(err as Error).message}`, status: null } };
  }
}

/** Plain JS rows of a (small) table, for lists and selects; charts take the columns. */
export function rows<T = Record<string, unknown>>(table: Table): T[] {
  return table.toArray().map((row) => row.toJSON() as T);
}
