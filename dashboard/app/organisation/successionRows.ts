import type { RowView } from '../lib/query.ts';

/** succession_totals as the reporting service answers it: one row per predecessor and
 *  successor, and one with no successor for the exemplars no rule placed. */
export type SuccessionRow = RowView<
  'succession_totals',
  {
    predecessor_code: string;
    predecessor_name: string;
    successor_code: string | null;
    successor_name: string | null;
    takes_by: string | null;
    exemplars: number;
    recognitions: number;
  }
>;

export interface SuccessionLine extends SuccessionRow, Record<string, unknown> {
  successor_label: string;
  takes_label: string;
  unplaced: boolean;
}

/** How a predecessor's exemplars are divided (agency_successions.takes_by), in the users' words. */
const TAKES: Record<string, string> = {
  all: 'Toàn bộ',
  movement: 'Theo phong trào',
  commune: 'Theo xã, phường',
  list: 'Theo danh sách',
  rest: 'Phần còn lại',
};

/** Rows grouped by predecessor (by name), successors first and the unplaced last. */
export function successionRows(list: SuccessionRow[]): SuccessionLine[] {
  return list
    .map((r) => ({
      ...r,
      unplaced: r.successor_code === null,
      successor_label: r.successor_code === null ? 'Chưa xếp — Sở Nội vụ quyết định' : (r.successor_name ?? r.successor_code),
      takes_label: r.successor_code === null ? '–' : (TAKES[r.takes_by ?? 'all'] ?? String(r.takes_by)),
    }))
    .sort(
      (a, b) =>
        a.predecessor_name.localeCompare(b.predecessor_name, 'vi') ||
        Number(a.unplaced) - Number(b.unplaced) ||
        a.successor_label.localeCompare(b.successor_label, 'vi'),
    );
}
