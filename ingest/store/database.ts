import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

/** The ingest service's handle on its database file: the only writer (docs/architecture.md#one-writer-per-data-folder). */
export interface Database {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
  path: string;
  close(): void;
}

export interface OpenOptions {
  /** DuckDB's buffer-manager cap, e.g. '512MB' (env DUCKDB_MEMORY_LIMIT); DuckDB's default is 80% of RAM. */
  memoryLimit?: string;
  threads?: number;
}

/** Opens (creating if needed) the writable database. ':memory:' is allowed for tests. */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<Database> {
  const memoryLimit = options.memoryLimit ?? process.env.DUCKDB_MEMORY_LIMIT;
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(memoryLimit ? { memory_limit: memoryLimit } : {}),
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    path,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

export type Row = Record<string, unknown>;

/** Runs a query and returns plain JS rows (BIGINT counts come back as bigint: convert on purpose). */
export async function queryRows(conn: DuckDBConnection, sql: string, params?: Record<string, DuckDBValue>): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as Row[];
}

/**
 * Runs `work` inside BEGIN/COMMIT. Any error rolls back and is rethrown. A statement that
 * fails inside BEGIN makes a later COMMIT a silent no-op in this client, so every statement
 * must be awaited inside `work` (which throws), never fire-and-forget.
 */
export async function inTransaction<T>(conn: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const result = await work();
    await conn.run('COMMIT');
    return result;
  } catch (error) {
    await conn.run('ROLLBACK').catch((rollbackError: unknown) => {
      // The original error is what matters; the failed rollback goes to the log.
      console.error('rollback failed after', error, rollbackError);
    });
    throw error;
  }
}
