/**
 * Load (README, "Faults and load"): `npm run load [-- --seconds 10 --connections 16 --scales 1,70]`.
 *
 * For each demo scale (1 = the demo data set, 70 ≈ 1,000,000 recognitions) starts the
 * reporting service and the ingest service as processes on a temp copy of the data, keeps
 * uploads committing (so snapshots switch under the load), and drives each query the
 * overview page issues with autocannon over loopback, then the whole page's queries in turn.
 * Prints requests/s and latency per query; any non-2xx or error fails the run (exit 1).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDataDir } from '../testing/demoDataDir.ts';
import { freePort, startService, stopService, waitForHealth } from '../testing/serviceProcess.ts';
import { writeUploadFiles } from '../testing/uploadFiles.ts';
import { keepUploading } from '../testing/keepUploading.ts';

// autocannon ships no types; the slice of its API used here.
interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  requests?: { method: string; path?: string; setupRequest?: (req: { path: string }) => { path: string } }[];
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: LoadOptions) => Promise<LoadResult>;

const argValue = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(argValue('seconds', '10'));
const CONNECTIONS = Number(argValue('connections', '16'));
const SCALES = argValue('scales', '1,70').split(',').map(Number);
const TOKEN = 'load-test-snv-token-0123456789';
const say = (line: string) => console.log(`[load] ${line}`);

/** The queries the overview page issues, read from the page itself so the list cannot drift. */
function overviewQueries(): string[] {
  const page = readFileSync(fileURLToPath(new URL('../dashboard/app/pages/OverviewPage.svelte', import.meta.url)), 'utf8');
  const names = [...page.matchAll(/createQuery\(\(\) => \(\{ name: '(\w+)'/g)].map((m) => m[1]!);
  if (names.length === 0) throw new Error('no createQuery(...) found in OverviewPage.svelte');
  return names;
}

const KINDS = ['', 'tap_the', 'ca_nhan', 'ho_gia_dinh'];
function randomFilters(): string {
  const from = 2021 + Math.floor(Math.random() * 5);
  const to = from + Math.floor(Math.random() * (2026 - from));
  const movement = Math.floor(Math.random() * 21); // 0: all movements
  const kind = KINDS[Math.floor(Math.random() * KINDS.length)]!;
  return `year_from=${from}&year_to=${to}${movement ? `&movement=${movement}` : ''}${kind ? `&kind=${kind}` : ''}`;
}

interface Row {
  scale: number;
  recognitions: number;
  query: string;
  result: LoadResult;
  snapshotsDuring: number;
}

const QUERY_STRING = 'year_from=2021&year_to=2025'; // what the page sends with no filter set
const queries = overviewQueries();
const work = mkdtempSync(join(tmpdir(), 'hy-load-'));
const files = await writeUploadFiles(work, [2000, 10000], [2023, 2024]);
const tokensFile = join(work, 'tokens.json');
writeFileSync(tokensFile, JSON.stringify([{ label: 'load: Sở Nội vụ', token: TOKEN, agency: '*' }]));
const rows: Row[] = [];
const uploadsByScale: string[] = [];

for (const scale of SCALES) {
  const dataDir = await demoDataDir(scale, say);
  const [ingestPort, dashboardPort] = [await freePort(), await freePort()];
  const reporting = startService('reporting', 'dashboard/server/main.ts', dashboardPort, {
    DATA_DIR: dataDir,
    DASHBOARD_PORT: String(dashboardPort),
  });
  const ingest = startService('ingest', 'ingest/server/main.ts', ingestPort, {
    DATA_DIR: dataDir,
    INGEST_PORT: String(ingestPort),
    INGEST_TOKENS_FILE: tokensFile,
  });
  await Promise.all([waitForHealth(reporting), waitForHealth(ingest)]);
  const health = (await (await fetch(`${reporting.url}/health`)).json()) as { counts: { snapshot: { recognitions: number } } };
  const recognitions = health.counts.snapshot.recognitions;
  say(
    `scale ${scale}: ${recognitions} recognitions; ${queries.length} overview queries, ${CONNECTIONS} connections, ${SECONDS} s each, uploads committing in the background`,
  );

  const switches = () => reporting.lines.filter((l) => l.includes('now answering')).length;
  const uploader = keepUploading(ingest.url, TOKEN, files, ['SYT', 'STC', 'SGDDT', 'KHOAICHAU']);
  const run = async (query: string, opts: Omit<LoadOptions, 'connections' | 'duration'>) => {
    const before = switches();
    const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
    rows.push({ scale, recognitions, query, result, snapshotsDuring: switches() - before });
    say(
      `  ${query}: ${result.requests.average.toFixed(1)} req/s, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
    );
    // autocannon abandons requests still queued when a run ends; let the service drain them.
    await new Promise((r) => setTimeout(r, 1500));
  };
  for (const q of queries) await run(q, { url: `${reporting.url}/api/queries/${q}?${QUERY_STRING}` });
  await run(`whole overview (${queries.length} in turn)`, {
    url: reporting.url,
    requests: queries.map((q) => ({ method: 'GET', path: `/api/queries/${q}?${QUERY_STRING}` })),
  });
  // The reporting service caches answers per snapshot: random filters (year range × movement ×
  // kind, 1,200 combinations per query) make most requests misses that run their SQL.
  await run(`whole overview, random filters (mostly uncached)`, {
    url: reporting.url,
    requests: queries.map((q) => ({
      method: 'GET',
      setupRequest: (req: { path: string }) => ({ ...req, path: `/api/queries/${q}?${randomFilters()}` }),
    })),
  });
  const uploads = await uploader.stop();
  uploadsByScale.push(
    `scale ${scale}: ${uploads.committed} uploads committed (${uploads.failed} failed) during the load, ${switches()} snapshot switches seen by the reporting service`,
  );
  if (uploads.failed > 0) for (const p of uploads.problems) say(`  upload problem: ${p}`);

  await Promise.all([stopService(ingest), stopService(reporting)]);
  rmSync(dataDir, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });

console.log(
  `\n=== reporting service under load: ${CONNECTIONS} connections, ${SECONDS} s per row, loopback, uploads committing meanwhile ===`,
);
console.log('| scale | recognitions | query | req/s | p50 ms | p99 ms | max ms | requests | non-2xx | errors | snapshot switches |');
console.log('|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const x = r.result;
  console.log(
    `| ${r.scale} | ${r.recognitions.toLocaleString('en-US')} | ${r.query} | ${x.requests.average.toFixed(1)} | ${x.latency.p50} | ${x.latency.p99} | ${x.latency.max} | ${x.requests.total} | ${x.non2xx} | ${x.errors} | ${r.snapshotsDuring} |`,
  );
}
for (const line of uploadsByScale) console.log(line);
const failed = rows.reduce((n, r) => n + r.result.non2xx + r.result.errors, 0);
console.log(`failed requests: ${failed}`);
process.exit(failed > 0 ? 1 : 0);
