// Agencies rolled up to the organisation in force at a chosen date (`as_of`: docs/plans-and-organisation.md, "Reading across plans and organisations"): a real
// DuckDB migrated with the shipped catalogue (Plan 90, 2021–2025), plus a 2026–2030 plan and
// two splits registered through ingest/catalogue/registerCatalogue.ts, published and served by
// a real reporting app. A district splits into two communes (by commune, and the rest); a
// department splits by movement and by list, with no rest (one exemplar stays unplaced).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Hono } from 'hono';
import type { OrganisationFile } from '../contracts/catalogueFiles.ts';
import type { Database } from '../ingest/store/database.ts';
import type { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { insertExemplars, openPlansDatabase, serveSnapshot, testMovement, testPlan2026, type TestExemplar } from './reading-exemplars.ts';

const PLAN_90 = '90/KH-UBND';
const PLAN_26 = '16/KH-UBND';
const SPLIT = '2025-07-01';
const BEFORE = '2025-06-30';

const agency = (code: string, name: string, kind: string, bloc: string, validFrom: string | null, validTo: string | null) => ({
  code,
  name,
  kind,
  bloc,
  province: 'HY',
  validFrom,
  validTo,
  variants: [],
});
const ORGANISATION: OrganisationFile = {
  format: 'to-chuc/1',
  provinces: [],
  blocs: [],
  agencies: [
    agency('HUYEN_T', 'Huyện Thử', 'dia_phuong', 'K_DIAPHUONG', null, BEFORE),
    agency('XA_TAN_DAN_T', 'Xã Tân Dân (thử)', 'xa_phuong', 'K_DIAPHUONG', SPLIT, null),
    agency('XA_THU', 'Xã Thử', 'xa_phuong', 'K_DIAPHUONG', SPLIT, null),
    agency('SO_T', 'Sở Thử', 'so_nganh', 'K_KINHTE', null, BEFORE),
    agency('SO_TA', 'Sở Thử A', 'so_nganh', 'K_KINHTE', SPLIT, null),
    agency('SO_TB', 'Sở Thử B', 'so_nganh', 'K_KINHTE', SPLIT, null),
  ],
  successions: [
    { predecessor: 'HUYEN_T', successor: 'XA_TAN_DAN_T', effective: SPLIT, note: '', takes: { by: 'commune', values: ['Tân Dân'] } },
    { predecessor: 'HUYEN_T', successor: 'XA_THU', effective: SPLIT, note: '', takes: { by: 'rest', values: [] } },
    { predecessor: 'SO_T', successor: 'SO_TA', effective: SPLIT, note: '', takes: { by: 'movement', values: ['3'] } },
    { predecessor: 'SO_T', successor: 'SO_TB', effective: SPLIT, note: '', takes: { by: 'list', values: ['SOT-L'] } },
  ],
};

const PLAN_2026 = testPlan2026(
  PLAN_26,
  ['so_nganh', 'xa_phuong'],
  [testMovement(1, 'Phong trào thử nghiệm một'), testMovement(2, 'Phong trào thử nghiệm hai')],
);

// id, code, name, unit, agency, movement key (0: the 2026 plan's first), plan, years recognised
const EXEMPLARS: TestExemplar[] = [
  [101, 'HT-1', 'Hợp tác xã nông nghiệp Tân Dân', 'xã Tân Dân, huyện Thử', 'HUYEN_T', 4, PLAN_90, [2023, 2024]], // commune: XA_TAN_DAN_T
  [102, 'HT-2', 'Trần Văn Bình', 'thôn Đông, xã Tân Dân', 'HUYEN_T', 17, PLAN_90, [2024]], // commune: XA_TAN_DAN_T
  [103, 'HT-3', 'Lê Thị Cúc', 'thị trấn Thử', 'HUYEN_T', 14, PLAN_90, [2022, 2024, 2025]], // the rest: XA_THU
  [111, 'SOT-M', 'Nguyễn Văn Một', '', 'SO_T', 3, PLAN_90, [2024, 2025]], // movement 3: SO_TA
  [112, 'SOT-L', 'Phạm Thị Hai', '', 'SO_T', 3, PLAN_90, [2023]], // list, before movement: SO_TB
  [113, 'SOT-U', 'Vũ Văn Ba', '', 'SO_T', 6, PLAN_90, [2021, 2022]], // no rule: stays with SO_T
  [121, 'XT-2026', 'Hợp tác xã nông nghiệp Tân Dân', 'xã Tân Dân', 'XA_TAN_DAN_T', 0, PLAN_26, [2026]], // the commune's own list
];
const DISTRICT = ['HUYEN_T', 'XA_TAN_DAN_T', 'XA_THU'];
const DEPARTMENT = ['SO_T', 'SO_TA', 'SO_TB'];

let dir: string;
let db: Database;
let snapshots: SnapshotSource;
let app: Hono;

type Row = Record<string, unknown>;
async function rows(path: string): Promise<Row[]> {
  const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}format=json`);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}
const sum = (list: Row[], column: string) => list.reduce((s, r) => s + Number(r[column]), 0);
/** agency → [recognitions, exemplars] for the agencies named. */
async function byAgency(query: string, codes: string[]): Promise<Record<string, [number, number]>> {
  const list = await rows(`/api/queries/recognitions_by_agency?${query}`);
  return Object.fromEntries(
    list.filter((r) => codes.includes(String(r.agency_code))).map((r) => [r.agency_code, [Number(r.recognitions), Number(r.exemplars)]]),
  );
}
const recognised = (codes: string[]) => EXEMPLARS.filter((e) => codes.includes(e[4]) && e[6] === PLAN_90);
const recognitionsOf = (codes: string[]) => recognised(codes).reduce((s, e) => s + e[7].length, 0);

beforeAll(async () => {
  let dbPath: string;
  ({ dir, dbPath, db } = await openPlansDatabase('reading-as-of-', ORGANISATION, PLAN_2026));
  const conn = db.connection;
  const firstKey = Number((await conn.runAndReadAll(`SELECT min(no) FROM movements WHERE plan_code = '${PLAN_26}'`)).getRows()[0]![0]);
  const rows: TestExemplar[] = EXEMPLARS.map(([id, code, name, unit, agency, movement, plan, years]) => [
    id,
    code,
    name,
    unit,
    agency,
    movement || firstKey,
    plan,
    years,
  ]);
  await insertExemplars(conn, 9101, 'tap_the', rows, (id) => (id === 121 ? 101 : null));
  ({ snapshots, app } = await serveSnapshot(conn, dbPath, dir));
});

afterAll(async () => {
  await snapshots?.stop();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const YEARS_90 = 'year_from=2021&year_to=2025';

describe('as_of: the organisation in force on a date', () => {
  it('is a standard filter, declared with its Vietnamese label', async () => {
    const body = (await (await app.request('/api/queries')).json()) as { queries: { name: string; params: Row[] }[] };
    for (const name of [
      'recognitions_by_agency',
      'overview_headline',
      'exemplar_register',
      'targets_vs_results_by_agency',
      'succession_totals',
      'unplaced_exemplars',
    ]) {
      const param = body.queries.find((q) => q.name === name)!.params.find((p) => p.name === 'as_of');
      expect(param, name).toMatchObject({ type: 'DATE', default: null, label: 'Theo tổ chức tại ngày' });
    }
  });

  it('before the split: the predecessors keep their figures, the successors are not listed', async () => {
    const recorded = await byAgency(YEARS_90, [...DISTRICT, ...DEPARTMENT]);
    const before = await byAgency(`${YEARS_90}&as_of=${BEFORE}`, [...DISTRICT, ...DEPARTMENT]);
    expect(before).toEqual({ HUYEN_T: [recognitionsOf(['HUYEN_T']), 3], SO_T: [recognitionsOf(['SO_T']), 3] });
    expect(before.HUYEN_T).toEqual(recorded.HUYEN_T);
    expect(before.SO_T).toEqual(recorded.SO_T);
    // a date before every succession is the organisation as recorded
    expect(await byAgency(`${YEARS_90}&as_of=2021-01-01`, [...DISTRICT, ...DEPARTMENT])).toEqual(before);
  });

  it('after the split: the successors plus the unplaced add up to the predecessor, for recognitions and exemplars', async () => {
    const after = await byAgency(`${YEARS_90}&as_of=${SPLIT}`, [...DISTRICT, ...DEPARTMENT]);
    expect(after).toEqual({
      XA_TAN_DAN_T: [3, 2], // HT-1 (2 years) and HT-2, by the commune "Tân Dân"
      XA_THU: [3, 1], // HT-3, the rest
      SO_TA: [2, 1], // SOT-M, movement 3
      SO_TB: [1, 1], // SOT-L, the list (before movement 3)
      SO_T: [2, 1], // SOT-U: no rule places it; the department keeps a row for it
    });
    // HUYEN_T ended and holds nothing: no row
    const district: [number, number][] = DISTRICT.map((c) => after[c] ?? [0, 0]);
    expect(district.reduce((s, r) => s + r[0], 0)).toBe(recognitionsOf(['HUYEN_T']));
    expect(district.reduce((s, r) => s + r[1], 0)).toBe(recognised(['HUYEN_T']).length);
    const department: [number, number][] = DEPARTMENT.map((c) => after[c] ?? [0, 0]);
    expect(department.reduce((s, r) => s + r[0], 0)).toBe(recognitionsOf(['SO_T']));
    expect(department.reduce((s, r) => s + r[1], 0)).toBe(recognised(['SO_T']).length);
    // and nothing is lost anywhere in the province
    const [all] = await rows(`/api/queries/overview_headline?${YEARS_90}`);
    const [allAfter] = await rows(`/api/queries/overview_headline?${YEARS_90}&as_of=${SPLIT}`);
    expect([allAfter!.recognitions, allAfter!.exemplars]).toEqual([all!.recognitions, all!.exemplars]);
    expect(sum(await rows(`/api/queries/recognitions_by_agency?${YEARS_90}&as_of=${SPLIT}`), 'recognitions')).toBe(all!.recognitions);
  });

  it('wins over rollup, which keeps Plan 90’s meaning (the district stays a district)', async () => {
    const rolled = await byAgency(`${YEARS_90}&rollup=true&plan=${encodeURIComponent(PLAN_90)}`, DISTRICT);
    expect(rolled).toEqual({ HUYEN_T: [6, 3] });
    const both = await byAgency(`${YEARS_90}&rollup=true&plan=${encodeURIComponent(PLAN_90)}&as_of=2026-01-01`, DISTRICT);
    expect(both).toEqual({ XA_TAN_DAN_T: [3, 2], XA_THU: [3, 1] });
    // the agency filter applies to the agency in force
    const register = await rows(`/api/queries/exemplar_register?${YEARS_90}&agency=XA_TAN_DAN_T&as_of=2026-01-01&limit=100`);
    expect(register.map((r) => [r.exemplar_code, r.agency_code, r.recorded_agency_code])).toEqual([
      ['HT-1', 'XA_TAN_DAN_T', 'HUYEN_T'],
      ['HT-2', 'XA_TAN_DAN_T', 'HUYEN_T'],
    ]);
  });

  it('across periods: the commune shows its district’s placed history and its own 2026 list', async () => {
    const across = 'year_from=2024&year_to=2026&as_of=2026-06-30';
    expect(await byAgency(across, DISTRICT)).toEqual({ XA_TAN_DAN_T: [2 + 1, 3], XA_THU: [2, 1] });
    const matrix = await rows(`/api/queries/agency_year_matrix?${across}&agency=XA_TAN_DAN_T`);
    expect(matrix.map((r) => [r.year, r.recognitions])).toEqual([
      [2024, 2],
      [2025, 0],
      [2026, 1],
    ]);
    // without as_of the same years keep the district and the commune apart
    expect(await byAgency('year_from=2024&year_to=2026', DISTRICT)).toEqual({ HUYEN_T: [4, 3], XA_TAN_DAN_T: [1, 1], XA_THU: [0, 0] });
  });

  it('succession_totals and unplaced_exemplars follow the organisation in force (default: today)', async () => {
    const totals = await rows('/api/queries/succession_totals');
    const shares = (predecessor: string, list: Row[]) =>
      Object.fromEntries(
        list
          .filter((r) => r.predecessor_code === predecessor)
          .map((r) => [r.successor_code ?? 'chưa xác định', [r.exemplars, r.recognitions]]),
      );
    expect(shares('HUYEN_T', totals)).toEqual({ XA_TAN_DAN_T: [2, 3], XA_THU: [1, 3], 'chưa xác định': [0, 0] });
    expect(shares('SO_T', totals)).toEqual({ SO_TA: [1, 2], SO_TB: [1, 1], 'chưa xác định': [1, 2] });
    expect(await rows(`/api/queries/succession_totals?as_of=${SPLIT}`)).toEqual(totals);
    expect(
      (await rows(`/api/queries/succession_totals?as_of=${BEFORE}`)).filter((r) =>
        [...DISTRICT, ...DEPARTMENT].includes(String(r.predecessor_code)),
      ),
    ).toEqual([]);
    const unplaced = await rows('/api/queries/unplaced_exemplars');
    expect(unplaced.map((r) => [r.code, r.agency_code, r.successors])).toEqual([['SOT-U', 'SO_T', 'Sở Thử A; Sở Thử B']]);
    expect(await rows(`/api/queries/unplaced_exemplars?as_of=${BEFORE}`)).toEqual([]);
  });

  it('refuses a date that is not one (400, Vietnamese)', async () => {
    const res = await app.request('/api/queries/recognitions_by_agency?as_of=01/07/2025');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { param?: string; message: string } };
    expect(body.error.param).toBe('as_of');
  });
});
