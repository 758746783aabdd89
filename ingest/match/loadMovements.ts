import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { useMovements } from './matchMovement.ts';

const MOVEMENTS = loadSql(import.meta.url, './sql/movements.sql');

/** Reads the registered movements into the matcher (about a millisecond: run at every upload). */
export async function loadMovements(conn: DuckDBConnection): Promise<void> {
  const rows = await queryRows(conn, MOVEMENTS);
  useMovements(
    rows.map((r) => ({
      key: Number(r.no),
      planCode: String(r.plan_code),
      number: Number(r.number),
      name: String(r.name),
      shortName: String(r.short_name),
      parts: (r.parts as string[] | null) ?? [],
      aliases: (r.aliases as string[] | null) ?? [],
      households: r.households === true,
    })),
  );
}
