/**
 * The ingest benchmark (docs/architecture.md#an-upload-is-one-batch): a 1,000,000-row CSV through the ingest path (parse, normalise,
 * validate, commit into the database file, publish a snapshot) against DuckDB's own
 * read_csv into a table of a database file, as a ratio; and a 50,000-row XLSX.
 * Each measurement runs in its own process (peak RSS is per process). BENCH_RUNS (default 3)
 * repeats the three measurements in turn and prints medians: on a shared machine one run
 * can be several times slower than the next.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchCsv, writeBenchXlsx } from '../testing/ingestRowGenerator.ts';
import { INGEST_MEMORY_LIMIT } from '../ingest/pipeline/ingestUpload.ts';

const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 50_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const dir = mkdtempSync(join(tmpdir(), 'hy-bench-'));
const caseScript = fileURLToPath(new URL('./ingestCase.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function measure(mode: string, file: string, name: string): Record<string, number> {
  const out = execFileSync(tsx, [caseScript, mode, file, join(dir, name)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  rmSync(join(dir, name), { recursive: true, force: true });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The median of each numeric field over the runs. */
function medians(runs: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(runs[0]!)) if (typeof runs[0]![k] === 'number') out[k] = median(runs.map((r) => r[k]!));
  return out;
}

try {
  const csv = join(dir, 'bench-1m.csv');
  const xlsx = join(dir, 'bench-50k.xlsx');
  await writeBenchCsv(csv, CSV_ROWS);
  await writeBenchXlsx(xlsx, XLSX_ROWS);
  const mb = (f: string) => (statSync(f).size / 1048576).toFixed(1);

  const runs: {
    base: Record<string, number>;
    floor: Record<string, number>;
    full: Record<string, number>;
    book: Record<string, number>;
    ratio: number;
  }[] = [];
  for (let i = 0; i < RUNS; i++) {
    // The baseline and the full path run back to back, so each ratio compares like with like.
    const base = measure('duckdb', csv, 'duckdb');
    const floor = measure('floor', csv, 'floor');
    const full = measure('ingest', csv, 'ingest-csv');
    const book = measure('ingest', xlsx, 'ingest-xlsx');
    runs.push({ base, floor, full, book, ratio: full.seconds! / base.seconds! });
    console.log(
      `  run ${i + 1}: duckdb ${base.seconds!.toFixed(2)} s, floor ${floor.seconds!.toFixed(2)} s, full path ${full.seconds!.toFixed(2)} s (${(full.seconds! / base.seconds!).toFixed(2)}×, ${full.peakRssMiB} MiB), XLSX ${book.seconds!.toFixed(2)} s (${book.peakRssMiB} MiB)`,
    );
  }
  const base = medians(runs.map((r) => r.base));
  const floor = medians(runs.map((r) => r.floor));
  const full = medians(runs.map((r) => r.full));
  const book = medians(runs.map((r) => r.book));
  const ratio = median(runs.map((r) => r.ratio));
  console.log(
    `ingest bench, medians of ${RUNS} run(s) (${CSV_ROWS.toLocaleString('en')} CSV rows, ${mb(csv)} MB; ${XLSX_ROWS.toLocaleString('en')} XLSX rows, ${mb(xlsx)} MB; DuckDB memory_limit ${process.env.DUCKDB_MEMORY_LIMIT ?? INGEST_MEMORY_LIMIT})`,
  );
  console.log(`  duckdb read_csv → table in a database file : ${base.seconds!.toFixed(2)} s   peak RSS ${base.peakRssMiB} MiB`);
  console.log(
    `  floor: read_csv + fold + inserts, no checks: ${floor.seconds!.toFixed(2)} s   (${(floor.seconds! / base.seconds!).toFixed(2)}× duckdb: what no design of this schema can skip)`,
  );
  console.log(
    `  ingest CSV full path (incl. snapshot)      : ${full.seconds!.toFixed(2)} s   peak RSS ${full.peakRssMiB} MiB   rows accepted ${full.rows}  (one snapshot publish alone: ${full.snapshotSeconds!.toFixed(2)} s)`,
  );
  console.log(
    `  of which up to COMMIT (issue 3's path)     : ${full.toCommitSeconds!.toFixed(2)} s   (${(full.toCommitSeconds! / base.seconds!).toFixed(2)}× duckdb; the rest publishes the snapshot)`,
  );
  console.log(
    `  ratio full path / duckdb (median of runs)  : ${ratio.toFixed(2)}×  (target ≤ 3×; memory target < 1024 MiB; max peak RSS over runs ${Math.max(...runs.map((r) => r.full.peakRssMiB!))} MiB)`,
  );
  console.log(
    `  ingest XLSX full path (incl. snapshot)     : ${book.seconds!.toFixed(2)} s   peak RSS ${book.peakRssMiB} MiB   rows accepted ${book.rows}`,
  );
  if (full.rows !== CSV_ROWS || book.rows !== XLSX_ROWS) throw new Error('bench: not every generated row was accepted');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
