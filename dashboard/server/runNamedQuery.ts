import { BOOLEAN, INTEGER, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { OpenSnapshot } from './openSnapshot.ts';
import type { ParamType, ParamValue, QueryDefinition } from './queryDefinition.ts';
import type { QueryResult } from './queryResult.ts';
import { readResultColumns } from './readResultColumns.ts';

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

/**
 * Runs a named query on a snapshot with validated values bound by name. Statements are prepared
 * once per pooled connection and reused.
 */
export async function runNamedQuery(snapshot: OpenSnapshot, def: QueryDefinition, values: Record<string, ParamValue>, signal?: AbortSignal): Promise<QueryResult> {
  return snapshot.withConnection(async ({ connection, prepared }) => {
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
    const reader = await statement.runAndReadAll();
    return readResultColumns(reader);
  }, signal);
}
