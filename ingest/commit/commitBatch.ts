import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { assertIntegrity } from './checkIntegrity.ts';

const SQL = {
  insertBatch: loadSql(import.meta.url, './sql/insert_batch.sql'),
  moveToHistory: loadSql(import.meta.url, './sql/move_to_history.sql'),
  deleteReplaced: loadSql(import.meta.url, './sql/delete_replaced.sql'),
  supersede: loadSql(import.meta.url, './sql/supersede_batches.sql'),
  insertExemplars: loadSql(import.meta.url, './sql/insert_exemplars.sql'),
  updateKnown: loadSql(import.meta.url, './sql/update_known_exemplars.sql'),
  reserveIds: loadSql(import.meta.url, './sql/reserve_exemplar_ids.sql'),
  newExemplarIds: loadSql(import.meta.url, './sql/new_exemplar_ids.sql'),
  insertRecognitions: loadSql(import.meta.url, './sql/insert_recognitions.sql'),
  readBack: loadSql(import.meta.url, './sql/read_back.sql'),
  lineageCandidates: loadSql(import.meta.url, './sql/lineage_candidates.sql'),
  lineage: loadSql(import.meta.url, './sql/lineage.sql'),
  linkLineage: loadSql(import.meta.url, './sql/link_lineage.sql'),
};

export interface BatchFacts {
  agency: string;
  year: number;
  /** The plan the list falls under (findUploadPlan.ts). */
  plan: string;
  submittedBy: string;
  receivedAt: string;
  fileName: string;
  sha256: string;
  rowsTotal: number;
  rowsAccepted: number;
  rowsRefused: number;
  rowsIgnored: number;
}

/**
 * Ids for the new exemplars (upload_new_ids), drawn before the transaction: a table of the
 * upload written inside it made the 1M-row exemplar insert that joins it twice as slow (measured,
 * DuckDB 1.5.6). A rolled-back commit leaves a gap in the sequence, which nothing relies on.
 * The ids are drawn by one statement and written by another: one statement may not write
 * both the stored database (the sequence) and the upload workspace.
 */
export async function drawExemplarIds(conn: DuckDBConnection, count: number): Promise<void> {
  let first = 0;
  if (count > 0) {
    const [r] = await queryRows(conn, SQL.reserveIds, { n: count });
    if (Number(r?.n) !== count || Number(r?.last) - Number(r?.first) + 1 !== count)
      throw new Error(`exemplar ids not consecutive: ${JSON.stringify(r)} for ${count}`);
    first = Number(r?.first);
  }
  await conn.run(SQL.newExemplarIds, { first });
}

/** Whether the list continues earlier lines (lineage_candidates.sql); if so writes upload_lineage (lineage.sql). */
export async function findLineage(conn: DuckDBConnection, agency: string, plan: string): Promise<boolean> {
  const [candidates] = await queryRows(conn, SQL.lineageCandidates, { agency, plan });
  const continues = candidates?.any === true;
  if (continues) await conn.run(SQL.lineage, { agency, plan });
  return continues;
}

/**
 * Commits the rows in `upload_ok` (ids in upload_new_ids, drawExemplarIds; `continues`: the
 * lines of upload_lineage, findLineage) as one batch in one transaction: supersede the
 * agency-year, insert new exemplars, recognitions and the report, check integrity set-wise
 * (the tables have no key indexes: see migrations/002), then read the batch back. Any failed
 * statement, broken rule (IntegrityError) or read-back mismatch throws and rolls everything back.
 */
export async function commitBatch(
  conn: DuckDBConnection,
  facts: BatchFacts,
  continues: boolean,
  reportFor: (batchId: number) => string,
): Promise<number> {
  return inTransaction(conn, async () => {
    const [batch] = await queryRows(conn, SQL.insertBatch, {
      agency: facts.agency,
      year: facts.year,
      submitted_by: facts.submittedBy,
      received_at: facts.receivedAt,
      file_name: facts.fileName,
      sha256: facts.sha256,
      rows_total: facts.rowsTotal,
      rows_accepted: facts.rowsAccepted,
      rows_refused: facts.rowsRefused,
      rows_ignored: facts.rowsIgnored,
    });
    const batchId = Number(batch?.id);
    if (!Number.isInteger(batchId)) throw new Error('insert_batch returned no id');
    const ay = { agency: facts.agency, year: facts.year };
    await conn.run(SQL.moveToHistory, ay);
    await conn.run(SQL.deleteReplaced, ay);
    await conn.run(SQL.supersede, { ...ay, batch: batchId });
    await conn.run(SQL.updateKnown, { year: facts.year });
    await conn.run(SQL.insertExemplars, { agency: facts.agency, batch: batchId, plan: facts.plan });
    if (continues) await conn.run(SQL.linkLineage);
    await conn.run(SQL.insertRecognitions, { year: facts.year, batch: batchId });
    await assertIntegrity(conn, { agency: facts.agency });
    await conn.run('INSERT INTO ingest_batch_reports (batch_id, report) VALUES ($batch, $report)', {
      batch: batchId,
      report: reportFor(batchId),
    });
    const [back] = await queryRows(conn, SQL.readBack, { batch: batchId });
    if (Number(back?.recognitions) !== facts.rowsAccepted || Number(back?.batches) !== 1) {
      throw new Error(`read-back mismatch for batch ${batchId}: ${JSON.stringify(back)} vs ${facts.rowsAccepted} accepted`);
    }
    return batchId;
  });
}
