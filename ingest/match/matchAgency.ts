import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { foldKey } from '../text/normalise.ts';

/** An agency named by code or by any known variant ("Sở Y tế tỉnh Hưng Yên", "SYT"). */
export async function matchAgency(conn: DuckDBConnection, typed: string): Promise<string | null> {
  const rows = await queryRows(
    conn,
    `SELECT code FROM agencies WHERE code = upper($typed)
     UNION SELECT agency_code FROM agency_name_variants WHERE variant_key = $key`,
    { typed: typed.trim(), key: foldKey(typed) },
  );
  return rows.length === 1 ? String(rows[0]!.code) : null;
}
