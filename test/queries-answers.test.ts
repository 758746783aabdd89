import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { startFixtureService, type FixtureService } from './queries-fixture.ts';

// The agencies the migration registers (the shipped organisation file), as the fixture has them.
const AGENCIES = (
  JSON.parse(readFileSync(new URL('../catalogue/organisation/hung-yen.json', import.meta.url), 'utf8')) as {
    agencies: { code: string; validFrom: string | null }[];
  }
).agencies.map((a) => ({ code: a.code, activeFrom: a.validFrom }));

// Expected answers are worked out by hand from the fixture described in queries-fixture.ts.
let app: Hono;

type Row = Record<string, unknown>;
async function rows(name: string, params: Record<string, string | number | boolean> = {}): Promise<Row[]> {
  const query = new URLSearchParams({ format: 'json', ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) });
  const res = await app.request(`/api/queries/${name}?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}
const pick = (list: Row[], keys: string[]) => list.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

let service: FixtureService;
beforeAll(async () => {
  service = await startFixtureService();
  ({ app } = service);
});
afterAll(() => service.stop());

describe('counts by year, movement, agency, kind, category', () => {
  it('counts recognitions and distinct exemplars per year, ignoring superseded batches', async () => {
    expect(await rows('recognitions_by_year')).toEqual([
      { year: 2021, recognitions: 3, exemplars: 3 },
      { year: 2022, recognitions: 4, exemplars: 4 },
      { year: 2023, recognitions: 5, exemplars: 5 },
      { year: 2024, recognitions: 7, exemplars: 6 },
      { year: 2025, recognitions: 5, exemplars: 4 },
    ]);
  });

  it('applies the movement filter and year range, zero-filling years without exemplars', async () => {
    expect(await rows('recognitions_by_year', { movement: 8, year_from: 2022 })).toEqual([
      { year: 2022, recognitions: 1, exemplars: 1 },
      { year: 2023, recognitions: 1, exemplars: 1 },
      { year: 2024, recognitions: 0, exemplars: 0 },
      { year: 2025, recognitions: 0, exemplars: 0 },
    ]);
    expect(await rows('recognitions_by_year', { form: 'bang_khen_ubnd' })).toEqual([
      { year: 2021, recognitions: 0, exemplars: 0 },
      { year: 2022, recognitions: 0, exemplars: 0 },
      { year: 2023, recognitions: 0, exemplars: 0 },
      { year: 2024, recognitions: 1, exemplars: 1 },
      { year: 2025, recognitions: 1, exemplars: 1 },
    ]);
  });

  it('lists all 20 movements with their lead agency', async () => {
    const list = await rows('recognitions_by_movement');
    expect(list).toHaveLength(20);
    expect(
      pick(
        list.filter((r) => (r.recognitions as number) > 0),
        ['movement_no', 'recognitions', 'exemplars', 'lead_agency_code'],
      ),
    ).toEqual([
      { movement_no: 3, recognitions: 19, exemplars: 6, lead_agency_code: 'SYT' },
      { movement_no: 8, recognitions: 3, exemplars: 2, lead_agency_code: 'SLDTBXH' },
      { movement_no: 9, recognitions: 2, exemplars: 1, lead_agency_code: 'SNV' },
    ]);
  });

  it('counts by agency as recorded and rolled up, with the province total unchanged', async () => {
    const recorded = await rows('recognitions_by_agency');
    const rolled = await rows('recognitions_by_agency', { rollup: true });
    expect(pick(recorded.slice(0, 3), ['agency_code', 'recognitions', 'exemplars'])).toEqual([
      { agency_code: 'SYT', recognitions: 19, exemplars: 6 },
      { agency_code: 'SLDTBXH', recognitions: 3, exemplars: 2 },
      { agency_code: 'SNV', recognitions: 2, exemplars: 1 },
    ]);
    expect(pick(rolled.slice(0, 2), ['agency_code', 'recognitions', 'exemplars'])).toEqual([
      { agency_code: 'SYT', recognitions: 19, exemplars: 6 },
      { agency_code: 'SNV', recognitions: 5, exemplars: 3 },
    ]);
    // A merged agency has no row of its own in the rolled-up view.
    expect(rolled.some((r) => r.agency_code === 'SLDTBXH')).toBe(false);
    expect(recorded).toHaveLength(AGENCIES.length);
    const total = (list: Row[]) => list.reduce((s, r) => s + (r.recognitions as number), 0);
    expect(total(recorded)).toBe(24);
    expect(total(rolled)).toBe(24);
    // The agency filter follows the view: SNV rolled up includes what SLDTBXH recorded.
    expect((await rows('overview_headline', { agency: 'SNV', rollup: true }))[0]).toMatchObject({
      recognitions: 5,
      exemplars: 3,
      target_total: 6,
      share_achieved: 0.5,
    });
    expect((await rows('overview_headline', { agency: 'SNV' }))[0]).toMatchObject({
      recognitions: 2,
      exemplars: 1,
      target_total: 2,
      share_achieved: 0.5,
    });
  });

  it('counts by kind and by category, all listed', async () => {
    expect(pick(await rows('recognitions_by_kind'), ['kind', 'kind_label', 'recognitions', 'exemplars'])).toEqual([
      { kind: 'tap_the', kind_label: 'Tập thể', recognitions: 4, exemplars: 2 },
      { kind: 'ca_nhan', kind_label: 'Cá nhân', recognitions: 18, exemplars: 6 },
      { kind: 'ho_gia_dinh', kind_label: 'Hộ gia đình', recognitions: 2, exemplars: 1 },
    ]);
    expect(pick(await rows('recognitions_by_category'), ['category', 'recognitions', 'exemplars'])).toEqual([
      { category: 'dien_hinh_tien_tien', recognitions: 22, exemplars: 7 },
      { category: 'mo_hinh_moi', recognitions: 1, exemplars: 1 },
      { category: 'nhan_to_moi', recognitions: 1, exemplars: 1 },
    ]);
  });

  it('gives the overview headline figures', async () => {
    expect(await rows('overview_headline')).toEqual([
      {
        year_from: 2021,
        year_to: 2025,
        recognitions: 24,
        exemplars: 9,
        exemplars_tap_the: 2,
        exemplars_ca_nhan: 6,
        exemplars_ho_gia_dinh: 1,
        recognitions_cong_nhan_dhtt: 22,
        recognitions_bang_khen_ubnd: 2,
        agencies: 3,
        movements: 3,
        target_total: 16,
        target_for_years: 16,
        share_achieved: 0.5625,
      },
    ]);
    expect((await rows('overview_headline', { year_from: 2025, kind: 'tap_the' }))[0]).toMatchObject({
      recognitions: 0,
      exemplars: 0,
      target_total: 2,
      share_achieved: 0,
    });
  });

  it('counts the four stages, all listed', async () => {
    expect(pick(await rows('exemplars_by_stage'), ['stage', 'exemplars'])).toEqual([
      { stage: 'phat_hien', exemplars: 6 },
      { stage: 'boi_duong', exemplars: 1 },
      { stage: 'tong_ket', exemplars: 1 },
      { stage: 'nhan_rong', exemplars: 1 },
    ]);
  });
});

describe('matrices and trends', () => {
  it('fills the movement × year matrix with zeros (movement 8 has none in 2024)', async () => {
    const m = await rows('movement_year_matrix');
    expect(m).toHaveLength(100);
    const cell = (no: number, year: number) => m.find((r) => r.movement_no === no && r.year === year);
    expect(cell(8, 2024)).toMatchObject({ recognitions: 0, exemplars: 0 });
    expect(cell(3, 2025)).toMatchObject({ recognitions: 5, exemplars: 4 });
    expect(cell(1, 2021)).toMatchObject({ recognitions: 0 });
  });

  it('builds agency × year and bloc × year', async () => {
    const a = await rows('agency_year_matrix', { agency: 'SNV', rollup: true });
    expect(pick(a, ['year', 'recognitions', 'exemplars'])).toEqual([
      { year: 2021, recognitions: 1, exemplars: 1 },
      { year: 2022, recognitions: 1, exemplars: 1 },
      { year: 2023, recognitions: 1, exemplars: 1 },
      { year: 2024, recognitions: 2, exemplars: 1 },
      { year: 2025, recognitions: 0, exemplars: 0 },
    ]);
    const b = await rows('bloc_year_matrix', { bloc: 'K_VANHOA_XAHOI' });
    expect(b.map((r) => r.recognitions)).toEqual([3, 4, 5, 7, 5]);
    expect((await rows('bloc_year_matrix', { bloc: 'K_DIAPHUONG' })).every((r) => r.recognitions === 0)).toBe(true);
  });

  it('computes year-over-year change per movement', async () => {
    expect(
      pick(await rows('movement_year_over_year', { movement: 3 }), [
        'year',
        'recognitions',
        'recognitions_change',
        'recognitions_change_pct',
      ]),
    ).toEqual([
      { year: 2021, recognitions: 2, recognitions_change: null, recognitions_change_pct: null },
      { year: 2022, recognitions: 3, recognitions_change: 1, recognitions_change_pct: 50 },
      { year: 2023, recognitions: 4, recognitions_change: 1, recognitions_change_pct: 33.3 },
      { year: 2024, recognitions: 5, recognitions_change: 1, recognitions_change_pct: 25 },
      { year: 2025, recognitions: 5, recognitions_change: 0, recognitions_change_pct: 0 },
    ]);
    const m8 = await rows('movement_year_over_year', { movement: 8 });
    expect(pick(m8.slice(3), ['year', 'recognitions_change', 'recognitions_change_pct'])).toEqual([
      { year: 2024, recognitions_change: -1, recognitions_change_pct: -100 },
      { year: 2025, recognitions_change: 0, recognitions_change_pct: null },
    ]);
  });

  it('computes the 2021–2025 trend: slope 0.8 a year for movement 3 (2,3,4,5,5)', async () => {
    const [m3] = await rows('movement_trend', { movement: 3 });
    expect(m3).toMatchObject({
      recognitions_total: 19,
      recognitions_first_year: 2,
      recognitions_last_year: 5,
      change_first_to_last: 3,
      change_pct_first_to_last: 150,
      slope_per_year: 0.8,
      trend: 'tang',
    });
    const [m8] = await rows('movement_trend', { movement: 8 });
    expect(m8).toMatchObject({
      recognitions_first_year: 1,
      recognitions_last_year: 0,
      change_pct_first_to_last: -100,
      slope_per_year: -0.3,
      trend: 'giam',
    });
  });
});

describe('targets and plans', () => {
  it('compares targets with results per agency; agencies without a plan have none', async () => {
    const list = await rows('targets_vs_results_by_agency');
    const by = (code: string) => list.find((r) => r.agency_code === code);
    expect(by('SYT')).toMatchObject({ has_plan: true, target: 10, exemplars: 6, recognitions: 19, share_achieved: 0.6 });
    expect(by('SLDTBXH')).toMatchObject({ has_plan: true, target: 4, exemplars: 2, share_achieved: 0.5 });
    expect(by('SGDDT')).toMatchObject({ has_plan: false, target: null, exemplars: 0, share_achieved: null });
    const rolled = await rows('targets_vs_results_by_agency', { rollup: true, agency: 'SNV' });
    expect(rolled).toEqual([
      {
        agency_code: 'SNV',
        agency_name: 'Sở Nội vụ',
        bloc_code: 'K_VANHOA_XAHOI',
        has_plan: true,
        target: 6,
        exemplars: 3,
        recognitions: 5,
        share_achieved: 0.5,
      },
    ]);
  });

  it('compares targets with results per movement', async () => {
    const list = await rows('targets_vs_results_by_movement');
    expect(
      pick(
        list.filter((r) => r.target !== null),
        ['movement_no', 'target', 'exemplars', 'share_achieved'],
      ),
    ).toEqual([
      { movement_no: 3, target: 10, exemplars: 6, share_achieved: 0.6 },
      { movement_no: 8, target: 4, exemplars: 2, share_achieved: 0.5 },
      { movement_no: 9, target: 2, exemplars: 1, share_achieved: 0.5 },
    ]);
  });

  it('checks each plan date against 31 Aug 2021 and lists agencies without a plan', async () => {
    const list = await rows('plan_submission_by_agency');
    const existing = AGENCIES.filter((a) => !a.activeFrom).length;
    expect(list).toHaveLength(existing);
    const by = (code: string) => list.find((r) => r.agency_code === code);
    expect(by('SYT')).toMatchObject({ status: 'dung_han', days_after_deadline: 0, submitted_on: Date.UTC(2021, 7, 20) }); // 11 days early: 0 after
    expect(by('SNV')).toMatchObject({ status: 'dung_han', days_after_deadline: 0 });
    expect(by('SLDTBXH')).toMatchObject({ status: 'tre_han', days_after_deadline: 15, status_label: 'Trễ hạn' });
    expect(by('SGDDT')).toMatchObject({ status: 'chua_nop', submitted_on: null, status_label: 'Chưa gửi kế hoạch' });
    expect(by('SNNMT')).toBeUndefined(); // created in 2025: no plan was due
    expect(list.filter((r) => r.status === 'chua_nop')).toHaveLength(existing - 3);
  });
});

describe('the exemplar register and detail', () => {
  it('finds "Nguyễn Văn An" typed without diacritics or case', async () => {
    for (const search of ['nguyen van an', 'NGUYỄN VĂN AN', '  Nguyen   Van An ']) {
      const found = await rows('exemplar_register', { search });
      expect(pick(found, ['name', 'years_recognised', 'recognitions', 'recognition_years', 'total_count'])).toEqual([
        { name: 'Nguyễn Văn An', years_recognised: 5, recognitions: 6, recognition_years: '2021, 2022, 2023, 2024, 2025', total_count: 1 },
      ]);
    }
    expect((await rows('exemplar_register', { search: 'nguyen' })).map((r) => r.exemplar_code)).toEqual(['E7', 'E1']);
  });

  it('pages by name with the total before paging', async () => {
    const page = await rows('exemplar_register', { limit: 3, offset: 3 });
    expect(page.map((r) => r.exemplar_code)).toEqual(['E6', 'E4', 'E1']);
    expect(page.every((r) => r.total_count === 9)).toBe(true);
    expect(await rows('exemplar_register', { limit: 3, offset: 9 })).toEqual([]);
  });

  it('rolls the register up: the household recorded by SLDTBXH shows under SNV', async () => {
    const [hh] = await rows('exemplar_register', { search: 'hai', rollup: true });
    expect(hh).toMatchObject({ exemplar_code: 'E7', agency_code: 'SNV', recorded_agency_code: 'SLDTBXH' });
  });

  it('gives an exemplar with its recognition history', async () => {
    const history = await rows('exemplar_detail', { exemplar_id: 1 });
    expect(pick(history, ['year', 'form', 'decision_no'])).toEqual([
      { year: 2021, form: 'cong_nhan_dhtt', decision_no: '101/QĐ-SYT' },
      { year: 2022, form: 'cong_nhan_dhtt', decision_no: '' },
      { year: 2023, form: 'cong_nhan_dhtt', decision_no: '' },
      { year: 2024, form: 'cong_nhan_dhtt', decision_no: '' },
      { year: 2025, form: 'bang_khen_ubnd', decision_no: '1234/QĐ-UBND' },
      { year: 2025, form: 'cong_nhan_dhtt', decision_no: '' },
    ]);
    expect(history[0]).toMatchObject({ decision_date: Date.UTC(2021, 5, 11), file_name: 'syt.xlsx', received_at: Date.UTC(2025, 4, 1, 9) });
    // E5's recognition in a superseded batch is not part of its history.
    expect((await rows('exemplar_detail', { exemplar_id: 5 })).map((r) => r.year)).toEqual([2024, 2025]);
    expect(await rows('exemplar_detail', { exemplar_id: 999 })).toEqual([]);
  });
});

describe('Section V: the congress delegate list', () => {
  it('ranks SYT by times recognised and marks the tie at the cut-off (3 seats, 5-4-3-3-2-1)', async () => {
    const list = await rows('congress_delegates_by_agency', { agency: 'SYT' });
    expect(pick(list, ['exemplar_code', 'times_recognised', 'rank', 'status'])).toEqual([
      { exemplar_code: 'E1', times_recognised: 5, rank: 1, status: 'trong_phan_bo' },
      { exemplar_code: 'E2', times_recognised: 4, rank: 2, status: 'trong_phan_bo' },
      { exemplar_code: 'E3', times_recognised: 3, rank: 3, status: 'hoa_o_nguong' },
      { exemplar_code: 'E4', times_recognised: 3, rank: 3, status: 'hoa_o_nguong' },
      { exemplar_code: 'E5', times_recognised: 2, rank: 5, status: 'ngoai_phan_bo' },
      { exemplar_code: 'E6', times_recognised: 1, rank: 6, status: 'ngoai_phan_bo' },
    ]);
    // The newest committed allocation (3) is in force: not the older 5, not the superseded 10.
    expect(list.every((r) => r.seats === 3 && r.cutoff_times === 3 && r.candidates === 6 && r.seats_unfilled === 0)).toBe(true);
    expect(list[0]).toMatchObject({ recognition_years: '2021, 2022, 2023, 2024, 2025' });
  });

  it('shows fewer candidates than seats, no allocation, and the roll-up that creates a tie', async () => {
    const recorded = await rows('congress_delegates_by_agency');
    expect(
      pick(
        recorded.filter((r) => r.agency_code !== 'SYT'),
        ['agency_code', 'exemplar_code', 'status', 'seats'],
      ),
    ).toEqual([
      { agency_code: 'SLDTBXH', exemplar_code: 'E7', status: 'chua_phan_bo', seats: null },
      { agency_code: 'SLDTBXH', exemplar_code: 'E8', status: 'chua_phan_bo', seats: null },
      { agency_code: 'SNV', exemplar_code: 'E9', status: 'trong_phan_bo', seats: 2 },
    ]);
    const rolled = await rows('congress_delegates_by_agency', { agency: 'SNV', rollup: true });
    expect(pick(rolled, ['exemplar_code', 'times_recognised', 'rank', 'status'])).toEqual([
      { exemplar_code: 'E7', times_recognised: 2, rank: 1, status: 'trong_phan_bo' },
      { exemplar_code: 'E9', times_recognised: 1, rank: 2, status: 'hoa_o_nguong' },
      { exemplar_code: 'E8', times_recognised: 1, rank: 2, status: 'hoa_o_nguong' },
    ]);
  });

  it('summarises each agency: seats, within, tied, seats left for the tie, empty seats', async () => {
    expect(await rows('congress_delegate_summary_by_agency')).toEqual([
      {
        agency_code: 'SGDDT',
        agency_name: 'Sở Giáo dục và Đào tạo',
        seats: 4,
        candidates: 0,
        within_seats: 0,
        tied_at_cutoff: 0,
        seats_for_tied: null,
        seats_unfilled: 4,
        cutoff_times: null,
        fewer_candidates_than_seats: true,
      },
      {
        agency_code: 'SLDTBXH',
        agency_name: 'Sở Lao động - Thương binh và Xã hội',
        seats: null,
        candidates: 2,
        within_seats: 0,
        tied_at_cutoff: 0,
        seats_for_tied: null,
        seats_unfilled: null,
        cutoff_times: null,
        fewer_candidates_than_seats: false,
      },
      {
        agency_code: 'SNV',
        agency_name: 'Sở Nội vụ',
        seats: 2,
        candidates: 1,
        within_seats: 1,
        tied_at_cutoff: 0,
        seats_for_tied: null,
        seats_unfilled: 1,
        cutoff_times: null,
        fewer_candidates_than_seats: true,
      },
      {
        agency_code: 'SYT',
        agency_name: 'Sở Y tế',
        seats: 3,
        candidates: 6,
        within_seats: 2,
        tied_at_cutoff: 2,
        seats_for_tied: 1,
        seats_unfilled: 0,
        cutoff_times: 3,
        fewer_candidates_than_seats: false,
      },
    ]);
  });
});

describe('catalogues', () => {
  it('lists movements, agencies with successors, and blocs', async () => {
    const movements = await rows('movements_catalogue');
    expect(movements).toHaveLength(20);
    expect(movements[8]).toMatchObject({ movement_no: 9, lead_agency_code: 'SNV', assignment_label: 'Giao' });
    const agencies = await rows('agencies_catalogue');
    expect(agencies).toHaveLength(AGENCIES.length);
    expect(agencies.find((a) => a.agency_code === 'SLDTBXH')).toMatchObject({
      successor_code: 'SNV',
      rollup_agency_code: 'SNV',
      succession_date: Date.UTC(2025, 2, 1),
    });
    expect(agencies.find((a) => a.agency_code === 'SYT')).toMatchObject({ successor_code: null, rollup_agency_code: 'SYT' });
    const blocs = await rows('blocs_catalogue');
    expect(blocs.reduce((s, b) => s + (b.agencies as number), 0)).toBe(AGENCIES.length);
  });
});

describe('figures that can mislead (issue 14 §5)', () => {
  const behind = (params: Record<string, string | number | boolean> = {}) => rows('agencies_behind_per_active_year', params);
  const cols = ['agency_code', 'recognitions', 'active_years', 'years_selected', 'recognitions_per_year'];

  it('ranks "Cần cố gắng" per year of existence: a unit created in 2025 is measured over its one year', async () => {
    const list = await behind();
    expect(list).toHaveLength(AGENCIES.length); // every agency existed in some year of 2021–2025
    const by = (code: string) => list.find((r) => r.agency_code === code);
    expect(by('SNNMT')).toMatchObject({
      recognitions: 0,
      active_years: 1,
      years_selected: 5,
      recognitions_per_year: 0,
      active_from: Date.UTC(2025, 2, 1),
    });
    expect(by('BAOPTTHHY')).toMatchObject({ active_years: 1 });
    expect(pick(list.slice(-3), cols)).toEqual([
      { agency_code: 'SNV', recognitions: 2, active_years: 5, years_selected: 5, recognitions_per_year: 0.4 },
      { agency_code: 'SLDTBXH', recognitions: 3, active_years: 5, years_selected: 5, recognitions_per_year: 0.6 },
      { agency_code: 'SYT', recognitions: 19, active_years: 5, years_selected: 5, recognitions_per_year: 3.8 },
    ]);
    // Fewest per year first.
    const rates = list.map((r) => r.recognitions_per_year as number);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
    // A year range counts only the years inside it.
    expect((await behind({ year_from: 2023 })).find((r) => r.agency_code === 'SNNMT')).toMatchObject({
      active_years: 1,
      years_selected: 3,
    });
    expect((await behind({ year_from: 2021, year_to: 2024 })).some((r) => r.agency_code === 'SNNMT')).toBe(false);
  });

  it("rolled up, a successor inherits its predecessors' years with their recognitions", async () => {
    const list = await behind({ rollup: true });
    expect(list.find((r) => r.agency_code === 'SNNMT')).toMatchObject({ active_years: 5 });
    expect(list.find((r) => r.agency_code === 'SNV')).toMatchObject({ recognitions: 5, active_years: 5, recognitions_per_year: 1 });
    expect(list.some((r) => r.agency_code === 'SLDTBXH')).toBe(false);
  });

  it('with a movement or kind filter, ranks only the agencies that take part in it, not every agency at 0', async () => {
    expect(pick(await behind({ movement: 8 }), cols)).toEqual([
      { agency_code: 'SLDTBXH', recognitions: 3, active_years: 5, years_selected: 5, recognitions_per_year: 0.6 },
    ]);
    expect(pick(await behind({ movement: 8, rollup: true }), ['agency_code', 'recognitions'])).toEqual([
      { agency_code: 'SNV', recognitions: 3 },
    ]);
    // Taking part is judged over the whole plan: SLDTBXH is still ranked, at 0, in 2024–2025.
    expect(pick(await behind({ movement: 8, year_from: 2024 }), ['agency_code', 'recognitions'])).toEqual([
      { agency_code: 'SLDTBXH', recognitions: 0 },
    ]);
    expect(pick(await behind({ movement: 3, year_from: 2023 }), cols)).toEqual([
      { agency_code: 'SYT', recognitions: 14, active_years: 3, years_selected: 3, recognitions_per_year: 4.67 },
    ]);
    expect(pick(await behind({ kind: 'ho_gia_dinh' }), ['agency_code'])).toEqual([{ agency_code: 'SLDTBXH' }]);
    expect(await behind({ movement: 1 })).toEqual([]);
  });

  it('pro-rates the five-year target to the years selected', async () => {
    expect((await rows('overview_headline'))[0]).toMatchObject({
      exemplars: 9,
      target_total: 16,
      target_for_years: 16,
      share_achieved: 0.5625,
    });
    // 2023–2025: 8 exemplars against 3/5 of 16 (9.6), not against the whole 16 (50 %).
    expect((await rows('overview_headline', { year_from: 2023 }))[0]).toMatchObject({
      exemplars: 8,
      target_total: 16,
      target_for_years: 9.6,
      share_achieved: 0.8333,
    });
    expect((await rows('overview_headline', { year_from: 2025, kind: 'tap_the' }))[0]).toMatchObject({
      target_total: 2,
      target_for_years: 0.4,
      share_achieved: 0,
    });
  });

  it('counts no negative days after the deadline for a plan sent on time', async () => {
    const list = await rows('plan_submission_by_agency');
    expect(list.every((r) => r.days_after_deadline === null || (r.days_after_deadline as number) >= 0)).toBe(true);
    expect(list.find((r) => r.agency_code === 'SYT')).toMatchObject({ status: 'dung_han', days_after_deadline: 0 });
    expect(list.find((r) => r.agency_code === 'SLDTBXH')).toMatchObject({ status: 'tre_han', days_after_deadline: 15 });
  });
});
