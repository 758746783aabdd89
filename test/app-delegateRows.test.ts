import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import {
  groupDelegates,
  isProposed,
  provinceTotals,
  visibleRows,
  type AgencyDelegates,
  type DelegateRow,
  type DelegateStatus,
  type SummaryRow,
} from '../dashboard/app/congress/delegateRows.ts';
import { query, rows } from '../dashboard/app/lib/query.ts';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';

// dashboard/app/congress/delegateRows.ts: the congress page's Section V lists, grouped per agency,
// from hand-made rows (the edge cases) and from the reporting service's real answers.

function delegate(agency_code: string, position: number, status: DelegateStatus, agency_name = agency_code): DelegateRow {
  return {
    agency_code,
    agency_name,
    seats: 3,
    candidates: 0,
    rank: position,
    position,
    exemplar_id: position,
    exemplar_code: `E${position}`,
    name: `Điển hình ${position}`,
    unit: '',
    kind: 'ca_nhan',
    kind_label: 'Cá nhân',
    movement_no: 3,
    times_recognised: 1,
    recognition_years: '2025',
    tie_size: 1,
    status,
    status_label: status,
  };
}

function summary(agency_code: string, agency_name: string, seats: number | null, extra: Partial<SummaryRow> = {}): SummaryRow {
  return {
    agency_code,
    agency_name,
    seats,
    candidates: 0,
    within_seats: 0,
    tied_at_cutoff: 0,
    seats_for_tied: null,
    seats_unfilled: seats,
    cutoff_times: null,
    fewer_candidates_than_seats: false,
    ...extra,
  };
}

describe('isProposed', () => {
  it('proposes the rows within the seats and the rows tied at the cut-off, no other', () => {
    expect(isProposed(delegate('SYT', 1, 'trong_phan_bo'))).toBe(true);
    expect(isProposed(delegate('SYT', 1, 'hoa_o_nguong'))).toBe(true);
    expect(isProposed(delegate('SYT', 1, 'ngoai_phan_bo'))).toBe(false);
    expect(isProposed(delegate('SYT', 1, 'chua_phan_bo'))).toBe(false);
  });
});

describe('groupDelegates', () => {
  it('groups rows by agency, each group by display position, whatever order the rows came in', () => {
    const list = [
      delegate('SYT', 3, 'ngoai_phan_bo'),
      delegate('SNV', 1, 'trong_phan_bo'),
      delegate('SYT', 1, 'trong_phan_bo'),
      delegate('SYT', 2, 'hoa_o_nguong'),
    ];
    const groups = groupDelegates(list, [summary('SYT', 'Sở Y tế', 2), summary('SNV', 'Sở Nội vụ', 1)]);
    const syt = groups.find((g) => g.summary.agency_code === 'SYT')!;
    expect(syt.rows.map((r) => r.position)).toEqual([1, 2, 3]);
    expect(syt.cutAfter).toBe(2); // the last proposed row, the tied one included
    expect(groups.find((g) => g.summary.agency_code === 'SNV')!.rows.map((r) => r.exemplar_code)).toEqual(['E1']);
  });

  it('lists every agency of the summary, one with seats and no candidate with no rows and no line', () => {
    const groups = groupDelegates([], [summary('SGDDT', 'Sở Giáo dục và Đào tạo', 4)]);
    expect(groups).toEqual([{ summary: summary('SGDDT', 'Sở Giáo dục và Đào tạo', 4), rows: [], cutAfter: null }]);
  });

  it('draws no line for an agency without an allocation, nor where nobody is proposed', () => {
    const groups = groupDelegates(
      [delegate('SLDTBXH', 1, 'chua_phan_bo'), delegate('SLDTBXH', 2, 'chua_phan_bo'), delegate('SYT', 1, 'ngoai_phan_bo')],
      [summary('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', null), summary('SYT', 'Sở Y tế', 0)],
    );
    expect(groups.map((g) => [g.summary.agency_code, g.rows.length, g.cutAfter])).toEqual([
      ['SLDTBXH', 2, null],
      ['SYT', 1, null],
    ]);
  });

  it('sorts agencies in Vietnamese order (Đ after D, before E), not by code point', () => {
    const names = ['Sở Y tế', 'Ủy ban Mặt trận Tổ quốc tỉnh', 'Đảng ủy Khối', 'Công an tỉnh', 'Dân tộc', 'Huyện Ân Thi', 'Ban Dân vận'];
    const groups = groupDelegates(
      [],
      names.map((n, i) => summary(`A${i}`, n, 1)),
    );
    expect(groups.map((g) => g.summary.agency_name)).toEqual([
      'Ban Dân vận',
      'Công an tỉnh',
      'Dân tộc',
      'Đảng ủy Khối',
      'Huyện Ân Thi',
      'Sở Y tế',
      'Ủy ban Mặt trận Tổ quốc tỉnh',
    ]);
  });

  it('leaves out rows of an agency the summary does not list', () => {
    const groups = groupDelegates([delegate('XYZ', 1, 'trong_phan_bo')], [summary('SYT', 'Sở Y tế', 1)]);
    expect(groups.flatMap((g) => g.rows)).toEqual([]);
  });
});

describe('visibleRows', () => {
  const group = (cutAfter: number | null, count: number): AgencyDelegates => ({
    summary: summary('SYT', 'Sở Y tế', 3),
    rows: Array.from({ length: count }, (_, i) => delegate('SYT', i + 1, i + 1 <= (cutAfter ?? 0) ? 'trong_phan_bo' : 'ngoai_phan_bo')),
    cutAfter,
  });

  it('shows the proposed rows and three below the line', () => {
    expect(visibleRows(group(3, 20), false).map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(visibleRows(group(3, 20), false, 1).map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect(visibleRows(group(3, 4), false).map((r) => r.position)).toEqual([1, 2, 3, 4]);
  });

  it('shows the first thirteen where there is no line, and everything when asked', () => {
    expect(visibleRows(group(null, 20), false)).toHaveLength(13);
    expect(visibleRows(group(null, 20), true)).toHaveLength(20);
    expect(visibleRows(group(3, 20), true)).toHaveLength(20);
  });

  it('always shows every proposed row, as a leading run of the list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom<DelegateStatus>('trong_phan_bo', 'hoa_o_nguong', 'ngoai_phan_bo'), { maxLength: 40 }),
        fc.nat(5),
        (statuses, below) => {
          // Proposed rows rank first (the service's order); shuffled input must not matter.
          const ordered = [...statuses].sort((a, b) => Number(!isProposedStatus(a)) - Number(!isProposedStatus(b)));
          const list = ordered.map((s, i) => delegate('SYT', i + 1, s)).reverse();
          const [g] = groupDelegates(list, [summary('SYT', 'Sở Y tế', 3)]);
          const shown = visibleRows(g!, false, below);
          expect(shown).toEqual(g!.rows.slice(0, shown.length));
          expect(shown.filter(isProposed)).toHaveLength(g!.rows.filter(isProposed).length);
          expect(shown.length).toBeLessThanOrEqual((g!.cutAfter ?? 10) + below);
        },
      ),
    );
  });
});

function isProposedStatus(s: DelegateStatus): boolean {
  return s === 'trong_phan_bo' || s === 'hoa_o_nguong';
}

describe('provinceTotals', () => {
  it('adds up the agencies with seats, and counts those without an allocation or short of candidates', () => {
    const totals = provinceTotals([
      summary('SYT', 'Sở Y tế', 3, { candidates: 6, within_seats: 2, tied_at_cutoff: 2, seats_for_tied: 1, seats_unfilled: 0 }),
      summary('SNV', 'Sở Nội vụ', 2, { candidates: 1, within_seats: 1, seats_unfilled: 1, fewer_candidates_than_seats: true }),
      summary('SGDDT', 'Sở Giáo dục và Đào tạo', 4, { seats_unfilled: 4, fewer_candidates_than_seats: true }),
      // Candidates without an allocation: counted apart, never in the seat sums.
      summary('SLDTBXH', 'Sở Lao động - Thương binh và Xã hội', null, {
        candidates: 2,
        within_seats: 5,
        tied_at_cutoff: 3,
        seats_unfilled: null,
      }),
    ]);
    expect(totals).toEqual({
      agenciesWithSeats: 3,
      seats: 9,
      withinSeats: 3,
      tied: 2,
      seatsForTied: 1,
      seatsUnfilled: 5,
      agenciesWithTie: 1,
      agenciesWithoutAllocation: 1,
      fewerCandidates: 2,
    });
  });

  it('is all zeros for no agency', () => {
    expect(Object.values(provinceTotals([])).every((v) => v === 0)).toBe(true);
  });
});

describe("from the reporting service's answers (test/queries-fixture.ts)", () => {
  let service: FixtureService;
  let groups: AgencyDelegates[];
  let totals: ReturnType<typeof provinceTotals>;

  beforeAll(async () => {
    service = await startFixtureService();
    // The app's fetch goes to the real reporting app, in-process.
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => service.app.request(input, init));
    const [list, sums] = await Promise.all([query('congress_delegates_by_agency'), query('congress_delegate_summary_by_agency')]);
    if (!list.ok || !sums.ok) throw new Error('the fixture service did not answer');
    const summaryRows = rows(sums.table) as unknown as SummaryRow[];
    groups = groupDelegates(rows(list.table) as unknown as DelegateRow[], summaryRows);
    totals = provinceTotals(summaryRows);
  });
  afterAll(async () => {
    vi.unstubAllGlobals();
    await service?.stop();
  });

  it('groups the four agencies in Vietnamese order', () => {
    expect(groups.map((g) => g.summary.agency_code)).toEqual(['SGDDT', 'SLDTBXH', 'SNV', 'SYT']);
  });

  it("draws Sở Y tế's line after the two tied exemplars (3 seats: E1, E2 within, E3 and E4 tied for the last)", () => {
    const syt = groups.find((g) => g.summary.agency_code === 'SYT')!;
    expect(syt.rows.map((r) => r.exemplar_code)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
    expect(syt.cutAfter).toBe(4);
    expect(syt.rows.filter(isProposed).map((r) => r.exemplar_code)).toEqual(['E1', 'E2', 'E3', 'E4']);
    expect(visibleRows(syt, false, 1).map((r) => r.exemplar_code)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
  });

  it('draws no line for the agency without an allocation, and lists the agency without candidates', () => {
    const sld = groups.find((g) => g.summary.agency_code === 'SLDTBXH')!;
    expect([sld.rows.length, sld.cutAfter]).toEqual([2, null]);
    const sgd = groups.find((g) => g.summary.agency_code === 'SGDDT')!;
    expect([sgd.rows.length, sgd.cutAfter, sgd.summary.seats]).toEqual([0, null, 4]);
    expect(groups.find((g) => g.summary.agency_code === 'SNV')!.cutAfter).toBe(1);
  });

  it('totals the province: 9 seats over 3 agencies, 3 within, 2 tied for 1 seat, 5 unfilled', () => {
    expect(totals).toEqual({
      agenciesWithSeats: 3,
      seats: 9,
      withinSeats: 3,
      tied: 2,
      seatsForTied: 1,
      seatsUnfilled: 5,
      agenciesWithTie: 1,
      agenciesWithoutAllocation: 1,
      fewerCandidates: 2,
    });
  });
});
