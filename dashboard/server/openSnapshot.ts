import { DuckDBInstance, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import type { SnapshotManifest } from '../../contracts/snapshotProtocol.ts';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildSnapshotTables, connectionStatements, withPrivateCopy } from '../../contracts/snapshotTables.ts';
import { refreshSnapshotTables } from '../../contracts/refreshSnapshotTables.ts';
import { readSnapshotFacts, type SnapshotFacts } from './snapshotFacts.ts';

/**
 * The only way the reporting side opens DuckDB: the snapshot file, read-only, with file access
 * outside it and extension loading off, then the configuration locked so no SQL can turn them
 * back on (each option name checked against duckdb_settings() in DuckDB 1.5.6).
 */
export const SNAPSHOT_OPTIONS = {
  access_mode: 'READ_ONLY',
  enable_external_access: 'false',
  autoload_known_extensions: 'false',
  autoinstall_known_extensions: 'false',
  lock_configuration: 'true',
} as const;

/** A reporting connection and the statements already prepared on it (by SQL text). */
export interface PooledConnection {
  connection: DuckDBConnection;
  prepared: Map<string, DuckDBPreparedStatement>;
}

/** How a snapshot's reporting copy was made: refreshed from the previous one, or built in full (and why). */
export interface SnapshotOpening {
  mode: 'refresh' | 'full';
  /** Copy, build or refresh, and open, in milliseconds. */
  ms: number;
  /** Why a refresh was not used (full builds after the first). */
  reason?: string;
  /** A refresh's agencies and number of exemplars recomputed. */
  agencies?: string[];
  exemplars?: number;
}

export interface OpenSnapshot {
  manifest: SnapshotManifest;
  path: string;
  /** The private copy it answers from (after a refresh, with the changes in its WAL beside it). */
  copyPath: string;
  /**
   * Where the next snapshot's refresh starts: a copy of this snapshot's reporting database
   * without a WAL once one is ready (a full build's copy; a refresh's, compacted in the
   * background), else the copy it answers from, whose WAL must be copied with it.
   */
  refreshSource(): string;
  opening: SnapshotOpening;
  /** Ranges, defaults, codes and labels of this snapshot, read once when it opened. */
  facts: SnapshotFacts;
  /**
   * Runs `work` on a pooled connection; waits for one when all are busy. If `signal` has
   * aborted by the time a connection is free (the client went away), the work is skipped, so
   * abandoned requests do not keep the pool busy.
   */
  withConnection<T>(work: (pooled: PooledConnection) => Promise<T>, signal?: AbortSignal): Promise<T>;
  close(): void;
}

/** Where the reading side keeps its private copies: `<dataDir>/reporting/` beside `snapshots/`. */
export function readerWorkDir(snapshotFile: string): string {
  return join(dirname(dirname(snapshotFile)), 'reporting');
}

let opened = 0;

/**
 * Removes the private copies that processes no longer running left behind (a crash, a kill):
 * each copy's name carries the pid of the process that made it.
 */
export function removeLeftoverCopies(workDir: string): string[] {
  if (!existsSync(workDir)) return [];
  const removed: string[] = [];
  for (const f of readdirSync(workDir)) {
    const m = /^snapshot-\d+\.(\d+)\.\d+(?:\.base)?\.duckdb(\.wal)?$/.exec(f);
    if (!m || isRunning(Number(m[1]))) continue;
    rmSync(join(workDir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Opens a snapshot: a private copy of it (in `workDir`) with the reporting tables built in
 * once (contracts/snapshotTables.ts), then opened read-only with a small pool of connections,
 * each with the reporting macros, and proven readable (its facts read: plans, periods, codes,
 * labels) before anyone is given it. The tables are stored in the copy, so the connections
 * share them (TEMP tables, per connection, cost ~3 s and ~225 MB each at 1.5M recognitions).
 * The copy goes when the snapshot closes.
 */
export async function openSnapshot(
  path: string,
  manifest: SnapshotManifest,
  poolSize = 4,
  workDir = readerWorkDir(path),
  previous: OpenSnapshot | null = null,
): Promise<OpenSnapshot> {
  const started = performance.now();
  mkdirSync(workDir, { recursive: true });
  const copy = join(workDir, `${manifest.name}.${process.pid}.${++opened}.duckdb`);
  const removeCopy = () => removeDatabaseFile(copy);
  let instance: DuckDBInstance;
  let opening: Omit<SnapshotOpening, 'ms'>;
  try {
    opening = previous ? await refreshFrom(previous, path, copy, removeCopy) : { mode: 'full' };
    if (opening.mode === 'full') {
      // async: the old snapshot keeps answering while the new one is copied (~300 MB at 1.5M)
      await copyFile(path, copy);
      await buildSnapshotTables(copy);
    }
    instance = await DuckDBInstance.create(copy, { ...SNAPSHOT_OPTIONS });
  } catch (error) {
    removeCopy();
    throw error;
  }
  const macros = connectionStatements();
  const pool: PooledConnection[] = [];
  let facts: SnapshotFacts;
  try {
    for (let i = 0; i < Math.max(1, poolSize); i++) pool.push({ connection: await instance.connect(), prepared: new Map() });
    // the connections define their macros side by side, the first reading the facts when done
    const defined = pool.map(async ({ connection }) => {
      for (const statement of macros) await connection.run(statement);
    });
    const all = Promise.all(defined);
    all.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
    facts = await defined[0]!.then(() => readSnapshotFacts(pool[0]!.connection));
    await all;
  } catch (error) {
    for (const p of pool) p.connection.closeSync();
    instance.closeSync();
    removeCopy();
    throw error;
  }

  const idle = [...pool];
  const waiting: ((p: PooledConnection) => void)[] = [];
  let closed = false;

  // A refreshed copy answers with its changes in its WAL (a checkpoint there would put
  // 0.3–0.6 s on the way to the new snapshot at 1.5M recognitions); the next refresh starts
  // from a checkpointed copy of it, made now, off that path.
  let base: string | null = opening.mode === 'full' ? copy : null;
  if (opening.mode === 'refresh') {
    const file = copy.replace(/\.duckdb$/, '.base.duckdb');
    compactCopy(copy, file).then(
      () => {
        if (closed) removeDatabaseFile(file);
        else base = file;
      },
      () => removeDatabaseFile(file),
    );
  }

  const take = (): Promise<PooledConnection> => {
    const p = idle.pop();
    return p ? Promise.resolve(p) : new Promise((resolve) => waiting.push(resolve));
  };
  const give = (p: PooledConnection): void => {
    const next = waiting.shift();
    if (next) next(p);
    else idle.push(p);
  };

  return {
    manifest,
    path,
    copyPath: copy,
    refreshSource: () => base ?? copy,
    opening: { ...opening, ms: Math.round(performance.now() - started) },
    facts,
    async withConnection(work, signal) {
      if (closed) throw new Error(`snapshot ${manifest.name} is closed`);
      const pooled = await take();
      try {
        signal?.throwIfAborted();
        return await work(pooled);
      } finally {
        give(pooled);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      for (const p of pool) {
        for (const statement of p.prepared.values()) statement.destroySync();
        p.connection.closeSync();
      }
      instance.closeSync();
      removeCopy();
      if (base && base !== copy) removeDatabaseFile(base);
    },
  };
}

/**
 * The new snapshot's reporting copy made from the previous snapshot's (a copy of it, refreshed:
 * contracts/refreshSnapshotTables.ts), when the difference allows; otherwise `full`, with the
 * reason, and nothing left at `copy`. The previous copy is open READ_ONLY (never written), so
 * copying it, with its WAL, is safe.
 */
async function refreshFrom(
  previous: OpenSnapshot,
  path: string,
  copy: string,
  removeCopy: () => void,
): Promise<Omit<SnapshotOpening, 'ms'>> {
  try {
    const source = previous.refreshSource();
    await copyFile(source, copy);
    if (existsSync(`${source}.wal`)) await copyFile(`${source}.wal`, `${copy}.wal`);
    const outcome = await refreshSnapshotTables(copy, path);
    if (outcome.refreshed) return { mode: 'refresh', agencies: outcome.agencies, exemplars: outcome.exemplars };
    removeCopy();
    return { mode: 'full', reason: outcome.reason };
  } catch (error) {
    removeCopy();
    return { mode: 'full', reason: `refresh failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** A checkpointed copy (no WAL) of a reporting database: one thread, so queries keep the other core. */
async function compactCopy(copy: string, file: string): Promise<void> {
  await copyFile(copy, file);
  if (existsSync(`${copy}.wal`)) await copyFile(`${copy}.wal`, `${file}.wal`);
  await withPrivateCopy(file, { threads: '1', enable_external_access: 'false' }, (connection) => connection.run('CHECKPOINT'));
}

function removeDatabaseFile(file: string): void {
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
}
