import type { DuckDBConnection } from '@duckdb/node-api';

export type UploadPhase = 'parse' | 'validate' | 'commit' | 'publish';

// The first statement of each phase on the writer connection (ingestUpload → stage →
// validate → commitBatch → publishSnapshot). Matched on SQL text, so nothing in the
// pipeline has to know it is traced.
const MARKERS: [RegExp, UploadPhase][] = [
  [/FROM ingest_batches b LEFT JOIN ingest_batch_reports/, 'parse'],
  [/CREATE OR REPLACE TABLE upload_ignored\b/i, 'validate'],
  [/^\s*BEGIN TRANSACTION\s*$/i, 'commit'],
  [/^\s*CHECKPOINT\s*$/i, 'publish'],
];

function phaseOf(sql: unknown): UploadPhase | null {
  if (typeof sql !== 'string') return null;
  for (const [pattern, phase] of MARKERS) if (pattern.test(sql)) return phase;
  return null;
}

/**
 * The writer connection, logging `phase <name>` when an upload enters parse, validate,
 * commit or snapshot publishing (INGEST_TRACE_PHASES=1). The kill-loop script reads these
 * lines to tell in which phase each SIGKILL landed.
 */
export function tracePhases(conn: DuckDBConnection, log: (line: string) => void): DuckDBConnection {
  return new Proxy(conn, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop !== 'run' && prop !== 'runAndReadAll') return value.bind(target);
      return (sql: unknown, ...rest: unknown[]) => {
        const phase = phaseOf(sql);
        if (phase) log(`phase ${phase}`);
        return (value as (...args: unknown[]) => unknown).call(target, sql, ...rest);
      };
    },
  });
}
