import { readFileSync, rmSync, statSync } from 'node:fs';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import { detectFileType } from '../parse/detectFileType.ts';
import { inspectXlsxZip } from '../parse/inspectZip.ts';
import { FIELDS, type Field } from '../parse/headerMap.ts';
import { FIELD_LABELS, type ColumnHow } from '../parse/inferColumns.ts';
import { UploadProblem, type UploadProblemValue } from '../parse/uploadProblem.ts';
import { createStagingTable } from '../stage/stagingTable.ts';
import { loadMovements } from '../match/loadMovements.ts';
import { stageCsv } from '../stage/stageCsv.ts';
import { stageXlsx } from '../stage/stageXlsx.ts';
import { stageJson } from '../stage/stageJson.ts';
import type { StagedUpload } from '../stage/stagedUpload.ts';
import { dropTempObjects, type Store, type UploadLimits } from './ingestUpload.ts';
import type { ColumnDecision } from './uploadReport.ts';

/** Data rows the preview shows under the header. */
export const PREVIEW_ROWS = 10;

/** What the upload page shows before a dry run: the columns, the field each is read as, the first rows (issue 13.3). */
export interface UploadPreview {
  fileName: string;
  fileType: StagedUpload['fileType'];
  sheet?: string;
  /** File row of the header (1-based; 0 for JSON). */
  headerRow: number;
  columns: { index: number; letter: string; header: string; field: Field | null; how: ColumnHow | null }[];
  rows: { row: number; cells: (string | null)[] }[];
  fields: { field: Field; label: string }[];
  columnDecisions: ColumnDecision[];
}

export interface PreviewRequest {
  filePath: string;
  fileName: string;
  mapping: Partial<Record<Field, string>>;
}

export type PreviewOutcome = { ok: true; preview: UploadPreview } | { ok: false; problem: UploadProblemValue };

/** Excel's column letter for a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * Reads a file as an upload would (detect, stage, decide the columns) and answers what the
 * page needs to show the mapping; writes nothing: the staged rows are dropped. A file that
 * lacks a required column is still previewed (the clerk maps it next). Call it inside the
 * WriteQueue: staging uses the writer connection's temp tables.
 */
export async function previewUpload(store: Store, req: PreviewRequest, limits: UploadLimits): Promise<PreviewOutcome> {
  const workDir = makeUploadWorkDir(store.dataDir, 'ingest-');
  try {
    if (statSync(req.filePath).size > limits.maxBytes) throw new UploadProblem({ code: 'FILE_TOO_LARGE', message: `Tệp lớn hơn ${Math.round(limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`, status: 413 });
    const bytes = readFileSync(req.filePath);
    const fileType = detectFileType(bytes, req.fileName);
    const stageLimits = { maxRows: limits.maxRows, allowMissingColumns: true };
    await loadMovements(store.conn);
    await createStagingTable(store.conn);
    let staged: StagedUpload;
    if (fileType === 'xlsx') {
      inspectXlsxZip(bytes, { ...limits, maxRatio: limits.maxZipRatio });
      staged = await stageXlsx(store.conn, bytes, req.mapping, true, { ...stageLimits, maxColumns: limits.maxColumns });
    } else if (fileType === 'json') {
      staged = await stageJson(store.conn, bytes, req.mapping, true, stageLimits);
    } else {
      staged = await stageCsv(store.conn, req.filePath, bytes, workDir, req.mapping, true, stageLimits);
    }
    const columns = (staged.columns ?? []).map((c) => ({ index: c.index, letter: columnLetter(c.index), header: c.header, field: c.field, how: c.how }));
    const width = columns.length;
    const rows = (staged.sample ?? [])
      .filter((r) => r.cells.some((c) => c !== null && c.trim() !== ''))
      .slice(0, PREVIEW_ROWS)
      .map((r) => ({ row: r.row, cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? null) }));
    return {
      ok: true,
      preview: {
        fileName: req.fileName,
        fileType: staged.fileType,
        ...(staged.sheet !== undefined ? { sheet: staged.sheet } : {}),
        headerRow: staged.headerRow,
        columns,
        rows,
        fields: FIELDS.map((field) => ({ field, label: FIELD_LABELS[field] })),
        columnDecisions: staged.columnDecisions ?? [],
      },
    };
  } catch (error) {
    if (error instanceof UploadProblem) return { ok: false, problem: error.value };
    throw error;
  } finally {
    await dropTempObjects(store.conn);
    rmSync(workDir, { recursive: true, force: true });
  }
}
