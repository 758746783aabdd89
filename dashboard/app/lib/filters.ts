import { periodOfYear, yearContext } from './plans.svelte.ts';
import { acceptsParam } from './queryCatalogue.svelte.ts';

/**
 * The filters a view can carry in its URL (year range, plan, movement, agency, bloc, kind),
 * parsed from and written to a query string, so a view bookmarks and back/forward restore it.
 * Names are the reporting service's parameter names, so they pass through unchanged. The years
 * a URL leaves out are the latest period with data (the plans say which, not the code).
 */
export interface Filters {
  year_from: number;
  year_to: number;
  /** One plan of the years (a plan code), or null: every plan whose period the years fall in. */
  plan: string | null;
  /** A movement's key (movements.no), not its number within its plan. */
  movement: number | null;
  agency: string | null;
  bloc: string | null;
  kind: string | null;
  /** As recorded (false) or rolled up to the organisation at the end of the plan's period (true). */
  rollup: boolean;
  /**
   * The organisation in force on this date (YYYY-MM-DD), or null: each exemplar counts under the
   * agency that holds its history that day. Set, it replaces both other views (rollup is false).
   */
  as_of: string | null;
}

/** A page's own defaults: the congress page and the report roll up by default (the organisation
 *  at the end of the plan's period). */
export interface FilterDefaults {
  rollup: boolean;
  /**
   * The queries the page asks with the agency view: the date view is offered (and an as_of in
   * the URL read) only when every one of them declares as_of. Default: the standard filters'.
   */
  asOfQueries?: readonly string[];
}
const PLAIN: FilterDefaults = { rollup: false };
const STANDARD_QUERIES = ['overview_headline'] as const;

export const FILTER_KEYS = ['year_from', 'year_to', 'plan', 'movement', 'agency', 'bloc', 'kind', 'rollup', 'as_of'] as const;

/** Whether the page may show figures by the organisation on a date (the service declares as_of). */
export function asOfOffered(defaults: FilterDefaults = PLAIN): boolean {
  return acceptsParam(defaults.asOfQueries ?? STANDARD_QUERIES, 'as_of');
}

/** "30/6/2025", "30/06/2025" (also with "." or "-") → "2025-06-30"; anything else, or no such day → null. */
export function isoFromViDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  return m ? isoDate(`${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`) : null;
}

/** A real calendar date written YYYY-MM-DD, else null. */
export function isoDate(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? value : null;
}

function yearOr(value: string | null, fallback: number, min: number, max: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function parseFilters(params: URLSearchParams, defaults: FilterDefaults = PLAIN): Filters {
  const movement = Number(params.get('movement'));
  const rollup = params.get('rollup');
  // Read only where the service answers for it, so an older service is never sent one.
  const as_of = asOfOffered(defaults) ? isoDate(params.get('as_of')) : null;
  const years = yearContext();
  const year_to = yearOr(params.get('year_to'), years.defaultTo, years.min, years.max);
  let year_from = yearOr(params.get('year_from'), years.defaultFrom, years.min, years.max);
  // A year_to alone: from the start of that year's period, not from a later default.
  if (year_from > year_to) year_from = Math.max(years.min, Math.min(year_to, periodOfYear(year_to)?.firstYear ?? year_to));
  return {
    year_from,
    year_to,
    plan: params.get('plan') || null,
    movement: Number.isInteger(movement) && movement >= 1 ? movement : null,
    agency: params.get('agency') || null,
    bloc: params.get('bloc') || null,
    kind: params.get('kind') || null,
    rollup: as_of ? false : rollup === '1' ? true : rollup === '0' ? false : defaults.rollup,
    as_of,
  };
}

/** Only what differs from the defaults goes into the URL, so plain views keep plain URLs. */
export function filtersToParams(filters: Filters, defaults: FilterDefaults = PLAIN): Record<string, string> {
  const out: Record<string, string> = {};
  const years = yearContext();
  if (filters.year_from !== years.defaultFrom) out.year_from = String(filters.year_from);
  if (filters.year_to !== years.defaultTo) out.year_to = String(filters.year_to);
  if (filters.plan) out.plan = filters.plan;
  if (filters.movement !== null) out.movement = String(filters.movement);
  if (filters.agency) out.agency = filters.agency;
  if (filters.bloc) out.bloc = filters.bloc;
  if (filters.kind) out.kind = filters.kind;
  // A date says the view by itself; rollup would only repeat (or contradict) it.
  if (filters.as_of) out.as_of = filters.as_of;
  else if (filters.rollup !== defaults.rollup) out.rollup = filters.rollup ? '1' : '0';
  return out;
}

/** Query parameters for the reporting service: always the full year range, plus set filters. */
export function filtersToQuery(filters: Filters): Record<string, string> {
  const { rollup: _view, ...rest } = filtersToParams(filters);
  // rollup is sent only when on, so as-recorded requests stay the plain default ones; a date
  // (as_of, in rest) replaces it.
  return {
    ...rest,
    year_from: String(filters.year_from),
    year_to: String(filters.year_to),
    ...(filters.rollup && !filters.as_of ? { rollup: 'true' } : {}),
  };
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
 * The register's URL parameters for a chart mark (drill-down: a figure can be checked against its rows): the filters in force on the
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
