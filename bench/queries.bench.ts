/**
 * Reporting-service benchmark (docs/architecture.md#the-query-catalogue). Runnable alone: `tsx bench/queries.bench.ts`
 * (BENCH_SCALE=46 ≈ 1,000,000 recognitions by default, the scale the targets are set at; 70 ≈
 * 1,500,000 since the 2026–2030 period has data too; BENCH_REPS, BENCH_SECONDS).
 *
 * 1. Generates the demo data set (fixtures/generator), loads it, publishes a snapshot.
 * 2. For every query the overview's first screen issues: HTTP round trip (Arrow) p50/p95 over
 *    repeated requests against the listening service, beside DuckDB's own execution of the
 *    same prepared SQL in the same process, as ratios.
 * 3. Arrow body size beside JSON for list results, and a 100,000-row list encoded with and
 *    without dictionaries.
 * 4. Requests per second under 16 concurrent clients (autocannon), cold (answer cache off:
 *    every request runs DuckDB) and warm (answer cache on, answers already cached).
 * The HTTP timings of 2 and the size comparison use the cold service; the load average is
 * printed at the start and end (the machine may be shared).
 */
import { resolveQuery } from '../dashboard/server/resolveQuery.ts';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ingestUpload, INGEST_MEMORY_LIMIT } from '../ingest/pipeline/ingestUpload.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOLEAN, INTEGER, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import { openDatabase } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { generateDemo } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { openSnapshot } from '../dashboard/server/openSnapshot.ts';
import { readResultColumns } from '../dashboard/server/readResultColumns.ts';
import { encodeArrow } from '../dashboard/server/encodeArrow.ts';
import { resultRows } from '../dashboard/server/queryResult.ts';
import { startReportingServer } from '../dashboard/server/startReportingServer.ts';
import type { QueryDefinition } from '../dashboard/server/queryDefinition.ts';
import { closedReadAccess } from '../dashboard/server/readAccess.ts';

// autocannon ships no types; the slice of its API used here.
interface LoadResult {
  requests: { average: number };
  latency: { p50: number; p97_5: number };
  errors: number;
  non2xx: number;
}
interface LoadOptions {
  url: string;
  connections?: number;
  duration?: number;
  requests?: { method: string; path: string }[];
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const SCALE = Number(process.env.BENCH_SCALE ?? 46);
const REPS = Number(process.env.BENCH_REPS ?? 40);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const BENCH_TOKEN = `bench-viewer-${Date.now()}-${process.pid}`;
const AUTH = { headers: { Authorization: `Bearer ${BENCH_TOKEN}` } };

/** What the overview's first screen asks (headline, trend, kinds, heat map, agencies, targets, leaders/laggards). */
const FIRST_SCREEN = [
  'overview_headline',
  'recognitions_by_year',
  'recognitions_by_kind',
  'recognitions_by_movement',
  'movement_year_matrix',
  'recognitions_by_agency',
  'targets_vs_results_by_agency',
  'movement_trend',
  'recognitions_by_year_movement_kind',
];
const AGGREGATE = new Set(FIRST_SCREEN);
/** List results for the size comparison (and the Section V ranking, timed like the others). */
const LISTS: [string, string][] = [
  ['exemplar_register', 'limit=1000'],
  ['congress_delegates_by_agency', 'agency=SGDDT&rollup=true'],
  ['agency_year_matrix', ''],
  ['plan_submission_by_agency', ''],
];

const ms = (ns: bigint) => Number(ns) / 1e6;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const f1 = (n: number) => n.toFixed(1);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

function bindTypes(def: QueryDefinition): Record<string, DuckDBType> {
  return Object.fromEntries(
    def.params.map((p) => [p.name, p.type.kind === 'INTEGER' ? INTEGER : p.type.kind === 'BOOLEAN' ? BOOLEAN : VARCHAR]),
  );
}
function defaults(def: QueryDefinition, query: string): Record<string, number | boolean | string | null> {
  const values: Record<string, number | boolean | string | null> = Object.fromEntries(def.params.map((p) => [p.name, p.default]));
  for (const [k, v] of new URLSearchParams(query)) values[k] = v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v;
  return values;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-queries-'));
  const dbPath = join(dir, 'exemplars.duckdb');
  let t = process.hrtime.bigint();
  const ds = generateDemo({ seed: 20210611, scale: SCALE });
  const generated = ms(process.hrtime.bigint() - t);
  const db = await openDatabase(dbPath);
  await migrate(db.connection);
  t = process.hrtime.bigint();
  const loaded = await loadDemo(db.connection, ds);
  const loadMs = ms(process.hrtime.bigint() - t);
  t = process.hrtime.bigint();
  const manifest = await publishSnapshot(db.connection, dbPath, dir);
  const publishMs = ms(process.hrtime.bigint() - t);
  db.close();
  console.log(
    `data: scale ${SCALE}, ${loaded.recognitions.toLocaleString('en')} recognitions, ${loaded.exemplars.toLocaleString('en')} exemplars (generate ${f1(generated)} ms, load ${f1(loadMs)} ms), ${manifest.name}`,
  );
  console.log(`publish (CHECKPOINT, copy, manifest, CURRENT): ${f1(publishMs)} ms`);

  const load = () =>
    loadavg()
      .map((n) => n.toFixed(2))
      .join(' ');
  console.log(`load average at start: ${load()} (${(await import('node:os')).cpus().length} CPUs)`);

  const catalog = loadQueryCatalog();
  t = process.hrtime.bigint();
  const direct = await openSnapshot(join(dir, 'snapshots', manifest.file), manifest, 4);
  const openMs = ms(process.hrtime.bigint() - t);
  const tempBytes = await direct.withConnection(async ({ connection }) => {
    const reader = await connection.runAndReadAll(
      "SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'",
    );
    return Number(reader.getRowObjectsJS()[0]!.b);
  });
  console.log(
    `snapshot opened (a private copy, its reporting tables built once, 4 pooled connections sharing them) in ${f1(openMs)} ms; temp tables hold ${mb(tempBytes)}`,
  );
  // The register and the Section V list name people: the bench reads them as a province viewer.
  const access = closedReadAccess({ viewers: [{ label: 'bench: toàn tỉnh', agency: '*', token: BENCH_TOKEN }] });
  // its log lines say how each new snapshot's reporting tables were made (section 1b)
  const serviceLog: string[] = [];
  const coldOptions = { dataDir: dir, port: 0, log: (l: string) => serviceLog.push(l), cacheBytes: 0, access };
  let server = await startReportingServer(coldOptions);
  let warmServer = await startReportingServer({ dataDir: dir, port: 0, quiet: true, access });
  let base = `http://127.0.0.1:${server.port}/api/queries`;
  let warmBase = `http://127.0.0.1:${warmServer.port}/api/queries`;

  // 0. The baseline for the first screen's aggregates: a plain GROUP BY year, movement, kind
  // over the same recognitions, in the same process.
  const baseline = await direct.withConnection(async ({ connection }) => {
    const statement = await connection.prepare('SELECT year, movement_no, kind, count(*) AS n FROM fact_recognitions GROUP BY ALL');
    const times: number[] = [];
    for (let i = 0; i < REPS + 3; i++) {
      const start = process.hrtime.bigint();
      await statement.runAndReadAll();
      if (i >= 3) times.push(ms(process.hrtime.bigint() - start));
    }
    statement.destroySync();
    return percentile(times, 50);
  });
  console.log(
    `baseline: plain GROUP BY year, movement, kind over the ${loaded.recognitions.toLocaleString('en')} recognitions, p50 ${f1(baseline)} ms`,
  );

  // 1. DuckDB alone vs the HTTP round trip (Arrow), sequential requests.
  console.log(
    `\n## Latency over ${REPS} repetitions (after 3 warm-ups), milliseconds; HTTP without the answer cache, and from it (cached)`,
  );
  console.log(
    'query | rows | DuckDB p50 | DuckDB p50 / GROUP BY | DuckDB p95 | HTTP p50 | HTTP p95 | p50 ratio | p95 ratio | cached HTTP p50 | cached HTTP p95',
  );
  console.log('--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---:');
  const cases: [string, string][] = [...FIRST_SCREEN.map((n): [string, string] => [n, '']), ...LISTS];
  for (const [name, query] of cases) {
    // Defaults such as `= period.first` resolve against the snapshot, as the service does.
    const def = resolveQuery(catalog.get(name)!, direct.facts);
    const values = defaults(def, query);
    const duck: number[] = [];
    const http: number[] = [];
    let rows = 0;
    // DuckDB alone and the HTTP round trip alternate, so both see the same machine load.
    await direct.withConnection(async ({ connection }) => {
      const statement = await connection.prepare(def.sql);
      for (let i = 0; i < REPS + 3; i++) {
        statement.bind(values, bindTypes(def));
        let start = process.hrtime.bigint();
        const reader = await statement.runAndReadAll();
        const tookDuck = ms(process.hrtime.bigint() - start);
        rows = reader.currentRowCount;
        start = process.hrtime.bigint();
        const res = await fetch(`${base}/${name}${query ? `?${query}` : ''}`, AUTH);
        await res.arrayBuffer();
        const tookHttp = ms(process.hrtime.bigint() - start);
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status}`);
        if (i >= 3) {
          duck.push(tookDuck);
          http.push(tookHttp);
        }
      }
      statement.destroySync();
    });
    const cached: number[] = [];
    for (let i = 0; i < REPS + 1; i++) {
      const start = process.hrtime.bigint();
      const res = await fetch(`${warmBase}/${name}${query ? `?${query}` : ''}`, AUTH);
      await res.arrayBuffer();
      if (i > 0) {
        if (res.headers.get('x-cache') !== 'hit') throw new Error(`${name}: expected a cache hit, got ${res.headers.get('x-cache')}`);
        cached.push(ms(process.hrtime.bigint() - start));
      }
    }
    const [d50, d95, h50, h95] = [percentile(duck, 50), percentile(duck, 95), percentile(http, 50), percentile(http, 95)];
    const mark = AGGREGATE.has(name) ? (h95 / d95 < 2 ? '' : ' (over 2×)') : ' (list)';
    const target = AGGREGATE.has(name) ? (d50 <= 20 ? '' : ' (over 20 ms)') : '';
    console.log(
      `${name} | ${rows} | ${f1(d50)}${target} | ${(d50 / baseline).toFixed(2)}× | ${f1(d95)} | ${f1(h50)} | ${f1(h95)} | ${(h50 / d50).toFixed(2)}× | ${(h95 / d95).toFixed(2)}×${mark} | ${f1(percentile(cached, 50))} | ${f1(percentile(cached, 95))}`,
    );
  }

  // 1b. A commit at this scale: the upload's answer (commit and publish), then how long until
  // the reporting service answers from the new snapshot (it follows CURRENT and makes the new
  // snapshot's reporting copy: refreshed from the previous one for the agency the upload
  // changed, or built in full).
  // One reporting service follows the data folder, as in production: the warm one stops for
  // this part (two services would each copy and build the new snapshot on the same 2 cores).
  // It runs as main.ts runs it: each new snapshot has its first screen drawn (in a worker) as it
  // starts to answer (dist/first-screen, when built).
  await warmServer.close();
  await server.close();
  server = await startReportingServer({ ...coldOptions, firstScreen: true });
  base = `http://127.0.0.1:${server.port}/api/queries`;
  console.log('\n## After a commit: the upload answered, then the new snapshot answering (one reporting service)');
  console.log('upload | upload answered in | new snapshot answering after the answer | its reporting tables');
  console.log('--- | ---: | ---: | ---');
  const writer = await openDatabase(dbPath, { memoryLimit: INGEST_MEMORY_LIMIT });
  try {
    const sample = readFileSync(join('fixtures', 'samples', 'SYT_2024_excel.csv'), 'utf8');
    for (let i = 1; i <= 3; i++) {
      // a different file each time (more trailing blank lines, which are ignored), so each commits
      const file = join(dir, `SYT_2024_${i}.csv`);
      writeFileSync(file, sample + '\r\n'.repeat(i));
      const started = process.hrtime.bigint();
      const out = await ingestUpload(
        { conn: writer.connection, dbPath, dataDir: dir },
        {
          filePath: file,
          fileName: `SYT_2024_${i}.csv`,
          agency: 'SYT',
          formYear: null,
          dryRun: false,
          acceptPartial: true,
          submittedBy: 'bench',
          mapping: {},
        },
      );
      const answered = process.hrtime.bigint();
      if (!out.ok || out.report.snapshotVersion === undefined)
        throw new Error(`bench upload ${i}: ${JSON.stringify(out.ok ? out.report.status : out.problem)}`);
      const version = String(out.report.snapshotVersion);
      for (;;) {
        const res = await fetch(`${base}/overview_headline`, AUTH);
        await res.arrayBuffer();
        if (res.headers.get('x-snapshot-version') === version) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const visible = process.hrtime.bigint();
      const how =
        serviceLog
          .filter((l) => l.includes('now answering'))
          .at(-1)
          ?.replace(/^.*reporting tables /, '') ?? '?';
      console.log(
        `${i} | ${f1(ms(answered - started))} ms | ${f1(ms(visible - answered))} ms${ms(visible - answered) <= 1000 ? '' : ' (over 1 s)'} | ${how}`,
      );
    }
  } finally {
    writer.close();
  }
  await new Promise((r) => setTimeout(r, 6000)); // the last snapshot's first screen: drawn 3 s after it answers, in the background
  const drawn = serviceLog.filter((l) => l.startsWith('first screen'));
  console.log(
    `first screen drawn by the service meanwhile: ${drawn.length > 0 ? drawn.map((l) => l.replace(/^first screen /, '')).join('; ') : 'none (dist/first-screen not built?)'}`,
  );
  await server.close();
  server = await startReportingServer(coldOptions);
  base = `http://127.0.0.1:${server.port}/api/queries`;

  warmServer = await startReportingServer({ dataDir: dir, port: 0, quiet: true, access });
  warmBase = `http://127.0.0.1:${warmServer.port}/api/queries`;

  // 2. Body sizes: Arrow vs JSON for list results.
  console.log('\n## Body size, Arrow vs JSON');
  console.log('query | rows | Arrow | JSON | Arrow / JSON');
  console.log('--- | ---: | ---: | ---: | ---:');
  for (const [name, query] of LISTS) {
    const q = query ? `${query}&` : '';
    const arrow = await (await fetch(`${base}/${name}?${q}format=arrow`, AUTH)).arrayBuffer();
    const json = await (await fetch(`${base}/${name}?${q}format=json`, AUTH)).arrayBuffer();
    const res = await fetch(`${base}/${name}?${q}format=json`, AUTH);
    const rows = ((await res.json()) as { rows: unknown[] }).rows.length;
    console.log(
      `${name} | ${rows} | ${kb(arrow.byteLength)} | ${kb(json.byteLength)} | ${(arrow.byteLength / json.byteLength).toFixed(2)}`,
    );
  }

  // 3. A 100,000-row list (register-like columns) encoded three ways, in process.
  const big = await direct.withConnection(async ({ connection }) => {
    const reader = await connection.runAndReadAll(`
      SELECT e.id::INTEGER AS exemplar_id, e.code, e.name, e.unit, e.kind, e.category, e.movement_no::INTEGER AS movement_no,
             e.agency_code, a.name AS agency_name, e.stage, r.year::INTEGER AS year, r.form, r.decision_date
      FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id JOIN agencies a ON a.code = e.agency_code
      ORDER BY r.id LIMIT 100000`);
    return readResultColumns(reader);
  });
  const time = <T>(work: () => T): [T, number] => {
    const start = process.hrtime.bigint();
    const out = work();
    return [out, ms(process.hrtime.bigint() - start)];
  };
  const [dict, dictMs] = time(() => encodeArrow(big));
  const [plain, plainMs] = time(() => encodeArrow(big, { dictionaries: false }));
  const [json, jsonMs] = time(() => new TextEncoder().encode(JSON.stringify({ rows: resultRows(big) })));
  console.log(`\n## A ${big.rowCount.toLocaleString('en')}-row list (13 columns), encoded in process`);
  console.log('encoding | size | encode time');
  console.log('--- | ---: | ---:');
  console.log(`Arrow, dictionary strings | ${mb(dict.byteLength)} | ${f1(dictMs)} ms`);
  console.log(`Arrow, plain UTF-8 | ${mb(plain.byteLength)} | ${f1(plainMs)} ms`);
  console.log(`JSON rows | ${mb(json.byteLength)} | ${f1(jsonMs)} ms`);

  // 4. Throughput under 16 concurrent clients, cold (cache off) then warm (cache on, filled).
  // Requests still queued when a run ends are abandoned by autocannon; the pause lets the
  // service drain them so one run's backlog is not counted against the next.
  const run = async (opts: LoadOptions) => {
    const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
    await new Promise((r) => setTimeout(r, 3000));
    return result;
  };
  for (const [label, root] of [
    ['cold: answer cache off, every request runs DuckDB', base],
    ['warm: answer cache on, answers cached', warmBase],
  ] as const) {
    console.log(`\n## Requests per second, ${CONNECTIONS} concurrent clients, ${SECONDS} s each (autocannon), ${label}`);
    console.log('query | req/s (mean) | latency p50 ms | latency p97.5 ms | errors / non-2xx');
    console.log('--- | ---: | ---: | ---: | ---:');
    for (const name of FIRST_SCREEN) {
      const r = await run({ url: `${root}/${name}` });
      console.log(`${name} | ${f1(r.requests.average)} | ${r.latency.p50} | ${r.latency.p97_5} | ${r.errors} / ${r.non2xx}`);
    }
    const origin = root.slice(0, -'/api/queries'.length);
    const mixed = await run({ url: origin, requests: FIRST_SCREEN.map((name) => ({ method: 'GET', path: `/api/queries/${name}` })) });
    console.log(
      `whole first screen (${FIRST_SCREEN.length} queries in turn) | ${f1(mixed.requests.average)} | ${mixed.latency.p50} | ${mixed.latency.p97_5} | ${mixed.errors} / ${mixed.non2xx}`,
    );
    console.log(`→ about ${f1(mixed.requests.average / FIRST_SCREEN.length)} full first screens per second`);
  }
  console.log(`\nload average at end: ${load()}`);

  await server.close();
  await warmServer.close();
  direct.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
