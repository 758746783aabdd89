import { BOOLEAN, INTEGER, VARCHAR, type DuckDBPreparedStatement, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { OpenSnapshot, PooledConnection } from './openSnapshot.ts';
import type { ParamType, ParamValue, QueryDefinition } from './queryDefinition.ts';
import type { QueryResult } from './queryResult.ts';
import { readResultColumns } from './readResultColumns.ts';
import { agenciesReadableBy, keepRows } from './scopeRows.ts';

/** DATE parameters are bound as text and cast in SQL ($deadline::DATE). */
function bindType(type: ParamType): DuckDBType {
  switch (type.kind) {
    case 'INTEGER':
      return INTEGER;
    case 'BOOLEAN':
      return BOOLEAN;
    default:
      return VARCHAR;
  }
}

/** Rows an agency viewer may read of a query scoped by column (see checkReadAccess.ts). */
export interface RowScope {
  column: string;
  agency: string;
}

/**
 * A named query's statement on a pooled connection with validated values bound by name.
 * Statements are prepared once per pooled connection and reused.
 */
export async function bindNamedQuery(
  { connection, prepared }: PooledConnection,
  def: QueryDefinition,
  values: Record<string, ParamValue>,
): Promise<DuckDBPreparedStatement> {
  let statement = prepared.get(def.sql);
  if (!statement) {
    statement = await connection.prepare(def.sql);
    prepared.set(def.sql, statement);
  }
  const bound: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const p of def.params) {
    bound[p.name] = values[p.name] ?? null;
    types[p.name] = bindType(p.type);
  }
  statement.bind(bound, types);
  return statement;
}

/** Runs a named query on a snapshot and reads the whole result (kept to the viewer's rows when scoped). */
export async function runNamedQuery(
  snapshot: OpenSnapshot,
  def: QueryDefinition,
  values: Record<string, ParamValue>,
  signal?: AbortSignal,
  rowScope: RowScope | null = null,
): Promise<QueryResult> {
  return snapshot.withConnection(async (pooled) => {
    const statement = await bindNamedQuery(pooled, def, values);
    const result = readResultColumns(await statement.runAndReadAll());
    return rowScope ? keepRows(result, rowScope.column, await agenciesReadableBy(pooled, rowScope.agency)) : result;
  }, signal);
}
