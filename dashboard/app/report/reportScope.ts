import type { Filters } from '../lib/filters.ts';
import type { QueryName, QueryParams } from '../lib/query.ts';

/** The report's own filters: a period, a scope (province, a bloc or an agency) and the agency
 *  view. Movement and kind are not report filters: the report covers them all. */
export interface ReportScope {
  year_from: number;
  year_to: number;
  /** One plan of the years, or null for all of them. */
  plan: string | null;
  /** The plan whose agencies' plans the report lists (the chosen one, else the period's own). */
  submissionPlan: string | null;
  agency: string | null;
  bloc: string | null;
  rollup: boolean;
  /** The organisation in force on this date (YYYY-MM-DD), or null; set, it replaces rollup. */
  as_of: string | null;
  /** The congress section 10 lists (its own period's recognitions), or null: the service's default. */
  congress: string | null;
}

/** The report's queries that take the agency view: the date view is offered when all declare as_of. */
export const REPORT_VIEW_QUERIES = [
  'overview_headline',
  'congress_delegate_summary_by_agency',
  'congress_delegate_totals_by_kind',
] as const;

export function reportScope(f: Filters, submissionPlan: string | null, congress: string | null = null): ReportScope {
  // An agency scope wins over a bloc: the scope is one of the three, never both.
  return {
    year_from: f.year_from,
    year_to: f.year_to,
    plan: f.plan,
    submissionPlan,
    agency: f.agency,
    bloc: f.agency ? null : f.bloc,
    rollup: f.rollup,
    as_of: f.as_of,
    congress,
  };
}

/** Parameters of the standard-filter queries for this scope. */
export function scopeParams(s: ReportScope): QueryParams {
  // A date replaces rollup: one view of the organisation per request.
  return {
    year_from: s.year_from,
    year_to: s.year_to,
    plan: s.plan,
    agency: s.agency,
    bloc: s.bloc,
    ...(s.as_of ? { as_of: s.as_of } : { rollup: s.rollup }),
  };
}

/** Every query the report asks, by the name it is kept under. */
export function reportRequests(s: ReportScope) {
  const p = scopeParams(s);
  // A congress ranks its own period's recognitions: never the report's years (2026–2030 with the
  // 2025 congress would rank recognitions it never saw).
  const congress = { congress: s.congress, agency: s.agency, bloc: s.bloc, ...(s.as_of ? { as_of: s.as_of } : { rollup: s.rollup }) };
  return {
    headline: { name: 'overview_headline', params: p },
    byYear: { name: 'recognitions_by_year', params: p },
    byMovement: { name: 'recognitions_by_movement', params: p },
    byAgency: { name: 'recognitions_by_agency', params: p },
    byKind: { name: 'recognitions_by_kind', params: p },
    byCategory: { name: 'recognitions_by_category', params: p },
    targetsByMovement: { name: 'targets_vs_results_by_movement', params: p },
    targetsByAgency: { name: 'targets_vs_results_by_agency', params: p },
    // Agencies' plans were sent at the start of the period by the agencies of the day: listed as recorded.
    plans: { name: 'plan_submission_by_agency', params: { agency: s.agency, bloc: s.bloc, plan: s.submissionPlan } },
    stages: { name: 'exemplars_by_stage', params: p },
    trend: { name: 'movement_trend', params: p },
    delegateSummary: { name: 'congress_delegate_summary_by_agency', params: congress },
    delegatesByKind: { name: 'congress_delegate_totals_by_kind', params: congress },
  } satisfies Record<string, { name: QueryName; params: QueryParams }>;
}

export type ReportKey = keyof ReturnType<typeof reportRequests>;
