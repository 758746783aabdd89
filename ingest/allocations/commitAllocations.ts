import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { publishSnapshot } from '../store/publishSnapshot.ts';
import type { AllocationCheck } from './validateAllocations.ts';

const INSERT_BATCH = loadSql(import.meta.url, './sql/insert_allocation_batch.sql');

export interface AllocationOutcome {
  status: 'committed' | 'unchanged' | 'dry_run' | 'rows_refused';
  batchId: number | null;
  sha256: string;
  snapshot: string | null;
}

/**
 * Commits an allocation list as one batch, or nothing: any refused row refuses the file
 * (seats decide who goes to the congress; a half list would be wrong). The file's SHA-256
 * makes a retried identical upload a no-op.
 */
export async function commitAllocations(
  store: { conn: DuckDBConnection; dbPath: string; dataDir: string },
  file: { name: string; bytes: Buffer; submittedBy: string; dryRun: boolean; totalRows: number },
  check: AllocationCheck,
  congress: { code: string; lastYear: number },
): Promise<AllocationOutcome> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  if (check.refused.length > 0) return { status: 'rows_refused', batchId: null, sha256, snapshot: null };
  // The same file for another congress is another allocation.
  const [existing] = await queryRows(
    store.conn,
    "SELECT id FROM ingest_batches b WHERE kind = 'allocations' AND file_sha256 = $sha AND status = 'committed' AND EXISTS (SELECT 1 FROM delegate_allocations d WHERE d.batch_id = b.id AND d.congress_code = $congress) ORDER BY id DESC LIMIT 1",
    { sha: sha256, congress: congress.code },
  );
  if (existing) return { status: 'unchanged', batchId: Number(existing.id), sha256, snapshot: null };
  if (file.dryRun) return { status: 'dry_run', batchId: null, sha256, snapshot: null };

  const batchId = await inTransaction(store.conn, async () => {
    const [row] = await queryRows(store.conn, INSERT_BATCH, {
      year: congress.lastYear,
      submitted_by: file.submittedBy,
      file_name: file.name,
      sha256,
      rows_total: file.totalRows,
      rows_accepted: check.accepted.length,
      rows_ignored: check.ignored.length,
    });
    const id = Number(row!.id);
    for (const a of check.accepted) {
      await store.conn.run(
        'INSERT INTO delegate_allocations (batch_id, congress_code, agency_code, seats) VALUES ($id, $congress, $agency, $seats)',
        { id, congress: congress.code, agency: a.agency, seats: a.seats },
      );
    }
    // Read back before answering: the batch must hold exactly the accepted rows.
    const [{ n } = { n: -1 }] = await queryRows(
      store.conn,
      'SELECT count(*)::INTEGER AS n FROM delegate_allocations WHERE batch_id = $id',
      { id },
    );
    if (n !== check.accepted.length) throw new Error(`allocation batch ${id}: ${n} rows written, ${check.accepted.length} expected`);
    return id;
  });
  const manifest = await publishSnapshot(store.conn, store.dbPath, store.dataDir);
  return { status: 'committed', batchId, sha256, snapshot: manifest.name };
}
