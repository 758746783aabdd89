import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { problem } from '../parse/uploadProblem.ts';
import { movementsOf } from '../match/matchMovement.ts';

const PROVINCE_PLANS = loadSql(import.meta.url, './sql/province_plans.sql');
const FILE_YEAR = loadSql(import.meta.url, './sql/file_year.sql');
const DATA_ROW_COUNT = loadSql(import.meta.url, './sql/data_row_count.sql');

/** The plan a list falls under: the one of the agency's province whose period covers its year. */
export interface UploadPlan {
  code: string;
  number: string;
  firstYear: number;
  lastYear: number;
  year: number;
  /** Movement keys that recognise households (Plan 90: movement 8). */
  householdMovements: number[];
  householdNumbers: number[];
  /** The largest movement number of the plan (what "PT 1–n" offers). */
  lastNumber: number;
}

/**
 * Decides the list's year (given with the upload, or the one its rows agree on most) and the
 * plan that covers it. Needs upload_values (distinct_values.sql). A year no registered plan of
 * the province covers is refused whole, naming the periods registered and who adds one.
 */
export async function findUploadPlan(conn: DuckDBConnection, agency: string, formYear: number | null): Promise<UploadPlan> {
  const plans = (await queryRows(conn, PROVINCE_PLANS, { agency })).map((p) => ({
    code: String(p.code),
    number: String(p.number),
    first: Number(p.first_year),
    last: Number(p.last_year),
    province: String(p.province_name),
  }));
  const covered = plans.flatMap((p) => Array.from({ length: p.last - p.first + 1 }, (_, i) => p.first + i));
  const year =
    formYear ?? ((await queryRows(conn, FILE_YEAR, { covered: JSON.stringify(covered) }))[0]?.year as number | undefined) ?? null;
  if (year === null) {
    const [{ n } = { n: 0 }] = await queryRows(conn, DATA_ROW_COUNT);
    if (Number(n) === 0) throw problem('NO_DATA_ROWS', 'Tệp không có dòng dữ liệu nào dưới dòng tên cột.', 422);
    throw problem(
      'YEAR_UNDETERMINED',
      `Không xác định được năm công nhận của tệp (không dòng nào có năm hợp lệ): ghi năm vào cột "Năm công nhận" hoặc gửi kèm trường year.`,
      422,
    );
  }
  const plan = plans.find((p) => year >= p.first && year <= p.last);
  if (!plan) {
    const periods = plans.map((p) => `${p.first}–${p.last} (Kế hoạch số ${p.number})`).join('; ');
    const province = plans[0]?.province;
    throw problem(
      'YEAR_NO_PLAN',
      `Năm ${year} chưa thuộc kế hoạch thi đua nào đã đăng ký${province ? ` của tỉnh ${province}` : ''}` +
        `${periods ? ` (các giai đoạn đã đăng ký: ${periods})` : ''}. Sở Nội vụ đăng ký kế hoạch của giai đoạn này trước (Nhập dữ liệu › Kế hoạch, hoặc POST /api/plans), rồi gửi lại danh sách.`,
      422,
      { year, periods: plans.map((p) => ({ plan: p.code, firstYear: p.first, lastYear: p.last })) },
    );
  }
  const movements = movementsOf(plan.code);
  const households = movements.filter((m) => m.households);
  return {
    code: plan.code,
    number: plan.number,
    firstYear: plan.first,
    lastYear: plan.last,
    year,
    householdMovements: households.map((m) => m.key),
    householdNumbers: households.map((m) => m.number),
    lastNumber: Math.max(0, ...movements.map((m) => m.number)),
  };
}
