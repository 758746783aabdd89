import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { generateDemo } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';
import { demoManifest, type DemoManifest } from '../fixtures/demoManifest.ts';
import { viewerApp } from './queries-viewer.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';

// Cross-check against the generator's own account of what it made (an independent source). The
// demo holds more than Plan 90 (Thái Bình 2021–2025, a 2026 period, the merged province's
// congress), and the defaults are the latest period with data: the Plan 90 facts are asked with
// plan=90/KH-UBND (its congress HY-X), the whole data set with every year it has.
let db: Database;
let snapshots: SnapshotSource;
let app: Hono;
let manifest: DemoManifest;

type Row = Record<string, unknown>;
async function rows(path: string): Promise<Row[]> {
  const res = await app.request(`${path}${path.includes('?') ? '&' : '?'}format=json`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { rows: Row[] }).rows;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'reporting-demo-'));
  const dbPath = join(dir, 'exemplars.duckdb');
  db = await openDatabase(dbPath);
  await migrate(db.connection);
  const ds = generateDemo({ seed: 7, scale: 1 });
  manifest = demoManifest(ds);
  await loadDemo(db.connection, ds);
  await publishSnapshot(db.connection, dbPath, dir);
  snapshots = new SnapshotSource(dir, { log: () => {} });
  await snapshots.start();
  app = viewerApp({ snapshots, log: () => {} });
});
afterAll(async () => {
  await snapshots.stop();
  db.close();
});

const allYears = () => {
  const years = Object.keys(manifest.recognitionsByYear).map(Number);
  return `year_from=${Math.min(...years)}&year_to=${Math.max(...years)}`;
};

describe('the demo data set', () => {
  it('counts recognitions per year as the generator made them, in both views', async () => {
    for (const rollup of [false, true]) {
      const byYear = await rows(`/api/queries/recognitions_by_year?rollup=${rollup}&${allYears()}`);
      expect(Object.fromEntries(byYear.map((r) => [String(r.year), r.recognitions]))).toEqual(manifest.recognitionsByYear);
    }
  });

  it('marks the generator’s planted Section V tie at the cut-off', async () => {
    const tie = manifest.sectionVTie;
    const [summary] = await rows(`/api/queries/congress_delegate_summary_by_agency?congress=HY-X&agency=${tie.agency}`);
    expect(summary).toMatchObject({
      seats: tie.seats,
      cutoff_times: tie.cutoffTimes,
      tied_at_cutoff: tie.tiedExemplars,
      seats_for_tied: tie.seatsForTied,
    });
  });

  it('lists the late plans the generator wrote as late', async () => {
    const late = (await rows('/api/queries/plan_submission_by_agency?plan=90/KH-UBND'))
      .filter((r) => r.status === 'tre_han')
      .map((r) => r.agency_code);
    expect([...late].sort()).toEqual([...manifest.latePlans].sort());
  });
});

describe('the register export', () => {
  it('downloads the whole register as CSV in one file, one line per exemplar', async () => {
    const res = await app.request(`/api/queries/exemplar_register?limit=100000&format=csv&${allYears()}`);
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(await res.arrayBuffer());
    const lines = text.split(/\r?\n/).filter((l) => l !== '');
    expect(lines.length - 1).toBe(manifest.counts.exemplars);
  });
});
