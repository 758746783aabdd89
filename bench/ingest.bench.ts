/**
 * Issue 3's benchmark: a 1,000,000-row CSV through the ingest path (parse, normalise,
 * validate, commit into the database file, publish a snapshot) against DuckDB's own
 * read_csv into a table of a database file, as a ratio; and a 50,000-row XLSX.
 * Each measurement runs in its own process (peak RSS is per process).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchCsv, writeBenchXlsx } from './ingestRowGenerator.ts';

const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), 'hy-bench-'));
const caseScript = fileURLToPath(new URL('./ingestCase.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

function measure(mode: string, file: string, name: string): Record<string, number> {
  const out = execFileSync(tsx, [caseScript, mode, file, join(dir, name)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

try {
  const csv = join(dir, 'bench-1m.csv');
  const xlsx = join(dir, 'bench-50k.xlsx');
  await writeBenchCsv(csv, CSV_ROWS);
  await writeBenchXlsx(xlsx, XLSX_ROWS);
  const mb = (f: string) => (statSync(f).size / 1048576).toFixed(1);

  const base = measure('duckdb', csv, 'duckdb');
  const full = measure('ingest', csv, 'ingest-csv');
  const book = measure('ingest', xlsx, 'ingest-xlsx');
  const ratio = full.seconds! / base.seconds!;
  console.log(`ingest bench (${CSV_ROWS.toLocaleString('en')} CSV rows, ${mb(csv)} MB; ${XLSX_ROWS.toLocaleString('en')} XLSX rows, ${mb(xlsx)} MB)`);
  console.log(`  duckdb read_csv → table in a database file : ${base.seconds!.toFixed(2)} s   peak RSS ${base.peakRssMiB} MiB`);
  console.log(`  ingest CSV full path (incl. snapshot)      : ${full.seconds!.toFixed(2)} s   peak RSS ${full.peakRssMiB} MiB   rows accepted ${full.rows}  (one snapshot publish alone: ${full.snapshotSeconds!.toFixed(2)} s)`);
  console.log(`  ratio full path / duckdb                   : ${ratio.toFixed(2)}×  (target ≤ 3×; memory target < 1024 MiB)`);
  console.log(`  ingest XLSX full path (incl. snapshot)     : ${book.seconds!.toFixed(2)} s   peak RSS ${book.peakRssMiB} MiB   rows accepted ${book.rows}`);
  if (full.rows !== CSV_ROWS || book.rows !== XLSX_ROWS) throw new Error('bench: not every generated row was accepted');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
