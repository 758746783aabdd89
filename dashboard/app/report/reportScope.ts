import type { Filters } from '../lib/filters.ts';
import type { QueryParams } from '../lib/query.ts';

/** The report's own filters: a period, a scope (province, a bloc or an agency) and the agency
 *  view. Movement and kind are not report filters: the report covers them all. */
export interface ReportScope {
  year_from: number;
  year_to: number;
  agency: string | null;
  bloc: string | null;
  rollup: boolean;
}

export function reportScope(f: Filters): ReportScope {
  // An agency scope wins over a bloc: the scope is one of the three, never both.
  return { year_from: f.year_from, year_to: f.year_to, agency: f.agency, bloc: f.agency ? null : f.bloc, rollup: f.rollup };
}

/** Parameters of the standard-filter queries for this scope. */
export function scopeParams(s: ReportScope): QueryParams {
  return { year_from: s.year_from, year_to: s.year_to, agency: s.agency, bloc: s.bloc, rollup: s.rollup };
}

/** Every query the report asks, by the name it is kept under. */
export function reportRequests(s: ReportScope) {
  const p = scopeParams(s);
  return {
    headline: { name: 'overview_headline', params: p },
    byYear: { name: 'recognitions_by_year', params: p },
    byMovement: { name: 'recognitions_by_movement', params: p },
    byAgency: { name: 'recognitions_by_agency', params: p },
    byKind: { name: 'recognitions_by_kind', params: p },
    byCategory: { name: 'recognitions_by_category', params: p },
    targetsByMovement: { name: 'targets_vs_results_by_movement', params: p },
    targetsByAgency: { name: 'targets_vs_results_by_agency', params: p },
    // Plans were sent in 2021 by the agencies of the day: listed as recorded.
    plans: { name: 'plan_submission_by_agency', params: { agency: s.agency, bloc: s.bloc } },
    stages: { name: 'exemplars_by_stage', params: p },
    trend: { name: 'movement_trend_2021_2025', params: p },
    delegateSummary: { name: 'congress_delegate_summary_by_agency', params: p },
    delegatesByKind: { name: 'congress_delegate_totals_by_kind', params: p },
  } satisfies Record<string, { name: string; params: QueryParams }>;
}

export type ReportKey = keyof ReturnType<typeof reportRequests>;
