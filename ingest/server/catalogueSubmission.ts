import { createHash } from 'node:crypto';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { CatalogueProblem } from '../../contracts/catalogueFiles.ts';
import { inTransaction, queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { publishSnapshot } from '../store/publishSnapshot.ts';
import {
  CATALOGUE_MESSAGES,
  catalogueReport,
  type CatalogueKind,
  type CatalogueReport,
  type CatalogueRowProblem,
} from '../catalogue/catalogueReport.ts';
import type { Store } from '../pipeline/ingestUpload.ts';

const SQL = {
  insertBatch: loadSql(import.meta.url, '../catalogue/sql/insert_catalogue_batch.sql'),
  supersede: loadSql(import.meta.url, '../catalogue/sql/supersede_catalogue_batch.sql'),
};

/** A catalogue file read and shaped, ready to be checked against the database and registered. */
export interface CatalogueSubmission {
  kind: CatalogueKind;
  fileName: string;
  bytes: Buffer;
  submittedBy: string;
  dryRun: boolean;
  /** The batch's year: a plan's or congress's first year; null for an organisation. */
  year: number | null;
  /** The file's rows (movements + targets, agencies + successions, 1 for a congress). */
  total: number;
  /** The batch in force for what this file registers (id, file_sha256, report): the same file again changes nothing. */
  inForce: { sql: string; params: Record<string, DuckDBValue> };
  /** A plan or congress registered again replaces the earlier registration (superseded); an organisation upload adds to it. */
  supersedes: boolean;
  /** registerPlan / registerOrganisation / registerCongress, bound to the file. */
  register(conn: DuckDBConnection, batchId: number | null): Promise<CatalogueProblem[]>;
  /** The registration's problems placed where the clerk typed them. */
  locate(problems: CatalogueProblem[]): CatalogueRowProblem[];
  /** What the registration wrote (read back inside its transaction), for the report. */
  summarise(conn: DuckDBConnection): Promise<Record<string, unknown>>;
}

/** Rolls the registration's transaction back with its problems (nothing written, not even the batch row). */
class Refusal extends Error {
  constructor(readonly problems: CatalogueProblem[]) {
    super('catalogue file refused');
  }
}

/**
 * Registers one catalogue file as one batch, all or nothing: the batch row, the registration
 * and the report in one transaction, then a snapshot so the reporting side sees it. A dry run
 * runs the same checks and writes inside a transaction that is always rolled back. Call it
 * inside the WriteQueue.
 */
export async function submitCatalogue(store: Store, s: CatalogueSubmission): Promise<CatalogueReport> {
  const { conn } = store;
  const sha256 = createHash('sha256').update(s.bytes).digest('hex');
  const base = { kind: s.kind, fileName: s.fileName, sha256, total: s.total };
  const [current] = await queryRows(conn, s.inForce.sql, s.inForce.params);
  const currentId = current ? Number(current.id) : null;

  if (!s.dryRun && current && current.file_sha256 === sha256 && current.report !== null) {
    // A client retrying after a lost answer gets the batch it already made.
    const earlier = JSON.parse(String(current.report)) as CatalogueReport;
    return { ...earlier, status: 'unchanged', message: CATALOGUE_MESSAGES.unchanged(s.kind, earlier.counts) };
  }

  if (s.dryRun) {
    await conn.run('BEGIN TRANSACTION');
    try {
      const problems = await s.register(conn, null);
      if (problems.length > 0) return catalogueReport(base, 'rows_refused', null, s.locate(problems));
      return catalogueReport({ ...base, summary: await s.summarise(conn) }, 'dry_run', null);
    } finally {
      await conn.run('ROLLBACK');
    }
  }

  let report: CatalogueReport;
  try {
    report = await inTransaction(conn, async () => {
      const [row] = await queryRows(conn, SQL.insertBatch, {
        kind: s.kind,
        year: s.year,
        submitted_by: s.submittedBy,
        file_name: s.fileName,
        sha256,
        rows_total: s.total,
      });
      const batchId = Number(row?.id);
      if (!Number.isInteger(batchId)) throw new Error('insert_catalogue_batch returned no id');
      const problems = await s.register(conn, batchId);
      if (problems.length > 0) throw new Refusal(problems);
      if (s.supersedes && currentId !== null) await conn.run(SQL.supersede, { old: currentId, new: batchId });
      const committed = catalogueReport({ ...base, summary: await s.summarise(conn) }, 'committed', batchId);
      await conn.run('INSERT INTO ingest_batch_reports (batch_id, report) VALUES ($batch, $report)', {
        batch: batchId,
        report: JSON.stringify(committed),
      });
      return committed;
    });
  } catch (error) {
    if (error instanceof Refusal) return catalogueReport(base, 'rows_refused', null, s.locate(error.problems));
    throw error;
  }
  const manifest = await publishSnapshot(conn, store.dbPath, store.dataDir);
  return { ...report, snapshotVersion: manifest.version };
}
