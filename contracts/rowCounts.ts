import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The row counts a snapshot manifest records and both services' health endpoints report: the
 * ingest service counts its database, the reporting service the snapshot it answers from.
 */
export interface RowCounts {
  movements: number;
  agencies: number;
  exemplars: number;
  recognitions: number;
  batches: number;
  plans: number;
  planTargets: number;
  allocations: number;
}

const COUNT_SQL = `SELECT
  (SELECT count(*) FROM movements)::INTEGER AS movements,
  (SELECT count(*) FROM agencies)::INTEGER AS agencies,
  (SELECT count(*) FROM exemplars)::INTEGER AS exemplars,
  (SELECT count(*) FROM recognitions)::INTEGER AS recognitions,
  (SELECT count(*) FROM ingest_batches)::INTEGER AS batches,
  (SELECT count(*) FROM agency_plans)::INTEGER AS plans,
  (SELECT count(*) FROM plan_targets)::INTEGER AS "planTargets",
  (SELECT count(*) FROM delegate_allocations)::INTEGER AS allocations`;

export async function readRowCounts(conn: DuckDBConnection): Promise<RowCounts> {
  const reader = await conn.runAndReadAll(COUNT_SQL);
  return reader.getRowObjectsJS()[0] as unknown as RowCounts;
}
