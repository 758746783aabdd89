import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, queryRows } from './database.ts';
import { registerShippedCatalogue } from '../catalogue/registerShipped.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Data steps that belong to a schema version and run in the same transaction. */
const DATA_STEPS: Record<number, (conn: DuckDBConnection) => Promise<void>> = {
  5: registerShippedCatalogue,
};

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8'),
    }));
}

/**
 * Brings the schema to the newest version. Idempotent: applied versions are recorded in
 * schema_migrations and skipped; each version applies in its own transaction.
 * Returns the versions applied by this call.
 */
export async function migrate(conn: DuckDBConnection): Promise<number[]> {
  await conn.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`);
  const done = new Set((await queryRows(conn, 'SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
  const applied: number[] = [];
  for (const m of listMigrations()) {
    if (done.has(m.version)) continue;
    await inTransaction(conn, async () => {
      await conn.run(m.sql);
      await DATA_STEPS[m.version]?.(conn);
      await conn.run('INSERT INTO schema_migrations VALUES ($v, $n, now()::TIMESTAMP)', { v: m.version, n: m.name });
    });
    applied.push(m.version);
  }
  return applied;
}

export async function schemaVersion(conn: DuckDBConnection): Promise<number> {
  const rows = await queryRows(conn, 'SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return Number(rows[0]?.v ?? 0);
}
