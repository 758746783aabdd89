// The answers of the old release (commit c5b0641) on the demo data set, recorded in
// test/fixtures/plan90-answers/ (see its README), must stay the answers of the plan-90 selection
// after the plans-as-data redesign. The demo will gain more data (another province, a later
// period), so every request adds PLAN_90_SELECTION to the recorded parameters, for the queries
// that declare those parameters. Two databases must answer so: the demo generated now, and the
// old release's own demo database (test/fixtures/v4-database/, made by c5b0641's `npm start`)
// migrated in place by this release.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Hono } from 'hono';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { generateDemo } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { viewerApp } from './queries-viewer.ts';

/** Added to every recorded case, parameter by parameter, where the query declares that parameter. */
export const PLAN_90_SELECTION: Record<string, string> = { plan: '90/KH-UBND', congress: 'HY-X' };

/** The demo as `npm start` made it when the answers were recorded (DEMO_SEED 2021, scale 1). */
const RECORDED_SEED = 2021;
const RECORDED_SCALE = 1;

type Row = Record<string, unknown>;
interface RecordedCase {
  params: Record<string, string>;
  rows: Row[];
}
interface RecordedQuery {
  query: string;
  cases: RecordedCase[];
}
interface CatalogueEntry {
  name: string;
  params: { name: string }[];
}

const FIXTURES = join(import.meta.dirname, 'fixtures', 'plan90-answers');
const recorded: RecordedQuery[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as RecordedQuery);

const MAX_REPORTED = 20;

const V4_DATABASE = join(import.meta.dirname, 'fixtures', 'v4-database', 'exemplars-v4-demo.duckdb.gz');

interface Source {
  dir: string;
  db: Database;
  snapshots: SnapshotSource;
  app: Hono;
  declared: Map<string, Set<string>>;
}

/** A database from `make`, migrated, published and served as the dashboard serves it. */
async function openSource(make: (dbPath: string) => Promise<Database>): Promise<Source> {
  const dir = mkdtempSync(join(tmpdir(), 'plan90-answers-'));
  const dbPath = join(dir, 'exemplars.duckdb');
  const db = await make(dbPath);
  await publishSnapshot(db.connection, dbPath, dir);
  const snapshots = new SnapshotSource(dir, { log: () => {} });
  await snapshots.start();
  const app = viewerApp({ snapshots, log: () => {} });
  const res = await app.request('/api/queries');
  expect(res.status, 'GET /api/queries').toBe(200);
  const { queries } = (await res.json()) as { queries: CatalogueEntry[] };
  return { dir, db, snapshots, app, declared: new Map(queries.map((q) => [q.name, new Set(q.params.map((p) => p.name))])) };
}

async function closeSource(source: Source | undefined): Promise<void> {
  if (!source) return;
  await source.snapshots.stop();
  source.db.close();
  rmSync(source.dir, { recursive: true, force: true });
}

const SOURCES: { title: string; make: (dbPath: string) => Promise<Database> }[] = [
  {
    title: 'the demo generated now',
    make: async (dbPath) => {
      const db = await openDatabase(dbPath);
      await migrate(db.connection);
      await loadDemo(db.connection, generateDemo({ seed: RECORDED_SEED, scale: RECORDED_SCALE }));
      return db;
    },
  },
  {
    title: "the old release's demo database, migrated in place",
    make: async (dbPath) => {
      writeFileSync(dbPath, gunzipSync(readFileSync(V4_DATABASE)));
      const db = await openDatabase(dbPath);
      expect(await migrate(db.connection)).toEqual([5]);
      return db;
    },
  },
];

let declared: Map<string, Set<string>>;
let app: Hono;

function requestParams(query: string, recordedParams: Record<string, string>): Record<string, string> {
  const params = { ...recordedParams };
  const names = declared.get(query) ?? new Set<string>();
  for (const [name, value] of Object.entries(PLAN_90_SELECTION)) if (names.has(name)) params[name] = value;
  return params;
}

function show(value: unknown): string {
  return value === undefined ? '(missing)' : JSON.stringify(value);
}

describe.each(SOURCES)('the answers of the old release (c5b0641) on the plan-90 selection: $title', ({ make }) => {
  let source: Source | undefined;
  beforeAll(async () => {
    source = await openSource(make);
    ({ declared, app } = source);
  });
  afterAll(() => closeSource(source));

  it('has a recorded fixture for the queries', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  it('has queries that declare each parameter of the plan-90 selection', () => {
    for (const name of Object.keys(PLAN_90_SELECTION)) {
      const users = [...declared].filter(([, params]) => params.has(name)).map(([query]) => query);
      expect(users.length, `no query in GET /api/queries declares "${name}"`).toBeGreaterThan(0);
    }
  });

  for (const { query, cases } of recorded) {
    it(`${query}: ${cases.length} recorded case(s)`, async () => {
      expect(declared.has(query), `query "${query}" is no longer in GET /api/queries`).toBe(true);
      const problems: string[] = [];
      for (const [index, recordedCase] of cases.entries()) {
        const params = requestParams(query, recordedCase.params);
        const label = `${query} case #${index} ${new URLSearchParams(params)}`;
        const res = await app.request(`/api/queries/${query}?${new URLSearchParams({ ...params, format: 'json' })}`);
        if (res.status !== 200) {
          problems.push(`${label}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
          continue;
        }
        const rows = ((await res.json()) as { rows: Row[] }).rows;
        if (rows.length !== recordedCase.rows.length) {
          problems.push(`${label}: ${rows.length} rows, recorded ${recordedCase.rows.length}`);
        }
        const n = Math.min(rows.length, recordedCase.rows.length);
        for (let r = 0; r < n && problems.length < MAX_REPORTED; r++) {
          const want = recordedCase.rows[r]!;
          const got = rows[r]!;
          for (const [column, value] of Object.entries(want)) {
            if (!isDeepStrictEqual(got[column], value)) {
              problems.push(`${label}: row ${r} column ${column}: got ${show(got[column])}, recorded ${show(value)}`);
            }
          }
        }
        if (problems.length >= MAX_REPORTED) break;
      }
      expect(problems, `${query}: answers differ from the recorded ones (first ${MAX_REPORTED} differences)`).toEqual([]);
    });
  }
});
