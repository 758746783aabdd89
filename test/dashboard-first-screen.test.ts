import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// The app's .svelte.ts modules keep their state in $state, which Svelte compiles to its deep
// proxy (compileModule emits `$.proxy(…)`); vitest runs them uncompiled, so the rune is that proxy.
await vi.hoisted(async () => {
  // @ts-expect-error -- Svelte's internal client module ships no type declarations
  const { proxy } = (await import('svelte/internal/client')) as { proxy: <T>(value: T) => T };
  Object.assign(globalThis, { $state: proxy });
});
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrganisationFile } from '../contracts/catalogueFiles.ts';
import { filtersToQuery, parseFilters } from '../dashboard/app/lib/filters.ts';
import { loadPlans, plans } from '../dashboard/app/lib/plans.svelte.ts';
import { queryUrl, type QueryName } from '../dashboard/app/lib/query.ts';
import { fitParams, loadQueryCatalogue, queryCatalogue } from '../dashboard/app/lib/queryCatalogue.svelte.ts';
import { firstScreenPreloads, OVERVIEW_QUERIES } from '../dashboard/server/firstScreenPreloads.ts';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { startReportingServer, type RunningReportingServer } from '../dashboard/server/startReportingServer.ts';
import type { Database } from '../ingest/store/database.ts';
import { insertExemplars, openPlansDatabase, serveSnapshot, testMovement, testPlan2026 } from './reading-exemplars.ts';

// index.html, as the reporting service serves it, preloads the overview's answers with the
// default filters (dashboard/server/firstScreenPreloads.ts), so they are fetched while the code
// loads. Chromium hands a preloaded answer only to a fetch of the very same URL: the links must be
// the URLs the app itself writes (lib/filters.ts, lib/queryCatalogue, lib/query.ts), computed here
// by the app's own functions over a real service with two periods, the later one the latest with
// data (so the defaults are not simply the first years). test/dashboard-first-screen-e2e.test.ts
// checks the same in Chromium: no overview answer fetched twice.

const PLAN_26 = '15/KH-UBND';
const NO_ORGANISATION: OrganisationFile = { format: 'to-chuc/1', provinces: [], blocs: [], agencies: [], successions: [] };
const PLAN_2026 = testPlan2026(PLAN_26, ['so_nganh'], [testMovement(1, 'Phong trào thử nghiệm', 'Thử nghiệm')]);
const PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <title>Điển hình tiên tiến</title>
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
  </head>
  <body>
    <div id="app"></div>
    <link rel="preload" as="fetch" crossorigin="anonymous" href="/api/queries" />
  </body>
</html>
`;

let dir: string;
let built: string;
let db: Database;
let server: RunningReportingServer;
let base: string;
let stopInProcess: () => Promise<void>;

beforeAll(async () => {
  let dbPath: string;
  ({ dir, dbPath, db } = await openPlansDatabase('first-screen-', NO_ORGANISATION, PLAN_2026));
  const key = Number((await db.connection.runAndReadAll(`SELECT no FROM movements WHERE plan_code = '${PLAN_26}'`)).getRows()[0]![0]);
  await insertExemplars(db.connection, 9001, 'ca_nhan', [
    [1, 'E1', 'Nguyễn Văn An', '', 'SYT', 3, '90/KH-UBND', [2022, 2023]],
    [2, 'E2', 'Trần Thị Bình', '', 'SYT', key, PLAN_26, [2026]],
  ]);
  // Publishes the snapshot (its in-process service is not used: the one below answers over HTTP).
  const published = await serveSnapshot(db.connection, dbPath, dir);
  stopInProcess = () => published.snapshots.stop();
  built = mkdtempSync(join(tmpdir(), 'first-screen-dist-'));
  mkdirSync(join(built, 'assets'));
  writeFileSync(join(built, 'index.html'), PAGE);
  writeFileSync(join(built, 'assets', 'index-abc123.js'), 'console.log(1)');
  server = await startReportingServer({ dataDir: dir, port: 0, quiet: true, staticDir: built, cacheBytes: 0 });
  base = `http://127.0.0.1:${server.port}`;
  // The app's fetch("/api/…") goes to the same service, over HTTP.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) =>
    realFetch(typeof input === 'string' && input.startsWith('/') ? `${base}${input}` : input, init),
  );
  await Promise.all([loadPlans(), loadQueryCatalogue()]);
  if (plans.error || queryCatalogue.error) throw new Error(`catalogue not read: ${plans.error ?? queryCatalogue.error}`);
}, 120_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  await stopInProcess?.();
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (built) rmSync(built, { recursive: true, force: true });
});

/** The hrefs of the page's <link rel="preload" as="fetch"> for named queries, in order. */
function preloadedAnswers(html: string): string[] {
  return [...html.matchAll(/<link rel="preload" as="fetch" crossorigin="anonymous"(?: data-first-screen)? href="([^"]+)" \/>/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((href) => href.startsWith('/api/queries/'));
}

/** What the overview asks for on a plain "#/" (no filter in the URL), written by the app's own code. */
function appRequests(): string[] {
  const params = filtersToQuery(parseFilters(new URLSearchParams()));
  return OVERVIEW_QUERIES.map((name: QueryName) => queryUrl(name, fitParams(name, params)));
}

describe("the first screen's answers, preloaded by index.html", () => {
  it('are the URLs the overview requests with the default filters, the latest period with data', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(appRequests()).toEqual(OVERVIEW_QUERIES.map((name) => `/api/queries/${name}?year_from=2026&year_to=2030`));
    expect(preloadedAnswers(html)).toEqual(appRequests());
    // After the app's own script and its own preloads (asked for first), at the end of the body,
    // with & written as &amp;.
    const first = html.indexOf('/api/queries/overview_headline');
    expect(html.indexOf('/assets/index-abc123.js')).toBeLessThan(first);
    expect(html.indexOf('href="/api/queries"')).toBeLessThan(first);
    expect(html.slice(first)).toMatch(/^[^<]*" \/>\n(\s*<link [^>]+>\n)*\s*<\/body>/);
    expect(html).toContain('?year_from=2026&amp;year_to=2030"');
  });

  it('come with every client route and with /index.html, compressed or not; other files are left alone', async () => {
    for (const path of ['/phong-trao/3', '/index.html']) {
      for (const encoding of ['br', 'gzip', 'identity']) {
        const res = await fetch(`${base}${path}`, { headers: { 'Accept-Encoding': encoding } });
        expect(res.status, `${path} ${encoding}`).toBe(200);
        expect(preloadedAnswers(await res.text()), `${path} ${encoding}`).toEqual(appRequests());
      }
    }
    expect(await (await fetch(`${base}/assets/index-abc123.js`)).text()).toBe('console.log(1)');
  });

  it('each answer the service gives as Arrow, the format the app reads', async () => {
    for (const url of appRequests()) {
      const res = await fetch(`${base}${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toContain('application/vnd.apache.arrow.stream');
      expect((await res.arrayBuffer()).byteLength, url).toBeGreaterThan(0);
    }
  });

  it('none before the first snapshot: the defaults are the snapshot’s', () => {
    expect(firstScreenPreloads(loadQueryCatalog(), null)).toEqual([]);
  });
});
