// Years follow the registered plans (docs/plans-and-organisation.md, "Years follow the plans"): a year no plan covers is refused whole; a
// list is matched against the movements of the plan of its year; identity carries across
// periods and successions as a line (lineage_id), never by merging exemplars of two periods.
import { describe, expect, it } from 'vitest';
import { inTransaction, queryRows } from '../ingest/store/database.ts';
import { registerPlan } from '../ingest/catalogue/registerCatalogue.ts';
import { readPlanFile, type PlanFile } from '../contracts/catalogueFiles.ts';
import { harnessPerTest, csv, HEADER, type Harness } from './ingest-helpers.ts';

const h = harnessPerTest();
const SNV = 'token-snv-0123456789ab';
const SYT = 'token-syt-0123456789ab';

/** A small later plan of the same province: three movements, households only in its second. */
const LATER_PLAN: PlanFile = (() => {
  const read = readPlanFile({
    format: 'ke-hoach/1',
    code: '7/KH-UBND-THU',
    number: '7/KH-UBND',
    issuedOn: '2026-01-15',
    issuedBy: 'Ủy ban nhân dân tỉnh Hưng Yên',
    title: 'Kế hoạch thử cho giai đoạn sau',
    province: 'HY',
    firstYear: 2026,
    lastYear: 2030,
    submissionDeadline: '2026-03-31',
    reportingKinds: ['so_nganh'],
    synthetic: true,
    movements: [
      { no: 1, name: 'Chuyển đổi số trong khám chữa bệnh', shortName: 'Y tế số', parts: [], leadAgency: 'SYT', assignment: 'giao' },
      {
        no: 2,
        name: 'Giảm nghèo đa chiều bền vững',
        shortName: 'Giảm nghèo',
        parts: [],
        leadAgency: 'SNV',
        assignment: 'giao',
        households: true,
      },
      {
        no: 3,
        name: 'Cải cách hành chính phục vụ người dân',
        shortName: 'Cải cách hành chính',
        parts: [],
        leadAgency: 'SNV',
        assignment: 'giao',
      },
    ],
  });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
})();

async function registerLaterPlan(x: Harness): Promise<void> {
  const problems = await inTransaction(x.db.connection, () => registerPlan(x.db.connection, LATER_PLAN, null));
  expect(problems).toEqual([]);
}

const row = (name: string, kind: string, unit: string, movement: string, year: string) => [
  '',
  name,
  kind,
  unit,
  movement,
  year,
  '1/QĐ',
  `5/6/${year}`,
];
const codes = (body: { refused: { row: number; code: string; value: string | null }[] }) =>
  body.refused.map((r) => `${r.row}:${r.code}:${r.value ?? ''}`);

describe('ingest: years follow the plans', () => {
  it('refuses a year no registered plan covers, naming the periods registered and who adds one, and writes nothing', async () => {
    const x = await h();
    const before = await x.dump();
    const res = await x.upload(
      { name: 'SYT_2026.csv', bytes: csv([HEADER, row('Nguyễn Thị Hoa', 'Cá nhân', 'Bệnh viện tỉnh', '3', '2026')]) },
      {},
      SYT,
    );
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('YEAR_NO_PLAN');
    expect(res.body.error.message).toContain('Năm 2026');
    expect(res.body.error.message).toContain('2021–2025 (Kế hoạch số 90/KH-UBND)');
    expect(res.body.error.message).toContain('Sở Nội vụ');
    expect(res.body.error.details.periods).toEqual([{ plan: '90/KH-UBND', firstYear: 2021, lastYear: 2025 }]);
    expect(await x.dump()).toBe(before);
  });

  it("takes a 2026 list once its plan is registered, with no restart, matching that plan's movements and household rule", async () => {
    const x = await h();
    await registerLaterPlan(x);
    const res = await x.upload(
      {
        name: 'SYT_2026.csv',
        bytes: csv([
          HEADER,
          row('Nguyễn Thị Hoa', 'Cá nhân', 'Bệnh viện tỉnh', 'PT 1', '2026'),
          row('Hộ ông Trần Văn Bình', 'Hộ gia đình', 'Xã Tân Hưng', '2', '2026'),
          row('Hộ bà Lê Thị Cúc', 'Hộ gia đình', 'Xã Tân Hưng', '3', '2026'),
          row('Khoa Nhi', 'Tập thể', 'Bệnh viện tỉnh', '20', '2026'),
          row('Phạm Văn Dũng', 'Cá nhân', 'Trung tâm Y tế', 'Cải cách hành chính phục vụ người dân', '2026'),
          row('Ngô Thị Én', 'Cá nhân', 'Trung tâm Y tế', '1', '2024'),
        ]),
      },
      { accept_partial: '1' },
      SYT,
    );
    expect(res.status).toBe(201);
    expect(res.body.plan).toEqual({ code: '7/KH-UBND-THU', number: '7/KH-UBND', firstYear: 2026, lastYear: 2030 });
    expect(codes(res.body)).toEqual(['4:HOUSEHOLD_OUTSIDE_MOVEMENT:Hộ gia đình', '5:MOVEMENT_UNKNOWN:20', '7:YEAR_OUT_OF_RANGE:2024']);
    const household = res.body.refused.find((r: { code: string }) => r.code === 'HOUSEHOLD_OUTSIDE_MOVEMENT');
    expect(household.message).toContain('phong trào số 2');
    expect(res.body.refused.find((r: { code: string }) => r.code === 'MOVEMENT_UNKNOWN').message).toContain('(1–3)');
    const stored = await queryRows(
      x.db.connection,
      'SELECT e.name, m.plan_code, m.number, e.plan_code AS exemplar_plan FROM exemplars e JOIN movements m ON m.no = e.movement_no ORDER BY e.name',
    );
    expect(stored).toEqual([
      { name: 'Hộ ông Trần Văn Bình', plan_code: '7/KH-UBND-THU', number: 2, exemplar_plan: '7/KH-UBND-THU' },
      { name: 'Nguyễn Thị Hoa', plan_code: '7/KH-UBND-THU', number: 1, exemplar_plan: '7/KH-UBND-THU' },
      { name: 'Phạm Văn Dũng', plan_code: '7/KH-UBND-THU', number: 3, exemplar_plan: '7/KH-UBND-THU' },
    ]);
    // The plan's movements have keys after Plan 90's: a movement number is only meaningful within its plan.
    expect(await x.count("SELECT min(no) FROM movements WHERE plan_code = '7/KH-UBND-THU'")).toBeGreaterThan(
      await x.count("SELECT max(no) FROM movements WHERE plan_code = '90/KH-UBND'"),
    );
  });

  it("continues an exemplar's line across periods and from a predecessor agency, counting it once per period", async () => {
    const x = await h();
    await registerLaterPlan(x);
    const y2024 = await x.upload(
      { name: 'SYT_2024.csv', bytes: csv([HEADER, row('Nguyễn Thị Hoa', 'Cá nhân', 'Bệnh viện tỉnh', '3', '2024')]) },
      {},
      SYT,
    );
    expect(y2024.status).toBe(201);
    // Sở LĐ-TB&XH (merged into Sở Nội vụ on 1 March 2025) recognised a household in 2023.
    const y2023 = await x.upload(
      { name: 'SLDTBXH_2023.csv', bytes: csv([HEADER, row('Hộ bà Lê Thị Cúc', 'Hộ gia đình', 'Xã Tân Hưng', '8', '2023')]) },
      { agency: 'SLDTBXH' },
      SNV,
    );
    expect(y2023.status).toBe(201);
    const y2026 = await x.upload(
      { name: 'SYT_2026.csv', bytes: csv([HEADER, row('NGUYỄN THỊ HOA', 'Cá nhân', 'Bệnh viện tỉnh', '1', '2026')]) },
      {},
      SYT,
    );
    expect(y2026.status).toBe(201);
    expect(y2026.body.counts).toMatchObject({ accepted: 1, newExemplars: 1, knownExemplars: 0 });
    const snv = await x.upload(
      { name: 'SNV_2026.csv', bytes: csv([HEADER, row('Hộ bà Lê Thị Cúc', 'Hộ gia đình', 'Xã Tân Hưng', '2', '2026')]) },
      { agency: 'SNV' },
      SNV,
    );
    expect(snv.status).toBe(201);
    const lines = await queryRows(
      x.db.connection,
      `SELECT e.agency_code, e.plan_code, e.name, coalesce(e.lineage_id, e.id) = first.id AS continues_first
       FROM exemplars e JOIN exemplars first ON first.id = (SELECT min(id) FROM exemplars f WHERE lower(f.name) = lower(e.name))
       ORDER BY e.id`,
    );
    expect(lines).toEqual([
      { agency_code: 'SYT', plan_code: '90/KH-UBND', name: 'Nguyễn Thị Hoa', continues_first: true },
      { agency_code: 'SLDTBXH', plan_code: '90/KH-UBND', name: 'Hộ bà Lê Thị Cúc', continues_first: true },
      { agency_code: 'SYT', plan_code: '7/KH-UBND-THU', name: 'NGUYỄN THỊ HOA', continues_first: true },
      { agency_code: 'SNV', plan_code: '7/KH-UBND-THU', name: 'Hộ bà Lê Thị Cúc', continues_first: true },
    ]);
    // Within one period an exemplar is one row: two periods make two exemplars of one line.
    expect(await x.count('SELECT count(DISTINCT coalesce(lineage_id, id)) FROM exemplars')).toBe(2);
  });
});
