import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { quoteIdentifier, quoteLiteral } from '../../contracts/sqlLiteral.ts';

/**
 * Where one upload's (or preview's) intermediate tables, views and macros live: an in-memory
 * database attached for the upload and detached, with everything in it, in one statement.
 *
 * Why not a schema in DuckDB's temp catalog: DuckDB 1.5 refuses it ("Cannot create
 * non-temporary entry in temporary catalog"; duckdb/duckdb#19969 would have allowed it and
 * was closed unmerged), and temp objects all go to temp.main. The attached database is found
 * first on the search path, so the SQL files name their objects unqualified and CREATE writes
 * there; the stored tables are found next. Like the temp catalog it is in memory and spills
 * to DuckDB's temp directory beyond memory_limit. Two differences: one transaction may write
 * only one database (the stored one during the commit; see drawExemplarIds), and DETACH is
 * refused while the transaction has work on it, so it runs after COMMIT or ROLLBACK.
 * ATTACH is visible to the instance's other connections: each workspace has its own name.
 */
export interface UploadWorkspace {
  conn: DuckDBConnection;
  /** The attached database's name (what an appender needs as its catalog). */
  catalog: string;
  /** The stored database, second on the search path. */
  stored: string;
}

/** Prefix of every workspace's name (the leftovers test looks for it). */
export const WORKSPACE_PREFIX = 'upload_work_';
let opened = 0;

export async function openUploadWorkspace(conn: DuckDBConnection): Promise<UploadWorkspace> {
  const [row] = await queryRows(conn, "SELECT current_database() AS db, current_setting('search_path') AS path");
  const stored = String(row?.db);
  if (String(row?.path ?? '') !== '')
    throw new Error(`upload workspace: the writer connection already has a search_path (${String(row?.path)})`);
  const catalog = `${WORKSPACE_PREFIX}${process.pid}_${++opened}`;
  await conn.run(`ATTACH ':memory:' AS ${quoteIdentifier(catalog)}`);
  await conn.run(`SET search_path = ${quoteLiteral(`${quoteIdentifier(catalog)}.main,${quoteIdentifier(stored)}.main`)}`);
  return { conn, catalog, stored };
}

/**
 * Drops everything the upload made. Called after the commit's COMMIT or ROLLBACK and before
 * the snapshot is published (a bare CHECKPOINT checkpoints the search path's first database).
 */
export async function closeUploadWorkspace(ws: UploadWorkspace): Promise<void> {
  await ws.conn.run('RESET search_path');
  await ws.conn.run(`DETACH DATABASE IF EXISTS ${quoteIdentifier(ws.catalog)}`);
}
