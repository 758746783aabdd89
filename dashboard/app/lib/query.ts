import {
  tableFromIPC,
  type Bool,
  type DateMillisecond,
  type Dictionary,
  type Float64,
  type Int32,
  type Table,
  type TimestampMillisecond,
  type TypeMap,
  type Utf8,
} from 'apache-arrow';
import type { ColumnKind, QueryColumn, QueryColumnKinds, QueryName, QueryRow } from '../../../contracts/queries.generated.ts';

export type { QueryName, QueryRow } from '../../../contracts/queries.generated.ts';

/** The Arrow type each column kind travels as (dashboard/server/encodeArrow.ts). */
interface ArrowTypeOf {
  integer: Int32;
  double: Float64;
  string: Utf8 | Dictionary<Utf8, Int32>;
  boolean: Bool;
  date: DateMillisecond;
  timestamp: TimestampMillisecond;
}

/** A query's answer schema, from the generated column kinds: `getChild('nope')` does not compile. */
export type QueryTypeMap<N extends QueryName> = { [C in keyof QueryColumnKinds[N]]: ArrowTypeOf[QueryColumnKinds[N][C] & ColumnKind] };

/** The decoded Arrow table of a named query's answer. */
export type QueryTable<N extends QueryName> = Table<QueryTypeMap<N>>;

/** A plain JS row of a table (`row.toJSON()`); any cell may be null (Arrow's own row type says it cannot). */
export type RowOf<T extends TypeMap> = { [C in keyof T]: T[C]['TValue'] | null };

/**
 * Some columns of query N as a module reads them, for code that knows more than the header says
 * (a key column is never null, a status is one of four codes): every key must be a column of N
 * and every type a narrowing of the generated one, or the type-check fails. Rows get this type
 * by a cast (`rows(table) as View[]`), the one place that trusts the query.
 */
export type RowView<N extends QueryName, V extends { [K in keyof V]: K extends QueryColumn<N> ? QueryRow<N>[K] : never }> = V;

/** Which snapshot an answer came from: every figure shown or exported cites it. */
export interface SnapshotStamp {
  version: number | null;
  createdAt: string | null;
}

/** A failed request, shown as is beside the chart (docs/conventions.md#errors: errors are values). */
export interface QueryError {
  code: string;
  message: string;
  status: number | null;
}

export type QueryAnswer<N extends QueryName = QueryName> =
  | { ok: true; table: QueryTable<N>; snapshot: SnapshotStamp }
  | { ok: false; error: QueryError };

/**
 * Parameter values as the pages hold them (URL filters). Looser than the generated
 * QueryParams<N>: a page passes its filters to every query and fitParams keeps the declared ones.
 */
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

export function queryUrl(name: QueryName, params: QueryParams = {}, format?: 'csv' | 'xlsx'): string {
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
    if (message) return { code: inner.code ?? `HTTP_${res.status}`, message, status: res.status };
  } catch {
    // not JSON (a proxy's HTML page, say): fall through to the raw text
  }
  const fallback = res.status === 503 ? 'Chưa có dữ liệu (chưa có bản chốt số liệu nào).' : `Lỗi máy chủ ${res.status}`;
  return { code: `HTTP_${res.status}`, message: text.trim().slice(0, 300) || fallback, status: res.status };
}

/** Runs a named query of the reporting service and decodes its Arrow IPC answer. */
export function query<N extends QueryName>(name: N, params: QueryParams = {}, signal?: AbortSignal): Promise<QueryAnswer<N>> {
  return fetchAnswer<N>(queryUrl(name, params), signal);
}

async function fetchAnswer<N extends QueryName>(url: string, signal?: AbortSignal): Promise<QueryAnswer<N>> {
  let res: Response;
  try {
    // No Accept header: Arrow is the service's default, and a request with headers of its own
    // would not take the answers index.html preloads (the catalogue, fetched while the code loads).
    res = await fetch(url, { signal });
  } catch (err) {
    if (signal?.aborted) throw err; // the caller abandoned this request; it handles the abort itself
    return {
      ok: false,
      error: { code: 'NETWORK', message: `Không kết nối được dịch vụ báo cáo: ${(err as Error).message}`, status: null },
    };
  }
  if (!res.ok) return { ok: false, error: await readError(res) };
  try {
    // The service sends the columns its header declares (test/queries-files.test.ts), with the
    // types contracts/queries.generated.ts was generated from.
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer())) as QueryTable<N>;
    return { ok: true, table, snapshot: snapshotStamp(res.headers) };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ok: false, error: { code: 'DECODE', message: `Không đọc được dữ liệu Arrow: ${(err as Error).message}`, status: null } };
  }
}

/**
 * Answers asked for before the app mounts (main.ts): the first screen's, whose URLs the service
 * writes into index.html as preloads. A page's query of the same URL takes the answer (at once
 * when it is in), so the first screen is drawn in one go, one layout, rather than card by card
 * as each answer lands. Each is taken once: a later request of the URL asks the service again.
 */
const early = new Map<string, Promise<QueryAnswer>>();
const earlyIn = new Map<string, QueryAnswer>();

/** Asks for the answers at `urls`; resolves when every one is in (or has failed). */
export function readEarlyAnswers(urls: readonly string[]): Promise<void> {
  const all = urls.map((url) => {
    const answer = fetchAnswer(url).then((a) => {
      if (early.has(url)) earlyIn.set(url, a);
      return a;
    });
    early.set(url, answer);
    return answer;
  });
  return Promise.all(all).then(() => undefined);
}

/** Whether every answer asked for early is in, answered without error, from snapshot `version`. */
export function earlyAnswersIn(count: number, version: number): boolean {
  const answers = [...earlyIn.values()];
  return answers.length === count && answers.every((a) => a.ok && a.snapshot.version === version);
}

/** Drops the answers asked for early that no page took. */
export function forgetEarlyAnswers(): void {
  early.clear();
  earlyIn.clear();
}

/** The answer asked for early for this request, if any: in hand, or on its way. */
export function takeEarlyAnswer<N extends QueryName>(name: N, params: QueryParams): QueryAnswer<N> | Promise<QueryAnswer<N>> | undefined {
  const url = queryUrl(name, params);
  const pending = early.get(url);
  const answer = earlyIn.get(url);
  early.delete(url);
  earlyIn.delete(url);
  return (answer ?? pending) as QueryAnswer<N> | Promise<QueryAnswer<N>> | undefined;
}

/** Plain JS rows of a (small) table, for lists and selects; charts take the columns. */
export function rows<T extends TypeMap>(table: Table<T>): RowOf<T>[] {
  return table.toArray().map((row) => row.toJSON() as RowOf<T>);
}
