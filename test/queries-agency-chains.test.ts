import type { DuckDBPreparedStatement } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { generateDemo } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';
import { openSnapshot } from '../dashboard/server/openSnapshot.ts';
import { buildFixture, type Fixture } from './queries-fixture.ts';

// reporting_agency_in looks each agency's chain up in agency_chain_ends, walked once per
// snapshot for every set of successions a request can name (queries/snapshot/2_1_organisation.sql).
// It must answer exactly as the walk on every request did (test/fixtures/queries/
// reporting_agency_by_walk.sql), for every period, date and roll-up: each pair of years around
// and inside the plans' periods (open bounds too), each succession date, the days either side
// of it, and dates before and after them all.
const walk = readFileSync(new URL('./fixtures/queries/reporting_agency_by_walk.sql', import.meta.url), 'utf8');

/** Binds $1, $2, … in order: a boolean, an integer, text, or NULL. */
function bindInOrder(statement: DuckDBPreparedStatement, values: (boolean | number | string | null)[]): void {
  values.forEach((value, i) => {
    if (value === null) statement.bindNull(i + 1);
    else if (typeof value === 'boolean') statement.bindBoolean(i + 1, value);
    else if (typeof value === 'number') statement.bindInteger(i + 1, value);
    else statement.bindVarchar(i + 1, value);
  });
}

async function compareEverywhere(dataDir: string): Promise<{ compared: number; moved: number }> {
  const manifest = readCurrentManifest(dataDir)!;
  const snapshot = await openSnapshot(join(dataDir, 'snapshots', manifest.file), manifest, 1);
  try {
    return await snapshot.withConnection(async ({ connection }) => {
      await connection.run(walk);
      const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();
      const [bounds] = await rows('SELECT min(first_year)::INTEGER AS lo, max(last_year)::INTEGER AS hi FROM plans');
      const years: (number | null)[] = [null];
      for (let y = Number(bounds!.lo) - 2; y <= Number(bounds!.hi) + 2; y++) years.push(y);
      const dates: (string | null)[] = [null, '1990-01-01', '2099-12-31'];
      for (const { d } of await rows("SELECT DISTINCT strftime(effective_date, '%Y-%m-%d') AS d FROM agency_successions")) {
        const day = new Date(`${d}T00:00:00Z`);
        for (const shift of [-1, 0, 1]) dates.push(new Date(day.getTime() + shift * 86_400_000).toISOString().slice(0, 10));
      }
      // With a date the period plays no part (the organisation in force then): every period
      // without one, and every date with a few periods.
      const cases: [number | null, number | null, string | null][] = [];
      for (const first of years) {
        for (const last of years) if (first === null || last === null || last >= first) cases.push([first, last, null]);
      }
      for (const asOf of dates.slice(1)) {
        for (const [first, last] of [
          [null, null],
          [bounds!.lo, bounds!.hi],
          [bounds!.hi, bounds!.hi],
        ] as const) {
          cases.push([first === null ? null : Number(first), last === null ? null : Number(last), asOf]);
        }
      }
      let compared = 0;
      let moved = 0;
      const lookup = await connection.prepare('SELECT * FROM reporting_agency_in($1, $2, $3, $4) ORDER BY recorded_code');
      const walked = await connection.prepare('SELECT * FROM reporting_agency_by_walk($1, $2, $3, $4) ORDER BY recorded_code');
      for (const rollup of [true, false]) {
        for (const [first, last, asOf] of cases) {
          for (const statement of [lookup, walked]) bindInOrder(statement, [rollup, first, last, asOf]);
          const expected = (await walked.runAndReadAll()).getRowObjectsJS();
          const actual = (await lookup.runAndReadAll()).getRowObjectsJS();
          expect(actual, JSON.stringify({ rollup, first, last, asOf })).toEqual(expected);
          moved += expected.filter((r) => r.recorded_code !== r.agency_code).length;
          compared++;
        }
      }
      // agencies_in_view reads the predecessors a roll-up hides from scope_predecessors: the
      // same agencies as from followed_successions on every request, for every period and plan
      const plans = (await rows('SELECT code FROM plans ORDER BY code')).map((r) => String(r.code));
      const shown = await connection.prepare('SELECT agency_code FROM agencies_in_view($1, NULL, NULL, $2, $3, $4, $5) ORDER BY 1');
      const shownByWalk = await connection.prepare(
        'SELECT agency_code FROM agencies_in_view_by_walk($1, NULL, NULL, $2, $3, $4, $5) ORDER BY 1',
      );
      for (const rollup of [true, false]) {
        for (const plan of [null, ...plans]) {
          for (const [first, last, asOf] of cases.filter(([, , d]) => d === null).concat([[null, null, '2025-12-31']])) {
            for (const statement of [shown, shownByWalk]) bindInOrder(statement, [rollup, plan, first, last, asOf]);
            const expected = (await shownByWalk.runAndReadAll()).getRowObjectsJS();
            expect((await shown.runAndReadAll()).getRowObjectsJS(), JSON.stringify({ rollup, plan, first, last, asOf })).toEqual(expected);
            compared++;
          }
        }
      }
      return { compared, moved };
    });
  } finally {
    snapshot.close();
  }
}

describe('reporting_agency_in and agencies_in_view, looked up in tables built once per snapshot', () => {
  let fixture: Fixture;
  let demo: { db: Database; dir: string };
  beforeAll(async () => {
    fixture = await buildFixture();
    const dir = mkdtempSync(join(tmpdir(), 'agency-chains-'));
    const db = await openDatabase(join(dir, 'exemplars.duckdb'));
    await migrate(db.connection);
    await loadDemo(db.connection, generateDemo({ seed: 7, scale: 1 }));
    await publishSnapshot(db.connection, join(dir, 'exemplars.duckdb'), dir);
    demo = { db, dir };
  });
  afterAll(() => {
    fixture.close();
    demo.db.close();
    rmSync(demo.dir, { recursive: true, force: true });
  });

  it.each([
    ['the hand-built fixture', () => fixture.dataDir],
    ['a generated demo data set (the 2025 mergers and splits)', () => demo.dir],
  ])('on %s, answers as the walk on every request did', async (_label, dataDir) => {
    const { compared, moved } = await compareEverywhere(dataDir());
    expect(compared).toBeGreaterThan(150);
    // the comparison covers agencies that do move, not only identities
    expect(moved).toBeGreaterThan(0);
  });
});
