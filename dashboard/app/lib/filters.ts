/**
 * The filters a view can carry in its URL (year range, movement, agency, bloc, kind), parsed
 * from and written to a query string, so a view bookmarks and back/forward restore it.
 * Names are the reporting service's parameter names, so they pass through unchanged.
 */
export interface Filters {
  year_from: number;
  year_to: number;
  movement: number | null;
  agency: string | null;
  bloc: string | null;
  kind: string | null;
  /** As recorded (false) or rolled up to each merged agency's current successor (true). */
  rollup: boolean;
}

/** A page's own defaults: the congress page and the report roll up by default (2025 view). */
export interface FilterDefaults {
  rollup: boolean;
}
const PLAIN: FilterDefaults = { rollup: false };

export const FILTER_KEYS = ['year_from', 'year_to', 'movement', 'agency', 'bloc', 'kind', 'rollup'] as const;
export const FIRST_YEAR = 2021;
export const LAST_YEAR = 2025;

function yearOr(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= FIRST_YEAR && n <= LAST_YEAR ? n : fallback;
}

export function parseFilters(params: URLSearchParams, defaults: FilterDefaults = PLAIN): Filters {
  const movement = Number(params.get('movement'));
  const rollup = params.get('rollup');
  return {
    year_from: yearOr(params.get('year_from'), FIRST_YEAR),
    year_to: yearOr(params.get('year_to'), LAST_YEAR),
    movement: Number.isInteger(movement) && movement >= 1 && movement <= 20 ? movement : null,
    agency: params.get('agency') || null,
    bloc: params.get('bloc') || null,
    kind: params.get('kind') || null,
    rollup: rollup === '1' ? true : rollup === '0' ? false : defaults.rollup,
  };
}

/** Only what differs from the defaults goes into the URL, so plain views keep plain URLs. */
export function filtersToParams(filters: Filters, defaults: FilterDefaults = PLAIN): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.year_from !== FIRST_YEAR) out.year_from = String(filters.year_from);
  if (filters.year_to !== LAST_YEAR) out.year_to = String(filters.year_to);
  if (filters.movement !== null) out.movement = String(filters.movement);
  if (filters.agency) out.agency = filters.agency;
  if (filters.bloc) out.bloc = filters.bloc;
  if (filters.kind) out.kind = filters.kind;
  if (filters.rollup !== defaults.rollup) out.rollup = filters.rollup ? '1' : '0';
  return out;
}

/** Query parameters for the reporting service: always the full year range, plus set filters. */
export function filtersToQuery(filters: Filters): Record<string, string> {
  const { rollup: _view, ...rest } = filtersToParams(filters);
  // rollup is sent only when on, so as-recorded requests stay the plain default ones.
  return { ...rest, year_from: String(filters.year_from), year_to: String(filters.year_to), ...(filters.rollup ? { rollup: 'true' } : {}) };
}

export function hasActiveFilters(filters: Filters, defaults: FilterDefaults = PLAIN): boolean {
  return Object.keys(filtersToParams(filters, defaults)).length > 0;
}

/** What one chart mark stands for: a year, movement, agency, bloc or kind (any combination). */
export interface DrillPick {
  year?: number;
  movement?: number;
  agency?: string;
  bloc?: string;
  kind?: string;
}

/**
 * The register's URL parameters for a chart mark (issue 14 §7): the filters in force on the
 * chart's page, narrowed to the mark's year, movement, agency, bloc or kind. The register then
 * lists exactly the exemplars behind the mark, and counts what the mark counts.
 */
export function drillParams(base: Filters, pick: DrillPick): Record<string, string> {
  const narrowed: Filters = {
    ...base,
    ...(pick.year !== undefined ? { year_from: pick.year, year_to: pick.year } : {}),
    ...(pick.movement !== undefined ? { movement: pick.movement } : {}),
    ...(pick.agency !== undefined ? { agency: pick.agency } : {}),
    ...(pick.bloc !== undefined ? { bloc: pick.bloc } : {}),
    ...(pick.kind !== undefined ? { kind: pick.kind } : {}),
  };
  return filtersToParams(narrowed);
}
