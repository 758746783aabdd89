import type { QueryDefinition } from './queryDefinition.ts';
import { resolveQuery } from './resolveQuery.ts';
import type { SnapshotFacts } from './snapshotFacts.ts';

/**
 * The answers the overview (the first screen, dashboard/app/pages/OverviewPage.svelte) asks
 * for. test/dashboard-first-screen-e2e.test.ts checks in Chromium that these are the page's
 * requests, so a chart added to the overview without its name here fails there.
 */
export const OVERVIEW_QUERIES = [
  'overview_headline',
  'recognitions_by_year',
  'recognitions_by_kind',
  'recognitions_by_movement',
  'targets_vs_results_by_movement',
  'recognitions_by_agency',
  'agencies_behind_per_active_year',
] as const;

/**
 * The URLs of the overview's answers with the default filters, written as the app writes them
 * (lib/filters.ts filtersToQuery, lib/queryCatalogue fitParams, lib/query.ts queryUrl): the
 * years of the latest period with data, year_from then year_to, each only where the query
 * declares it. index.html preloads them (serveDashboardApp), so the service answers while the
 * browser loads the code; Chromium hands a preloaded answer only to a fetch of the same URL.
 * None before the first snapshot (the defaults are the snapshot's).
 */
export function firstScreenPreloads(catalog: ReadonlyMap<string, QueryDefinition>, facts: SnapshotFacts | null): string[] {
  if (!facts) return [];
  const urls: string[] = [];
  for (const name of OVERVIEW_QUERIES) {
    const def = catalog.get(name);
    if (!def) continue;
    const declared = new Map(resolveQuery(def, facts).params.map((p) => [p.name, p]));
    const search = new URLSearchParams();
    for (const param of ['year_from', 'year_to']) {
      const value = declared.get(param)?.default;
      if (typeof value === 'number') search.set(param, String(value));
    }
    const text = search.toString();
    urls.push(`/api/queries/${encodeURIComponent(name)}${text ? `?${text}` : ''}`);
  }
  return urls;
}
