import { VARCHAR } from '@duckdb/node-api';
import type { PooledConnection } from './openSnapshot.ts';
import type { QueryResult } from './queryResult.ts';

// An agency and every agency merged into it (successions): its viewer reads their rows too,
// as the register shows them under it when rolled up.
const AGENCY_AND_PREDECESSORS = 'SELECT recorded_code AS code FROM reporting_agency(true) WHERE agency_code = $agency UNION SELECT $agency';

/** The agency codes whose rows an agency viewer may read. */
export async function agenciesReadableBy({ connection, prepared }: PooledConnection, agency: string): Promise<Set<string>> {
  let statement = prepared.get(AGENCY_AND_PREDECESSORS);
  if (!statement) {
    statement = await connection.prepare(AGENCY_AND_PREDECESSORS);
    prepared.set(AGENCY_AND_PREDECESSORS, statement);
  }
  statement.bind({ agency }, { agency: VARCHAR });
  const reader = await statement.runAndReadAll();
  return new Set(reader.getColumns()[0]!.map(String));
}

/** The rows of `result` whose `column` holds one of `allowed`. */
export function keepRows(result: QueryResult, column: string, allowed: ReadonlySet<string>): QueryResult {
  const scope = result.columns.find((c) => c.name === column);
  if (!scope) throw new Error(`scope column ${column} is not in the result`);
  const keep: number[] = [];
  scope.values.forEach((v, i) => {
    if (typeof v === 'string' && allowed.has(v)) keep.push(i);
  });
  if (keep.length === result.rowCount) return result;
  return { rowCount: keep.length, columns: result.columns.map((c) => ({ ...c, values: keep.map((i) => c.values[i] ?? null) })) };
}
