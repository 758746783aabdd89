import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * The reporting tables a reading of a snapshot needs: the fact table and the placement tables
 * of queries/snapshot/*.sql, built once per snapshot, as stored tables, into a private copy of
 * it that the reader then opens READ_ONLY (dashboard/server/openSnapshot.ts); each pooled
 * connection only defines the macros of queries/shared/*.sql. The writer publishes the plain
 * copy: building there would put ~1 s per 1M recognitions on every upload's answer.
 *
 * Both folders are numbered in one sequence: a snapshot file runs after the shared files
 * numbered before it (the label and agency macros it builds with), and the shared files
 * numbered after the last snapshot file read the tables (so the build does not need them).
 */
export const QUERIES_DIR = fileURLToPath(new URL('../queries/', import.meta.url));

/** A table the build must leave in every snapshot (the reader checks for it). */
export const FACT_TABLE = 'fact_recognitions';

interface NumberedFile {
  order: number;
  name: string;
  path: string;
}

function numberedSqlFiles(dir: string): NumberedFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => ({ order: Number.parseInt(f, 10), name: f, path: join(dir, f) }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/** The statements each reporting connection runs: queries/shared/*.sql in order (TEMP macros). */
export function connectionStatements(queriesDir: string = QUERIES_DIR): string[] {
  return numberedSqlFiles(join(queriesDir, 'shared')).map((f) => readFileSync(f.path, 'utf8'));
}

/** A snapshot file a refresh skips (the organisation's tables): its first line is this. */
const FULL_BUILD_ONLY = /^-- @on-refresh: skip\b/;

/**
 * The statements that build a snapshot's tables: the shared files they need, then each snapshot
 * file, in number order. `refresh`: without the files a refresh skips (refreshSnapshotTables).
 */
export function snapshotTableStatements(queriesDir: string = QUERIES_DIR, refresh = false): string[] {
  const tables = numberedSqlFiles(join(queriesDir, 'snapshot'));
  const last = Math.max(...tables.map((f) => f.order));
  const shared = numberedSqlFiles(join(queriesDir, 'shared')).filter((f) => f.order < last);
  return [...shared, ...tables]
    .sort((a, b) => a.order - b.order)
    .map((f) => readFileSync(f.path, 'utf8'))
    .filter((sql) => !(refresh && FULL_BUILD_ONLY.test(sql)));
}

export interface BuildOptions {
  /** DuckDB's memory_limit for the build. */
  memoryLimit?: string;
  queriesDir?: string;
}

/**
 * Opens a reader's private copy read-write, in an instance of its own, for one job (a build, a
 * refresh, a compaction), runs `work` on one connection, and closes both. Extensions never load;
 * `config` adds the job's own settings (file access, threads, memory).
 */
export async function withPrivateCopy<T>(
  path: string,
  config: Record<string, string>,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(path, {
    autoload_known_extensions: 'false',
    autoinstall_known_extensions: 'false',
    ...config,
  });
  try {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/**
 * Builds the reporting tables into a private copy of a snapshot: runs the statements,
 * checkpoints, closes. Throws on any failure: the caller must not serve the copy.
 */
export async function buildSnapshotTables(copyPath: string, options: BuildOptions = {}): Promise<void> {
  // The build reads only the copy: no files outside it.
  const config = { enable_external_access: 'false', ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}) };
  await withPrivateCopy(copyPath, config, async (connection) => {
    for (const statement of snapshotTableStatements(options.queriesDir)) await connection.run(statement);
    await connection.run('CHECKPOINT');
  });
}
