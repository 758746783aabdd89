// loadDemo on a real, migrated DuckDB file: counts equal the manifest, one transaction,
// synthetic flags, sequences left valid for the ingest service, and the plan's rules read
// back in SQL (Section V tie at a cut-off, households, years, lifetimes, late plans).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { readRowCounts } from '../contracts/rowCounts.ts';
import { demoCatalogue } from '../fixtures/catalogue/demoCatalogue.ts';
import { batchCsv, sha256 } from '../fixtures/generator/batchCsv.ts';
import { demoManifest, generateDemo, type DemoDataSet } from '../fixtures/generator/generateDemo.ts';
import { loadDemo, type LoadDemoResult } from '../fixtures/loadDemo.ts';

let dir: string;
let db: Database;
let ds: DemoDataSet;
let loaded: LoadDemoResult;
const PLAN_90 = demoCatalogue().plan90;

const one = async (sql: string, params?: Record<string, string | number>): Promise<Record<string, unknown>> => {
  const [row] = await queryRows(db.connection, sql, params);
  return row ?? {};
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-load-'));
  db = await openDatabase(join(dir, 'exemplars.duckdb'));
  await migrate(db.connection);
  ds = generateDemo({ seed: 2021, scale: 1 });
  loaded = await loadDemo(db.connection, ds);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadDemo', () => {
  it('loads exactly the counts the manifest announces', async () => {
    expect(await readRowCounts(db.connection)).toEqual(demoManifest(ds).counts);
    expect(loaded).toMatchObject({
      exemplars: ds.exemplars.count,
      recognitions: ds.recognitions.count,
      batches: ds.batches.length + 1 + ds.laterAllocations.length,
    });
  });

  it('marks everything synthetic: batches of kind demo (one per agency-year) and one allocations batch per congress', async () => {
    const batches = await queryRows(
      db.connection,
      `SELECT kind, count(*)::INTEGER AS n, bool_and(synthetic) AS synthetic, bool_and(status = 'committed') AS committed,
              bool_and(submitted_by = 'demo-generator') AS by_generator, count(DISTINCT (agency_code, year))::INTEGER AS agency_years
       FROM ingest_batches GROUP BY kind ORDER BY kind`,
    );
    expect(batches).toEqual([
      { kind: 'allocations', n: 1 + ds.laterAllocations.length, synthetic: true, committed: true, by_generator: true, agency_years: 1 },
      { kind: 'demo', n: ds.batches.length, synthetic: true, committed: true, by_generator: true, agency_years: ds.batches.length },
    ]);
    expect(await one('SELECT bool_and(synthetic) AS e FROM exemplars')).toEqual({ e: true });
    expect(await one('SELECT bool_and(synthetic) AS p FROM agency_plans')).toEqual({ p: true });
    expect(await one(`SELECT file_name AS f FROM ingest_batches WHERE agency_code = 'SYT' AND year = 2023`)).toEqual({
      f: 'demo/SYT_2023.csv',
    });
  });

  it("batch rows are consistent: counts, agencies, first batches, the file's hash", async () => {
    const mismatched = await one(`
      SELECT count(*)::INTEGER AS n FROM ingest_batches b
      WHERE b.kind = 'demo' AND b.rows_total <> (SELECT count(*) FROM recognitions r WHERE r.batch_id = b.id)`);
    expect(mismatched).toEqual({ n: 0 });
    const foreign = await one(`
      SELECT count(*)::INTEGER AS n FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id JOIN ingest_batches b ON b.id = r.batch_id
      WHERE b.agency_code <> e.agency_code OR b.year <> r.year`);
    expect(foreign).toEqual({ n: 0 });
    const firsts = await one(`
      SELECT count(*)::INTEGER AS n FROM exemplars e JOIN ingest_batches b ON b.id = e.first_batch_id
      WHERE b.year <> (SELECT min(year) FROM recognitions r WHERE r.exemplar_id = e.id)`);
    expect(firsts).toEqual({ n: 0 });
    const orphans = await one(
      'SELECT count(*)::INTEGER AS n FROM recognitions r LEFT JOIN exemplars e ON e.id = r.exemplar_id WHERE e.id IS NULL',
    );
    expect(orphans).toEqual({ n: 0 });
    const b = ds.batches[3]!;
    expect(
      await one('SELECT file_sha256 AS h FROM ingest_batches WHERE agency_code = $a AND year = $y', { a: b.agency, y: b.year }),
    ).toEqual({ h: sha256(batchCsv(ds, b.start, b.end)) });
  });

  it('stores name_key/unit_key equal to the SQL fold_key of the text', async () => {
    expect(
      await one('SELECT count(*)::INTEGER AS n FROM exemplars WHERE name_key <> fold_key(name) OR unit_key <> fold_key(unit)'),
    ).toEqual({ n: 0 });
  });

  it('leaves the sequences ahead of the explicit ids, so the ingest service can insert next', async () => {
    const next = await one(
      `SELECT nextval('exemplar_id_seq')::INTEGER AS e, nextval('recognition_id_seq')::INTEGER AS r, nextval('batch_id_seq')::INTEGER AS b`,
    );
    const max = await one(
      `SELECT (SELECT max(id) FROM exemplars)::INTEGER AS e, (SELECT max(id) FROM recognitions)::INTEGER AS r, (SELECT max(id) FROM ingest_batches)::INTEGER AS b`,
    );
    expect(next).toEqual({ e: (max.e as number) + 1, r: (max.r as number) + 1, b: (max.b as number) + 1 });
  });

  it('is one transaction: a second load fails and changes nothing', async () => {
    const before = await readRowCounts(db.connection);
    await expect(loadDemo(db.connection, ds)).rejects.toThrow(/without exemplars/);
    expect(await readRowCounts(db.connection)).toEqual(before);
  });

  it('rolls back everything when a row is refused half-way', async () => {
    const other = await openDatabase(':memory:');
    try {
      await migrate(other.connection);
      const broken = generateDemo({ seed: 2021, scale: 1 });
      broken.exemplars.code[10] = broken.exemplars.code[9] as string; // the set-wise check before COMMIT refuses a code used twice
      await expect(loadDemo(other.connection, broken)).rejects.toThrow(/EXEMPLAR_CODE_DUPLICATE/);
      const counts = await readRowCounts(other.connection);
      expect([counts.batches, counts.exemplars, counts.recognitions, counts.plans]).toEqual([0, 0, 0, 0]);
    } finally {
      other.close();
    }
  });
});

describe('the plan read back in SQL', () => {
  it("Section V: at least one agency whose allocation cuts through exemplars tied on times recognised, the manifest's among them", async () => {
    // Rank each agency's exemplars by years recognised as advanced exemplar (cong_nhan_dhtt),
    // high to low; compare the last seated with the first left out.
    const rows = await queryRows(
      db.connection,
      `WITH times AS (
         SELECT e.agency_code, e.id, count(*) AS n
         FROM exemplars e JOIN recognitions r ON r.exemplar_id = e.id AND r.form = 'cong_nhan_dhtt'
         WHERE e.plan_code = '90/KH-UBND'
         GROUP BY ALL),
       ranked AS (
         SELECT agency_code, n, row_number() OVER (PARTITION BY agency_code ORDER BY n DESC) AS pos FROM times),
       seats AS (
         SELECT a.agency_code, a.seats FROM delegate_allocations a JOIN ingest_batches b ON b.id = a.batch_id AND b.kind = 'allocations' WHERE a.congress_code = 'HY-X')
       SELECT s.agency_code, s.seats, last_in.n::INTEGER AS last_in, first_out.n::INTEGER AS first_out
       FROM seats s
       JOIN ranked last_in ON last_in.agency_code = s.agency_code AND last_in.pos = s.seats
       JOIN ranked first_out ON first_out.agency_code = s.agency_code AND first_out.pos = s.seats + 1
       WHERE last_in.n = first_out.n
       ORDER BY s.agency_code`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toContainEqual({
      agency_code: ds.tie.agency,
      seats: ds.tie.seats,
      last_in: ds.tie.cutoffTimes,
      first_out: ds.tie.cutoffTimes,
    });
  });

  it("Plan 90's part: households only in movement 8, years only 2021–2025, all 20 movements present", async () => {
    const p = { plan: PLAN_90.code };
    expect(
      await one(`SELECT count(*)::INTEGER AS n FROM exemplars WHERE kind = 'ho_gia_dinh' AND movement_no <> 8 AND plan_code = $plan`, p),
    ).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::INTEGER AS n FROM exemplars WHERE kind = 'ho_gia_dinh' AND plan_code = $plan`, p)).not.toEqual({
      n: 0,
    });
    expect(
      await one(
        'SELECT min(year) AS lo, max(year) AS hi, count(DISTINCT year)::INTEGER AS n FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id WHERE e.plan_code = $plan',
        p,
      ),
    ).toEqual({ lo: 2021, hi: 2025, n: 5 });
    expect(await one('SELECT count(DISTINCT movement_no)::INTEGER AS n FROM exemplars WHERE plan_code = $plan', p)).toEqual({ n: 20 });
    // Every exemplar's movement is one of its own plan's.
    expect(
      await one('SELECT count(*)::INTEGER AS n FROM exemplars e JOIN movements m ON m.no = e.movement_no WHERE m.plan_code <> e.plan_code'),
    ).toEqual({ n: 0 });
  });

  it("respects lifetimes: no recognition dated outside its agency's life; merged agencies stop before 2025", async () => {
    const outside = await one(`
      SELECT count(*)::INTEGER AS n FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id JOIN agencies a ON a.code = e.agency_code
      WHERE r.form = 'cong_nhan_dhtt' AND (r.decision_date < a.active_from OR r.decision_date > a.active_to)`);
    expect(outside).toEqual({ n: 0 });
    const early = await one(`
      SELECT count(*)::INTEGER AS n FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id JOIN agencies a ON a.code = e.agency_code
      WHERE (a.active_to < DATE '2025-06-01' AND r.year = 2025) OR (a.active_from >= DATE '2025-01-01' AND r.year < 2025)`);
    expect(early).toEqual({ n: 0 });
    const successors = await queryRows(
      db.connection,
      `SELECT DISTINCT e.agency_code FROM exemplars e JOIN agencies a ON a.code = e.agency_code WHERE a.active_from IS NOT NULL AND e.plan_code = '90/KH-UBND' ORDER BY 1`,
    );
    expect(successors.map((r) => r.agency_code)).toEqual(['BAOPTTHHY', 'BTGDVTU', 'SNNMT']);
  });

  it('some plans reached Sở Nội vụ after the deadline', async () => {
    const late = await queryRows(
      db.connection,
      'SELECT agency_code FROM agency_plans WHERE plan_code = $plan AND submitted_on > $deadline::DATE ORDER BY agency_code',
      {
        plan: PLAN_90.code,
        deadline: PLAN_90.submissionDeadline,
      },
    );
    expect(late.map((r) => r.agency_code)).toEqual(ds.latePlans);
  });
});
