import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { problem } from '../parse/uploadProblem.ts';

const LIFETIME = loadSql(import.meta.url, './sql/agency_lifetime.sql');

/**
 * Agencies are created, merged and split (the organisation file gives each its validity): a
 * list dated in a year the agency did not exist in belongs to its successor or predecessor.
 * Years that only partly overlap (2025 for an agency merged in March) pass.
 */
export async function checkAgencyLifetime(conn: DuckDBConnection, agency: string, year: number): Promise<void> {
  const [row] = await queryRows(conn, LIFETIME, { agency });
  if (!row) return;
  const first = row.first_year === null ? null : Number(row.first_year);
  const last = row.last_year === null ? null : Number(row.last_year);
  if (last !== null && year > last) {
    const successor = row.successor_code
      ? ` Từ ngày ${String(row.effective)} đơn vị đã chuyển sang ${String(row.successor_name)} (${String(row.successor_code)}): hãy gửi danh sách dưới tên đơn vị kế thừa.`
      : '';
    throw problem('AGENCY_NOT_ACTIVE', `${String(row.name)} không còn hoạt động trong năm ${year}.${successor}`, 422, {
      agency,
      year,
      lastYear: last,
      successor: row.successor_code ?? null,
    });
  }
  if (first !== null && year < first) {
    throw problem(
      'AGENCY_NOT_ACTIVE',
      `${String(row.name)} được thành lập năm ${first}, không có danh sách năm ${year}: danh sách các năm trước thuộc các đơn vị trước khi hợp nhất.`,
      422,
      { agency, year, firstYear: first },
    );
  }
}
