/**
 * One measurement in its own process, so each peak RSS is its own. Prints one JSON line.
 *   tsx bench/ingestCase.ts duckdb <file.csv> <workdir>
 *   tsx bench/ingestCase.ts floor <file.csv> <workdir>
 *   tsx bench/ingestCase.ts ingest <file> <workdir>
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { quoteLiteral } from '../contracts/sqlLiteral.ts';
import { DEFAULT_LIMITS, ingestUpload, INGEST_MEMORY_LIMIT } from '../ingest/pipeline/ingestUpload.ts';
import { tracePhases } from '../ingest/server/tracePhases.ts';

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
} else if (mode === 'floor') {
  // The least any path must do with this file in our schema, under the service's settings:
  // DuckDB's reader, the name fold, the exemplar and recognition inserts, COMMIT. No
  // validation, no matching, no snapshot: the part of the full path no design can skip.
  const db = await openDatabase(dbPath, { memoryLimit: process.env.DUCKDB_MEMORY_LIMIT ?? INGEST_MEMORY_LIMIT });
  await migrate(db.connection);
  const conn = db.connection;
  const t = performance.now();
  await conn.run(
    `CREATE TEMP TABLE raw AS SELECT * FROM read_csv(${quoteLiteral(file)}, header=true, all_varchar=true, names=['n','name','kind','unit','movement','year','decision_no','decision_date'])`,
  );
  await conn.run(`CREATE TEMP TABLE norm AS
    WITH units AS (SELECT unit, fold_key_fast(unit) AS unit_key FROM (SELECT DISTINCT unit FROM raw))
    SELECT r.rowid::INTEGER AS row_no, r.name, fold_key_fast(r.name) AS name_key, r.unit, u.unit_key, r.decision_no FROM raw r JOIN units u USING (unit)`);
  await conn.run('BEGIN TRANSACTION');
  // Since migration 005 an exemplar also names the plan it was recognised under.
  await conn.run(`INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id, plan_code)
    SELECT row_no, 'SNV-1-' || row_no, name, name_key, unit, unit_key, 'ca_nhan', 'dien_hinh_tien_tien', 'SNV', 5, 'phat_hien', 1,
           (SELECT code FROM plans WHERE 2023 BETWEEN first_year AND last_year) FROM norm`);
  await conn.run(`INSERT INTO recognitions (exemplar_id, year, form, decision_no, decision_date, batch_id, source_row)
    SELECT row_no, 2023, 'cong_nhan_dhtt', decision_no, DATE '2023-06-05', 1, row_no FROM norm`);
  await conn.run('COMMIT');
  result.seconds = (performance.now() - t) / 1000;
  result.rows = Number((await conn.runAndReadAll('SELECT count(*) AS n FROM recognitions')).getRowObjectsJS()[0]?.n);
  db.close();
} else {
  // The service's own cap (env DUCKDB_MEMORY_LIMIT overrides it, to try other values).
  const memoryLimit = process.env.DUCKDB_MEMORY_LIMIT ?? INGEST_MEMORY_LIMIT;
  result.memoryLimit = memoryLimit;
  const db = await openDatabase(dbPath, { memoryLimit });
  await migrate(db.connection);
  // The publish phase starts at the snapshot's CHECKPOINT: the time to it is the path the
  // issue names (parse, normalise, validate, commit into the database file).
  let publishAt: number | null = null;
  const conn = tracePhases(db.connection, (line) => {
    if (line === 'phase publish') publishAt ??= performance.now();
  });
  const store = { conn, dbPath, dataDir: workDir };
  const t = performance.now();
  const out = await ingestUpload(
    store,
    {
      filePath: file,
      fileName: file.split('/').pop()!,
      agency: 'SNV',
      formYear: null,
      dryRun: false,
      acceptPartial: false,
      submittedBy: 'bench',
      mapping: {},
    },
    { ...DEFAULT_LIMITS, maxBytes: 2 ** 31, maxRows: 2_000_000, maxUncompressedBytes: 2 ** 32, maxZipRatio: 1000 },
  );
  result.seconds = (performance.now() - t) / 1000;
  result.toCommitSeconds = ((publishAt ?? performance.now()) - t) / 1000;
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
