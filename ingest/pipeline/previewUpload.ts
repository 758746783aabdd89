import { readFileSync, rmSync, statSync } from 'node:fs';
import { makeUploadWorkDir } from '../store/uploadWorkDir.ts';
import { detectFileType } from '../parse/detectFileType.ts';
import { FIELDS, type Field } from '../parse/headerMap.ts';
import { FIELD_LABELS, type ColumnHow } from '../parse/inferColumns.ts';
import { UploadProblem, type UploadProblemValue } from '../parse/uploadProblem.ts';
import type { StagedUpload } from '../stage/stagedUpload.ts';
import type { Store, UploadLimits } from './ingestUpload.ts';
import { runPhase, type UploadRun } from './uploadSteps.ts';
import { closeUploadWorkspace, openUploadWorkspace } from './uploadWorkspace.ts';
import type { ColumnDecision } from './uploadReport.ts';

/** Data rows the preview shows under the header. */
export const PREVIEW_ROWS = 10;

/** What the upload page shows before a dry run: the columns, the field each is read as, the first rows (docs/upload-format.md, "Previewing the columns"). */
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
 * WriteQueue: staging uses an upload workspace on the writer connection (uploadWorkspace.ts).
 */
export async function previewUpload(store: Store, req: PreviewRequest, limits: UploadLimits): Promise<PreviewOutcome> {
  const workDir = makeUploadWorkDir(store.dataDir, 'ingest-');
  try {
    if (statSync(req.filePath).size > limits.maxBytes)
      throw new UploadProblem({
        code: 'FILE_TOO_LARGE',
        message: `Tệp lớn hơn ${Math.round(limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`,
        status: 413,
      });
    const bytes = readFileSync(req.filePath);
    const fileType = detectFileType(bytes, req.fileName);
    const ws = await openUploadWorkspace(store.conn);
    const run: UploadRun = {
      ws,
      input: {
        filePath: req.filePath,
        fileName: req.fileName,
        bytes,
        fileType,
        workDir,
        agency: '',
        formYear: null,
        mapping: req.mapping,
        limits,
        allowMissingColumns: true,
      },
    };
    try {
      await runPhase(run, 'stage');
    } finally {
      await closeUploadWorkspace(ws);
    }
    const staged = run.staged!;
    const columns = (staged.columns ?? []).map((c) => ({
      index: c.index,
      letter: columnLetter(c.index),
      header: c.header,
      field: c.field,
      how: c.how,
    }));
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
    rmSync(workDir, { recursive: true, force: true });
  }
}
