/**
 * One measurement in its own process, so each peak RSS is its own. Prints one JSON line.
 *   tsx bench/ingestCase.ts duckdb <file.csv> <workdir>
 *   tsx bench/ingestCase.ts ingest <file> <workdir>
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { quoteLiteral } from '../ingest/store/sqlLiteral.ts';
import { ingestUpload, INGEST_MEMORY_LIMIT } from '../ingest/pipeline/ingestUpload.ts';

const [mode, file, workDir] = process.argv.slice(2) as [string, string, string];
mkdirSync(workDir, { recursive: true });
const dbPath = join(workDir, 'exemplars.duckdb');
const result: Record<string, unknown> = { mode, file };

if (mode === 'duckdb') {
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  const t = performance.now();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv(${quoteLiteral(file)})`);
  result.seconds = (performance.now() - t) / 1000;
  result.rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM t')).getRowObjectsJS()[0]?.n);
  conn.closeSync();
  instance.closeSync();
} else {
  // The service's own cap (env DUCKDB_MEMORY_LIMIT overrides it, to try other values).
  const memoryLimit = process.env.DUCKDB_MEMORY_LIMIT ?? INGEST_MEMORY_LIMIT;
  result.memoryLimit = memoryLimit;
  const db = await openDatabase(dbPath, { memoryLimit });
  await migrate(db.connection);
  const store = { conn: db.connection, dbPath, dataDir: workDir };
  const t = performance.now();
  const out = await ingestUpload(
    store,
    { filePath: file, fileName: file.split('/').pop()!, agency: 'SNV', formYear: null, dryRun: false, acceptPartial: false, submittedBy: 'bench', mapping: {} },
    { maxBytes: 2 ** 31, maxRows: 2_000_000, maxUncompressedBytes: 2 ** 32, maxZipRatio: 1000 },
  );
  result.seconds = (performance.now() - t) / 1000;
  if (!out.ok) throw new Error(JSON.stringify(out.problem));
  result.rows = out.report.counts.accepted;
  result.refused = out.report.counts.refused;
  const t2 = performance.now();
  await publishSnapshot(db.connection, dbPath, workDir);
  result.snapshotSeconds = (performance.now() - t2) / 1000;
  db.close();
}
result.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(result));
