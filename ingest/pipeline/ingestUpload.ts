import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { queryRows } from '../store/database.ts';
import { publishSnapshot } from '../store/publishSnapshot.ts';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import { detectFileType } from '../parse/detectFileType.ts';
import { DEFAULT_XLSX_BOUNDS, type XlsxBounds } from '../parse/xlsxBounds.ts';
import type { Field } from '../parse/headerMap.ts';
import { UploadProblem, type UploadProblemValue } from '../parse/uploadProblem.ts';
import { IntegrityError } from '../commit/checkIntegrity.ts';
import { STATUS_MESSAGES, type UploadReport } from './uploadReport.ts';
import { runPhase, type UploadRun } from './uploadSteps.ts';
import { closeUploadWorkspace, openUploadWorkspace } from './uploadWorkspace.ts';

export interface UploadLimits extends XlsxBounds {
  maxBytes: number;
  maxRows: number;
  maxUncompressedBytes: number;
  maxZipRatio: number;
}

/**
 * DuckDB's memory_limit for the ingest service's database (openDatabase({ memoryLimit })).
 * Measured with bench/ingest.bench.ts: a 1M-row CSV upload peaks under 1 GiB RSS for the
 * whole process with this cap (512MB peaked at 980–1047 MiB, 384MB at 868–996 MiB, same speed) (DuckDB spills the upload's tables to disk beyond it); without a
 * cap DuckDB takes up to 80% of RAM and the same upload peaked at 1.7–2.2 GiB.
 */
export const INGEST_MEMORY_LIMIT = '384MB';

export const DEFAULT_LIMITS: UploadLimits = {
  maxBytes: 20 * 1048576,
  maxRows: 100_000,
  maxUncompressedBytes: 80 * 1048576,
  maxZipRatio: 100,
  ...DEFAULT_XLSX_BOUNDS,
};

export interface UploadRequest {
  filePath: string;
  fileName: string;
  agency: string; // an agency code, already resolved and authorised
  formYear: number | null;
  dryRun: boolean;
  acceptPartial: boolean;
  submittedBy: string;
  mapping: Partial<Record<Field, string>>;
}

export interface Store {
  conn: DuckDBConnection;
  dbPath: string;
  dataDir: string;
}

export type UploadOutcome = { ok: true; report: UploadReport } | { ok: false; problem: UploadProblemValue };

/**
 * The whole write path for one file: hash → (identical file? answer with its batch) →
 * detect → stage → validate → report, and unless it is a dry run or rows were refused,
 * commit in one transaction and publish a snapshot. Call it inside the WriteQueue.
 */
export async function ingestUpload(store: Store, req: UploadRequest, limits: UploadLimits = DEFAULT_LIMITS): Promise<UploadOutcome> {
  const workDir = makeUploadWorkDir(store.dataDir, 'ingest-');
  try {
    return { ok: true, report: await run(store, req, limits, workDir) };
  } catch (error) {
    if (error instanceof UploadProblem) return { ok: false, problem: error.value };
    if (error instanceof IntegrityError) {
      // Rolled back, 409: the batch would conflict with what is stored (two exemplars with one
      // identity or code, a recognition twice…). The clerk's file is not at fault alone, so
      // the answer names the rules and the log keeps the detail.
      console.error(error.message);
      return {
        ok: false,
        problem: {
          code: 'INTEGRITY_VIOLATION',
          message:
            'Không nhập được danh sách: dữ liệu sẽ mâu thuẫn với dữ liệu đã có (trùng mã, trùng điển hình hoặc trùng lần công nhận). Dữ liệu không thay đổi; hãy liên hệ Sở Nội vụ.',
          status: 409,
          details: { violations: error.violations },
        },
      };
    }
    throw error;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function run(store: Store, req: UploadRequest, limits: UploadLimits, workDir: string): Promise<UploadReport> {
  const { conn } = store;
  if (statSync(req.filePath).size > limits.maxBytes)
    throw new UploadProblem({
      code: 'FILE_TOO_LARGE',
      message: `Tệp lớn hơn ${Math.round(limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`,
      status: 413,
    });
  // Read once: the hash, the type sniffing and the CSV checks share these bytes (a second
  // read of a 1M-row file cost ~70 ms); DuckDB still reads a CSV from the path itself.
  const bytes = readFileSync(req.filePath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  if (!req.dryRun) {
    const same = await queryRows(
      conn,
      `SELECT b.id, r.report FROM ingest_batches b LEFT JOIN ingest_batch_reports r ON r.batch_id = b.id
      WHERE b.file_sha256 = $sha AND b.agency_code = $agency AND b.status = 'committed' ORDER BY b.id DESC LIMIT 1`,
      { sha: sha256, agency: req.agency },
    );
    if (same[0]) {
      // A client retrying after a lost answer gets the batch it already made (the file's SHA-256 is the idempotency key).
      const earlier = JSON.parse(String(same[0].report)) as UploadReport;
      return { ...earlier, status: 'unchanged', message: STATUS_MESSAGES.unchanged(earlier.counts) };
    }
  }

  const fileType = detectFileType(bytes, req.fileName);
  const ws = await openUploadWorkspace(conn);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await closeUploadWorkspace(ws);
  };
  try {
    const steps: UploadRun = {
      ws,
      input: {
        filePath: req.filePath,
        fileName: req.fileName,
        bytes,
        fileType,
        workDir,
        agency: req.agency,
        formYear: req.formYear,
        mapping: req.mapping,
        limits,
        allowMissingColumns: false,
      },
    };
    await runPhase(steps, 'stage');
    await runPhase(steps, 'validate');
    await runPhase(steps, 'diagnose');
    const staged = steps.staged!;
    const v = steps.validation!;
    const diagnoses = steps.diagnoses ?? [];
    const { titleRows: _titles, columns: _columns, sample: _sample, columnDecisions, ...file } = staged;
    const report = (status: UploadReport['status'], batchId: number | null): UploadReport => ({
      status,
      message: STATUS_MESSAGES[status](v.counts),
      batchId,
      agency: req.agency,
      year: v.year,
      plan: { code: v.plan.code, number: v.plan.number, firstYear: v.plan.firstYear, lastYear: v.plan.lastYear },
      fileName: req.fileName,
      sha256,
      file,
      counts: v.counts,
      refused: v.refused,
      ignored: v.ignored,
      duplicates: v.duplicates,
      nearMatches: v.nearMatches,
      columnDecisions: columnDecisions ?? [],
      diagnoses,
    });

    if (req.dryRun) return report('dry_run', null);
    if (v.counts.accepted === 0 && v.counts.refused === 0)
      throw new UploadProblem({ code: 'NO_DATA_ROWS', message: 'Tệp không có dòng dữ liệu nào để nhập.', status: 422 });
    if ((v.counts.refused > 0 && !req.acceptPartial) || v.counts.accepted === 0) return report('rows_refused', null);

    steps.commit = {
      facts: {
        agency: req.agency,
        year: v.year,
        plan: v.plan.code,
        submittedBy: req.submittedBy,
        receivedAt: new Date().toISOString().replace('T', ' ').replace('Z', ''),
        fileName: req.fileName,
        sha256,
        rowsTotal: v.counts.total,
        rowsAccepted: v.counts.accepted,
        rowsRefused: v.counts.refused,
        rowsIgnored: v.counts.ignored,
      },
      reportFor: (id) => JSON.stringify(report('committed', id)),
    };
    await runPhase(steps, 'commit');
    const batchId = steps.batchId!;
    // The upload's tables go before the snapshot is published: its CHECKPOINT checkpoints the
    // first database of the search path, and the memory is free for the copy.
    await close();
    const manifest = await publishSnapshot(conn, store.dbPath, store.dataDir);
    return { ...report('committed', batchId), snapshotVersion: manifest.version };
  } finally {
    await close();
  }
}
