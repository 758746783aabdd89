import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { generateDemo } from '../fixtures/generator/generateDemo.ts';
import { loadDemo } from '../fixtures/loadDemo.ts';
import { loadQueryCatalog, QUERIES_DIR } from '../dashboard/server/loadQueryCatalog.ts';
import { openSnapshot, type OpenSnapshot } from '../dashboard/server/openSnapshot.ts';
import type { ParamValue, QueryDefinition } from '../dashboard/server/queryDefinition.ts';
import { resolveQuery } from '../dashboard/server/resolveQuery.ts';
import { buildFixture, type Fixture } from './queries-fixture.ts';

// The fact table (queries/snapshot/2_2_exemplar_facts.sql) and the queries rewritten for speed
// must change no answer: every query, under a spread of filters, gives the same rows as the
// direct formulation — the original joins (test/fixtures/queries/counted_recognitions_by_join.sql)
// and, for a rewritten query, its original SQL (test/fixtures/queries/reference/<name>.sql) —
// on the hand-built fixture (superseded batches, a merged agency) and on a generated demo data set.

const catalog = loadQueryCatalog();
const reference = readFileSync(new URL('./fixtures/queries/counted_recognitions_by_join.sql', import.meta.url), 'utf8');
const shared = readFileSync(join(QUERIES_DIR, 'shared', '3_counted_recognitions.sql'), 'utf8');
// Macros bind when created: delegate_ranking is re-created after the reference macro.
const delegateRanking = shared.slice(shared.indexOf('-- Section V for one congress'));
const referenceDir = new URL('./fixtures/queries/reference/', import.meta.url);
const referenceSql = new Map(
  readdirSync(referenceDir).map((f) => [f.replace(/\.sql$/, ''), readFileSync(new URL(f, referenceDir), 'utf8')]),
);

const FILTERS: Record<string, ParamValue>[] = [
  {},
  { rollup: true },
  { year_from: 2022, year_to: 2024 },
  { year_from: 2025, year_to: 2025, rollup: true },
  { movement: 8 },
  { movement: 3, kind: 'ca_nhan' },
  { agency: 'SNV', rollup: true },
  { agency: 'SNV' },
  { agency: 'SYT', year_from: 2023 },
  { bloc: 'K_DIAPHUONG' },
  { bloc: 'K_DIAPHUONG', rollup: true },
  { kind: 'ho_gia_dinh' },
  { category: 'mo_hinh_moi' },
  { form: 'bang_khen_ubnd' },
  { form: 'cong_nhan_dhtt', rollup: true, year_from: 2021, year_to: 2023 },
  { search: 'nguyen', limit: 200 },
  { limit: 100, offset: 40 },
  { agency: 'NOPE' },
  { plan: '90/KH-UBND' },
  { plan: '90/KH-UBND', rollup: true, movement: 3 },
  // the organisation in force on a date (exemplar_place_at, read as fact_recognitions.agency_at)
  { as_of: '2025-12-31' },
  { as_of: '2025-12-31', rollup: true, bloc: 'K_DIAPHUONG' },
  { as_of: '2025-04-01', agency: 'SNV' },
  { as_of: '2024-01-01', year_from: 2021, year_to: 2025 },
  { as_of: '2030-01-01', plan: '90/KH-UBND', movement: 3 },
];

function valuesFor(
  declared: QueryDefinition,
  snapshot: OpenSnapshot,
  filter: Record<string, ParamValue>,
): Record<string, ParamValue> | null {
  const def = resolveQuery(declared, snapshot.facts);
  if (Object.keys(filter).some((k) => !def.params.some((p) => p.name === k))) return null;
  return Object.fromEntries(def.params.map((p) => [p.name, p.name in filter ? filter[p.name]! : p.required ? 1 : p.default]));
}

async function answer(connection: DuckDBConnection, sql: string, values: Record<string, ParamValue>): Promise<unknown[]> {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRowObjectsJS();
}

async function compareAll(snapshot: OpenSnapshot): Promise<number> {
  let compared = 0;
  await snapshot.withConnection(async (withFacts) => {
    await snapshot.withConnection(async (withJoins) => {
      await withJoins.connection.run(reference);
      await withJoins.connection.run(delegateRanking);
      for (const def of catalog.values()) {
        for (const filter of FILTERS) {
          const values = valuesFor(def, snapshot, filter);
          if (!values) continue;
          const expected = await answer(withJoins.connection, referenceSql.get(def.name) ?? def.sql, values);
          expect(await answer(withFacts.connection, def.sql, values), `${def.name} ${JSON.stringify(filter)}`).toEqual(expected);
          compared++;
        }
      }
    });
  });
  return compared;
}

describe('the fact table changes no answer', () => {
  let fixture: Fixture;
  let demo: { db: Database; dir: string };
  beforeAll(async () => {
    fixture = await buildFixture();
    const dir = mkdtempSync(join(tmpdir(), 'queries-fact-'));
    const db = await openDatabase(join(dir, 'exemplars.duckdb'));
    await migrate(db.connection);
    await loadDemo(db.connection, generateDemo({ seed: 11, scale: 1 }));
    await publishSnapshot(db.connection, join(dir, 'exemplars.duckdb'), dir);
    demo = { db, dir };
  });
  afterAll(() => {
    fixture.close();
    demo.db.close();
  });

  it('has a reference for each rewritten query', () => {
    expect([...referenceSql.keys()].sort()).toEqual([
      'overview_headline',
      'recognitions_by_agency',
      'recognitions_by_category',
      'recognitions_by_kind',
      'recognitions_by_movement',
      'recognitions_by_year',
      'recognitions_by_year_movement_kind',
      'targets_vs_results_by_agency',
    ]);
    for (const name of referenceSql.keys()) expect(catalog.has(name), name).toBe(true);
  });

  it.each([
    ['the hand-built fixture', () => fixture.dataDir],
    ['a generated demo data set', () => demo.dir],
  ])('on %s, every query under every filter', async (_label, dataDir) => {
    const manifest = readCurrentManifest(dataDir())!;
    const snapshot = await openSnapshot(join(dataDir(), 'snapshots', manifest.file), manifest, 2);
    try {
      const compared = await compareAll(snapshot);
      expect(compared).toBeGreaterThan(200);
    } finally {
      snapshot.close();
    }
  });
});
