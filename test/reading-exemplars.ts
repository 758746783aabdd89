// Hand-made exemplars for the reading suites that build a small database with registered plans
// and successions (test/reading-plans.test.ts, test/reading-as-of.test.ts): one committed batch,
// the exemplars and their recognitions, then the snapshot served as the dashboard serves it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { OrganisationFile, PlanFile } from '../contracts/catalogueFiles.ts';
import { registerOrganisation, registerPlan } from '../ingest/catalogue/registerCatalogue.ts';
import { openDatabase, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import type { Hono } from 'hono';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { viewerApp } from './queries-viewer.ts';

/** id, code, name, unit, agency, movement key, plan, years recognised. */
export type TestExemplar = [number, string, string, string, string, number, string, number[]];

type PlanMovement = PlanFile['movements'][number];

/** A movement of a test plan, led by Sở Y tế, assigned ("giao"), no households, no aliases. */
export function testMovement(no: number, name: string, shortName: string = name): PlanMovement {
  return { no, name, shortName, parts: [], leadAgency: 'SYT', assignment: 'giao', households: false, aliases: [] };
}

/** A synthetic 2026–2030 plan of Hưng Yên numbered `code` (the period after Plan 90), with no targets. */
export function testPlan2026(code: string, reportingKinds: string[], movements: PlanMovement[]): PlanFile {
  return {
    format: 'ke-hoach/1',
    code,
    number: code,
    issuedOn: '2026-03-01',
    issuedBy: 'Ủy ban nhân dân tỉnh Hưng Yên',
    title: 'Kế hoạch thử nghiệm giai đoạn 2026–2030',
    province: 'HY',
    firstYear: 2026,
    lastYear: 2030,
    submissionDeadline: '2026-05-31',
    reportingKinds,
    synthetic: true,
    movements,
    targets: [],
  };
}

export async function insertExemplars(
  conn: DuckDBConnection,
  batchId: number,
  kind: 'tap_the' | 'ca_nhan',
  exemplars: readonly TestExemplar[],
  lineageOf: (id: number) => number | null = () => null,
): Promise<void> {
  await conn.run(
    `INSERT INTO ingest_batches (id, kind, agency_code, year, submitted_by, received_at, file_name, file_sha256, rows_total, rows_accepted, rows_refused, rows_ignored, status, superseded_by)
    VALUES ($batch, 'recognitions', NULL, NULL, 'test', TIMESTAMP '2026-06-01 09:00:00', 'test.xlsx', 'h', 1, 1, 0, 0, 'committed', NULL)`,
    { batch: batchId },
  );
  for (const [id, code, name, unit, agency, movement, plan, years] of exemplars) {
    await conn.run(
      `INSERT INTO exemplars (id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, first_batch_id, plan_code, lineage_id)
       VALUES ($id, $code, $name, fold_key($name), $unit, fold_key($unit), $kind, 'dien_hinh_tien_tien', $agency, $movement, 'phat_hien', $batch, $plan, $lineage)`,
      { id, code, name, unit, kind, agency, movement, batch: batchId, plan, lineage: lineageOf(id) },
    );
    for (const year of years) {
      await conn.run("INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES ($id, $year, 'cong_nhan_dhtt', $batch)", {
        id,
        year,
        batch: batchId,
      });
    }
  }
}

/** Publishes the database as a snapshot and serves it to a signed-in province viewer. */
export async function serveSnapshot(
  conn: DuckDBConnection,
  dbPath: string,
  dir: string,
): Promise<{ snapshots: SnapshotSource; app: Hono }> {
  await publishSnapshot(conn, dbPath, dir);
  const snapshots = new SnapshotSource(dir, { log: () => {} });
  await snapshots.start();
  return { snapshots, app: viewerApp({ snapshots, log: () => {} }) };
}

/** A migrated database in a fresh temp folder, with an organisation and a later plan registered. */
export async function openPlansDatabase(
  prefix: string,
  organisation: OrganisationFile,
  plan: PlanFile,
): Promise<{ dir: string; dbPath: string; db: Database }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  await migrate(db.connection);
  const problems = [...(await registerOrganisation(db.connection, organisation, null)), ...(await registerPlan(db.connection, plan, null))];
  if (problems.length > 0) throw new Error(`test catalogue refused: ${JSON.stringify(problems)}`);
  return { dir, dbPath, db };
}
