import { readError, type QueryName } from './query.ts';

/** One parameter as GET /api/queries lists it: its resolved range (years come from the plans of
 *  the snapshot) and its default. */
export interface ParamInfo {
  name: string;
  kind: string;
  /** null before the first snapshot for the ranges the snapshot sets (the plans' years). */
  min?: number | null;
  max?: number | null;
  values?: string[];
  required: boolean;
  default: string | number | boolean | null;
}

/** The reporting service's query catalogue: which parameters each named query declares. */
export const queryCatalogue = $state<{
  params: Record<string, ParamInfo[]>;
  defaultCongress: string | null;
  loaded: boolean;
  error: string | null;
}>({
  params: {},
  defaultCongress: null,
  loaded: false,
  error: null,
});

export async function loadQueryCatalogue(): Promise<void> {
  try {
    const res = await fetch('/api/queries', { credentials: 'same-origin' });
    if (!res.ok) {
      queryCatalogue.error = (await readError(res)).message;
      return;
    }
    const body = (await res.json()) as {
      queries: Array<{ name: string; params: ParamInfo[] }>;
      snapshot?: { defaultCongress?: string | null } | null;
    };
    queryCatalogue.params = Object.fromEntries(body.queries.map((q) => [q.name, q.params]));
    // The congress the congress_* queries answer for when none is named.
    queryCatalogue.defaultCongress = body.snapshot?.defaultCongress ?? null;
    queryCatalogue.loaded = true;
    queryCatalogue.error = null;
  } catch (err) {
    queryCatalogue.error = `Không kết nối được dịch vụ báo cáo: ${(err as Error).message}`;
  }
}

/** A declared parameter of a query (undefined while the catalogue is not loaded, or not declared). */
export function paramInfo(query: string, param: string): ParamInfo | undefined {
  return queryCatalogue.params[query]?.find((p) => p.name === param);
}

/** Whether every one of the queries declares the parameter (false while the catalogue is unknown). */
export function acceptsParam(queries: readonly string[], param: string): boolean {
  return queries.length > 0 && queries.every((q) => paramInfo(q, param) !== undefined);
}

/**
 * Only the parameters the query declares: the service refuses an unknown one, and the page's
 * filters (plan, congress) do not apply to every query. Everything passes while the catalogue
 * is unknown.
 */
export function fitParams<P extends Record<string, unknown>>(query: QueryName, params: P): Partial<P> {
  const declared = queryCatalogue.params[query];
  if (!declared) return params;
  const names = new Set(declared.map((p) => p.name));
  return Object.fromEntries(Object.entries(params).filter(([k]) => names.has(k))) as Partial<P>;
}

/** The years the standard filters accept, and their defaults, as the service resolved them. */
export function yearParams(): { min: number; max: number; defaultFrom: number | null; defaultTo: number | null } | null {
  const from = paramInfo('overview_headline', 'year_from');
  const to = paramInfo('overview_headline', 'year_to');
  if (!from || !to || typeof from.min !== 'number' || typeof to.max !== 'number') return null;
  return {
    min: from.min,
    max: to.max,
    defaultFrom: typeof from.default === 'number' ? from.default : null,
    defaultTo: typeof to.default === 'number' ? to.default : null,
  };
}
