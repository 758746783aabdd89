// The reading side follows the plans (docs/plans-and-organisation.md): a real DuckDB migrated with the shipped
// catalogue (Plan 90, 2021–2025), plus a second plan (2026–2030) and a split succession
// registered through ingest/catalogue/registerCatalogue.ts, published and served by a real
// reporting app. Ranges come from the plans, the plan filter is one compare, and the roll-up
// places each exemplar by list, movement, commune and rest, conserving every total.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Hono } from 'hono';
import type { OrganisationFile } from '../contracts/catalogueFiles.ts';
import type { Database } from '../ingest/store/database.ts';
import type { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { insertExemplars, openPlansDatabase, serveSnapshot, testMovement, testPlan2026, type TestExemplar } from './reading-exemplars.ts';

const PLAN_90 = '90/KH-UBND';
const PLAN_26 = '15/KH-UBND';

// SXX is split four ways: SC takes a list, SA movement 3, SB the commune Như Quỳnh, SD the rest.
// SYY is split two ways with no rest: SA takes movement 5, SB the commune Lạc Đạo; the rest of
// SYY's exemplars stay with it (unplaced).
const agency = (code: string, name: string, validFrom: string | null, validTo: string | null) => ({
  code,
  name,
  kind: 'so_nganh',
  bloc: 'K_KINHTE',
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
    agency('SXX', 'Sở Thử nghiệm X', null, '2025-06-30'),
    agency('SYY', 'Sở Thử nghiệm Y', null, '2025-06-30'),
    agency('SA', 'Sở A', '2025-07-01', null),
    agency('SB', 'Sở B', '2025-07-01', null),
    agency('SC', 'Sở C', '2025-07-01', null),
    agency('SD', 'Sở D', '2025-07-01', null),
  ],
  successions: [
    { predecessor: 'SXX', successor: 'SA', effective: '2025-07-01', note: '', takes: { by: 'movement', values: ['3'] } },
    { predecessor: 'SXX', successor: 'SB', effective: '2025-07-01', note: '', takes: { by: 'commune', values: ['Như Quỳnh'] } },
    { predecessor: 'SXX', successor: 'SC', effective: '2025-07-01', note: '', takes: { by: 'list', values: ['SXX-L1'] } },
    { predecessor: 'SXX', successor: 'SD', effective: '2025-07-01', note: '', takes: { by: 'rest', values: [] } },
    { predecessor: 'SYY', successor: 'SA', effective: '2025-07-01', note: '', takes: { by: 'movement', values: ['5'] } },
    { predecessor: 'SYY', successor: 'SB', effective: '2025-07-01', note: '', takes: { by: 'commune', values: ['Lạc Đạo'] } },
  ],
};

const PLAN_2026 = testPlan2026(
  PLAN_26,
  ['so_nganh'],
  [testMovement(1, 'Phong trào thử nghiệm một'), testMovement(2, 'Phong trào thử nghiệm hai')],
);

// id, code, name, unit, agency, movement key, plan, years recognised
const EXEMPLARS: TestExemplar[] = [
  [1, 'SXX-M', 'Nguyễn Văn Một', '', 'SXX', 3, PLAN_90, [2024, 2025]],
  [2, 'SXX-C', 'Trần Thị Hai', 'Trường Tiểu học xã Như Quỳnh, huyện Văn Lâm', 'SXX', 1, PLAN_90, [2023]],
  [3, 'SXX-L1', 'Lê Văn Ba', '', 'SXX', 3, PLAN_90, [2022, 2023, 2024]], // list wins over movement 3
  [4, 'SXX-R', 'Phạm Thị Bốn', 'Thôn Như Quỳnh Hạ', 'SXX', 1, PLAN_90, [2025]], // "Như Quỳnh" as whole words: SB
  [5, 'SXX-R2', 'Hoàng Văn Năm', 'Thôn Đông', 'SXX', 2, PLAN_90, [2021]], // the rest: SD
  [6, 'SYY-M', 'Vũ Thị Sáu', '', 'SYY', 5, PLAN_90, [2024]],
  [7, 'SYY-C', 'Đặng Văn Bảy', 'xã Lạc Đạo', 'SYY', 1, PLAN_90, [2023, 2025]],
  [8, 'SYY-U', 'Bùi Thị Tám', 'Lạc Đạoxx', 'SYY', 2, PLAN_90, [2022]], // no rule places it
];

let dir: string;
let db: Database;
let snapshots: SnapshotSource;
let app: Hono;
let movementKeys: number[];

type Row = Record<string, unknown>;
async function rows(path: string): Promise<Row[]> {
  const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}format=json`);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}
async function refused(path: string): Promise<{ param?: string; message: string }> {
  const res = await app.request(path);
  expect(res.status, path).toBe(400);
  return ((await res.json()) as { error: { param?: string; message: string } }).error;
}
const sum = (list: Row[], column: string) => list.reduce((s, r) => s + Number(r[column]), 0);

beforeAll(async () => {
  let dbPath: string;
  ({ dir, dbPath, db } = await openPlansDatabase('reading-plans-', ORGANISATION, PLAN_2026));
  const conn = db.connection;
  movementKeys = (await conn.runAndReadAll(`SELECT no FROM movements WHERE plan_code = '${PLAN_26}' ORDER BY number`))
    .getRows()
    .map((r) => Number(r[0]));
  const all: TestExemplar[] = [...EXEMPLARS, [9, 'SYT-2026', 'Nguyễn Văn Một', '', 'SYT', movementKeys[0]!, PLAN_26, [2026]]];
  await insertExemplars(conn, 9001, 'ca_nhan', all, (id) => (id === 9 ? 1 : null));
  ({ snapshots, app } = await serveSnapshot(conn, dbPath, dir));
});

afterAll(async () => {
  await snapshots?.stop();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('ranges and defaults come from the plans', () => {
  it('lists the snapshot’s years, movement keys and the latest period with data', async () => {
    const body = (await (await app.request('/api/queries')).json()) as { snapshot: Row; queries: { name: string; params: Row[] }[] };
    expect(body.snapshot).toMatchObject({
      years: { min: 2021, max: 2030 },
      movements: { min: 1, max: movementKeys[1] },
      period: { first: 2026, last: 2030 },
      plans: [PLAN_90, PLAN_26],
    });
    const byYear = body.queries.find((q) => q.name === 'recognitions_by_year')!;
    expect(byYear.params.find((p) => p.name === 'year_from')).toMatchObject({ min: 2021, max: 2030, default: 2026 });
    expect(byYear.params.find((p) => p.name === 'year_to')).toMatchObject({ min: 2021, max: 2030, default: 2030 });
  });

  it('answers a 2026 recognition when year_to=2026, and by default (the latest period)', async () => {
    const y2026 = await rows('/api/queries/recognitions_by_year?year_from=2026&year_to=2026');
    expect(y2026).toEqual([{ year: 2026, recognitions: 1, exemplars: 1 }]);
    const byDefault = await rows('/api/queries/recognitions_by_year');
    expect(byDefault.map((r) => r.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(sum(byDefault, 'recognitions')).toBe(1);
  });

  it('refuses a year outside every plan and a movement key no plan has (400, Vietnamese)', async () => {
    expect(await refused('/api/queries/recognitions_by_year?year_to=2031')).toMatchObject({ param: 'year_to' });
    expect(await refused('/api/queries/recognitions_by_year?year_from=2020')).toMatchObject({ param: 'year_from' });
    expect(await refused(`/api/queries/recognitions_by_year?movement=${movementKeys[1]! + 1}`)).toMatchObject({ param: 'movement' });
    const unknown = await refused('/api/queries/recognitions_by_year?plan=99/KH-UBND');
    expect(unknown.param).toBe('plan');
    expect(unknown.message).toContain('không có kế hoạch');
    expect(unknown.message).toContain(PLAN_26);
  });
});

describe('the plan filter', () => {
  it('keeps the recognitions under the plan', async () => {
    const every = '&year_from=2021&year_to=2030';
    const all = sum(await rows(`/api/queries/recognitions_by_year?${every}`), 'recognitions');
    const p90 = sum(await rows(`/api/queries/recognitions_by_year?plan=${PLAN_90}${every}`), 'recognitions');
    const p26 = sum(await rows(`/api/queries/recognitions_by_year?plan=${PLAN_26}${every}`), 'recognitions');
    expect(p26).toBe(1);
    expect(p90 + p26).toBe(all);
    expect(p90).toBe(EXEMPLARS.reduce((s, e) => s + e[7].length, 0));
  });

  it('lists only the plan’s movements and the agencies that report under it in its period', async () => {
    const movements = await rows(`/api/queries/recognitions_by_movement?plan=${PLAN_26}&year_from=2026&year_to=2030`);
    expect(movements.map((r) => r.movement_no)).toEqual(movementKeys);
    expect(movements.map((r) => r.recognitions)).toEqual([1, 0]);
    const agencies = (await rows(`/api/queries/recognitions_by_agency?plan=${PLAN_26}&year_from=2026&year_to=2030`)).map(
      (r) => r.agency_code,
    );
    expect(agencies).toContain('SYT');
    expect(agencies).toContain('SA');
    expect(agencies).not.toContain('SXX'); // ended 2025
    expect(agencies).not.toContain('ANTHI'); // a district: not a kind reporting under this plan, and ended 2025
    const catalogue = await rows(`/api/queries/movements_catalogue?plan=${PLAN_26}`);
    expect(catalogue.map((r) => [r.movement_no, r.plan_code, r.number])).toEqual([
      [movementKeys[0], PLAN_26, 1],
      [movementKeys[1], PLAN_26, 2],
    ]);
  });

  it('marks the plan of the latest period with data in the plans catalogue', async () => {
    const plans = await rows('/api/queries/plans_catalogue');
    expect(plans.map((p) => [p.plan_code, p.first_year, p.last_year, p.recognitions, p.is_latest_with_data])).toEqual([
      [PLAN_90, 2021, 2025, expect.any(Number), false],
      [PLAN_26, 2026, 2030, 1, true],
    ]);
  });

  it('links the lines of an exemplar across periods', async () => {
    const line = await rows('/api/queries/exemplar_lineage?exemplar_id=9');
    expect(line.map((r) => [r.exemplar_id, r.plan_code, r.years])).toEqual([
      [1, PLAN_90, '2024, 2025'],
      [9, PLAN_26, '2026'],
    ]);
    const [detail] = await rows('/api/queries/exemplar_detail?exemplar_id=9');
    expect(detail).toMatchObject({ exemplar_id: 9, lineage_id: 1 });
  });
});

describe('a split succession in the roll-up', () => {
  const plan90 = `plan=${encodeURIComponent(PLAN_90)}&year_from=2021&year_to=2025`;

  it('places each exemplar by list, movement, commune and rest; leaves the unplaced with its predecessor', async () => {
    const register = await rows(`/api/queries/exemplar_register?rollup=true&limit=1000&${plan90}`);
    const placed = Object.fromEntries(
      register.filter((r) => String(r.recorded_agency_code).match(/^S(XX|YY)$/)).map((r) => [r.exemplar_code, r.agency_code]),
    );
    expect(placed).toEqual({
      'SXX-M': 'SA', // movement 3
      'SXX-C': 'SB', // commune Như Quỳnh
      'SXX-L1': 'SC', // list, before movement
      'SXX-R': 'SB', // commune as whole words
      'SXX-R2': 'SD', // rest
      'SYY-M': 'SA', // movement 5
      'SYY-C': 'SB', // commune Lạc Đạo
      'SYY-U': 'SYY', // "Lạc Đạoxx" is not the commune's name as a word: no rule, stays
    });
    const unplaced = await rows('/api/queries/unplaced_exemplars');
    expect(unplaced.map((r) => [r.code, r.agency_code, r.successors])).toEqual([['SYY-U', 'SYY', 'Sở A; Sở B']]);
  });

  it('conserves every total: successors’ shares plus the unplaced equal the predecessor’s', async () => {
    const asRecorded = await rows(`/api/queries/recognitions_by_agency?${plan90}`);
    const rolled = await rows(`/api/queries/recognitions_by_agency?rollup=true&${plan90}`);
    expect(sum(rolled, 'recognitions')).toBe(sum(asRecorded, 'recognitions'));
    const totals = await rows('/api/queries/succession_totals');
    for (const predecessor of ['SXX', 'SYY']) {
      const own = asRecorded.find((r) => r.agency_code === predecessor)!;
      const shares = totals.filter((r) => r.predecessor_code === predecessor);
      expect(sum(shares, 'exemplars'), predecessor).toBe(own.exemplars);
      expect(sum(shares, 'recognitions'), predecessor).toBe(own.recognitions);
    }
    const syy = totals.filter((r) => r.predecessor_code === 'SYY').map((r) => [r.successor_code, r.takes_by, r.exemplars]);
    expect(syy).toEqual([
      ['SA', 'movement', 1],
      ['SB', 'commune', 1],
      [null, null, 1],
    ]);
    // rolled up, the split predecessor keeps a row only for what no rule placed
    expect(rolled.find((r) => r.agency_code === 'SXX')).toBeUndefined();
    expect(rolled.find((r) => r.agency_code === 'SYY')).toMatchObject({ recognitions: 1, exemplars: 1 });
    expect(rolled.find((r) => r.agency_code === 'SB')).toMatchObject({ recognitions: 1 + 1 + 2, exemplars: 3 });
  });
});
