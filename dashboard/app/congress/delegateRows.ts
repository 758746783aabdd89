/** Section V rows as the reporting service answers them (congress_delegates_by_agency and
 *  congress_delegate_summary_by_agency), grouped per agency for the congress page. */
import type { RowView } from '../lib/query.ts';

export type DelegateStatus = 'trong_phan_bo' | 'hoa_o_nguong' | 'ngoai_phan_bo' | 'chua_phan_bo';

export type DelegateRow = RowView<
  'congress_delegates_by_agency',
  {
    agency_code: string;
    agency_name: string;
    seats: number | null;
    candidates: number;
    rank: number;
    position: number;
    exemplar_id: number;
    exemplar_code: string;
    name: string;
    unit: string;
    kind: string;
    kind_label: string;
    movement_no: number;
    times_recognised: number;
    recognition_years: string;
    tie_size: number;
    status: DelegateStatus;
    status_label: string;
  }
>;

export type SummaryRow = RowView<
  'congress_delegate_summary_by_agency',
  {
    agency_code: string;
    agency_name: string;
    seats: number | null;
    candidates: number;
    within_seats: number;
    tied_at_cutoff: number;
    seats_for_tied: number | null;
    seats_unfilled: number | null;
    cutoff_times: number | null;
    fewer_candidates_than_seats: boolean;
  }
>;

export interface AgencyDelegates {
  summary: SummaryRow;
  /** Ranked candidates, best first (the service's display position). */
  rows: DelegateRow[];
  /** The position after which the cut-off line is drawn (the last proposed row), or null. */
  cutAfter: number | null;
}

/** The marker the council reads: exemplars tied at the cut-off are for it to decide. */
export const TIE_MARK = 'Bằng số lần ở ngưỡng — Hội đồng quyết định';

export function isProposed(row: DelegateRow): boolean {
  return row.status === 'trong_phan_bo' || row.status === 'hoa_o_nguong';
}

/** Joins the list to the summary (which also has agencies with seats and no candidate). */
export function groupDelegates(list: DelegateRow[], summary: SummaryRow[]): AgencyDelegates[] {
  const byAgency = new Map<string, DelegateRow[]>();
  for (const row of list) {
    const group = byAgency.get(row.agency_code);
    if (group) group.push(row);
    else byAgency.set(row.agency_code, [row]);
  }
  return summary
    .map((s) => {
      const rows = (byAgency.get(s.agency_code) ?? []).sort((a, b) => a.position - b.position);
      const proposed = rows.filter(isProposed);
      return { summary: s, rows, cutAfter: s.seats === null || proposed.length === 0 ? null : proposed[proposed.length - 1]!.position };
    })
    .sort((a, b) => a.summary.agency_name.localeCompare(b.summary.agency_name, 'vi'));
}

/** Rows shown before "show all": the proposed ones and a few below the line, for context. */
export function visibleRows(group: AgencyDelegates, showAll: boolean, below = 3): DelegateRow[] {
  if (showAll) return group.rows;
  const limit = group.cutAfter ?? 10;
  return group.rows.filter((r) => r.position <= limit + below);
}

export interface ProvinceTotals {
  agenciesWithSeats: number;
  seats: number;
  withinSeats: number;
  tied: number;
  seatsForTied: number;
  seatsUnfilled: number;
  agenciesWithTie: number;
  agenciesWithoutAllocation: number;
  fewerCandidates: number;
}

export function provinceTotals(summary: SummaryRow[]): ProvinceTotals {
  const withSeats = summary.filter((s) => s.seats !== null);
  const sum = (f: (s: SummaryRow) => number | null) => withSeats.reduce((t, s) => t + (f(s) ?? 0), 0);
  return {
    agenciesWithSeats: withSeats.length,
    seats: sum((s) => s.seats),
    withinSeats: sum((s) => s.within_seats),
    tied: sum((s) => s.tied_at_cutoff),
    seatsForTied: sum((s) => s.seats_for_tied),
    seatsUnfilled: sum((s) => s.seats_unfilled),
    agenciesWithTie: withSeats.filter((s) => s.tied_at_cutoff > 0).length,
    agenciesWithoutAllocation: summary.filter((s) => s.seats === null).length,
    fewerCandidates: summary.filter((s) => s.fewer_candidates_than_seats).length,
  };
}
