import type { CatalogueProblem } from '../../contracts/catalogueFiles.ts';

/** What Sở Nội vụ registers through the ingest service; each is one batch kind. */
export type CatalogueKind = 'plan' | 'organisation' | 'congress';
export type CatalogueStatus = 'committed' | 'unchanged' | 'dry_run' | 'rows_refused';

/**
 * One problem as the clerk reads it: where (file; sheet and Excel row with its Vietnamese
 * column for a table, the list and item number for a JSON file), the value and why.
 */
export interface CatalogueRowProblem {
  file: string;
  /** The worksheet, for an XLSX; null for JSON and CSV. */
  sheet: string | null;
  /** The list in the file format ("movements", "agencies", …), "" for the top level. */
  path: string;
  /** JSON: the item's position in its list (from 1; 0 = top level). Table: the row as Excel numbers it, header counted. */
  row: number;
  /** The field of the file format ("leadAgency", "takes.by", …). */
  field: string;
  /** The table's Vietnamese header for that field; null for JSON. */
  column: string | null;
  value: string;
  code: string;
  message: string;
}

export interface CatalogueReport {
  kind: CatalogueKind;
  status: CatalogueStatus;
  message: string;
  batchId: number | null;
  fileName: string;
  sha256: string;
  /** total: the file's rows (movements + targets, agencies + successions, 1 for a congress); refused: rows with a problem. */
  counts: { total: number; accepted: number; refused: number };
  problems: CatalogueRowProblem[];
  /** What was (or, for a dry run, would be) registered: plan code and movement keys, agencies, congress. */
  summary: Record<string, unknown>;
  snapshotVersion?: number | null;
}

const WHAT: Record<CatalogueKind, string> = { plan: 'kế hoạch', organisation: 'tổ chức bộ máy', congress: 'đại hội thi đua' };

export const CATALOGUE_MESSAGES: Record<CatalogueStatus, (kind: CatalogueKind, counts: CatalogueReport['counts']) => string> = {
  committed: (k, c) => `Đã đăng ký ${WHAT[k]} (${c.accepted} dòng).`,
  unchanged: (k) => `Tệp ${WHAT[k]} này đã được đăng ký trước đó (cùng nội dung): không có gì thay đổi.`,
  dry_run: (k, c) => `Kiểm tra thử: tệp ${WHAT[k]} hợp lệ (${c.total} dòng). Chưa ghi gì vào cơ sở dữ liệu.`,
  rows_refused: (k, c) =>
    `Tệp ${WHAT[k]} chưa được đăng ký: ${c.refused} dòng có lỗi (xem danh sách). Không có gì thay đổi; hãy sửa và gửi lại.`,
};

/** Where the items of a table-shaped file came from; a JSON file has none (its positions are its rows). */
export interface RowOrigin {
  sheet: string | null;
  row: number;
}

/** Maps a file-format field to the table's header, for one list. */
export type ColumnNames = Record<string, Record<string, string>>;

/**
 * The checker's problems (contracts/catalogueFiles.ts, registerCatalogue.ts), which name list
 * items, placed where the clerk typed them: a table's sheet, row and column when `origins`
 * knows the item, else the list position.
 */
export function locateProblems(
  fileName: string,
  problems: readonly CatalogueProblem[],
  origins: Record<string, readonly RowOrigin[]> = {},
  columns: ColumnNames = {},
): CatalogueRowProblem[] {
  return problems.map((p) => {
    const origin = p.row > 0 ? origins[p.path]?.[p.row - 1] : undefined;
    return {
      file: fileName,
      sheet: origin?.sheet ?? null,
      path: p.path,
      row: origin?.row ?? p.row,
      field: p.field,
      column: origin ? (columns[p.path]?.[p.field] ?? columns[p.path]?.[p.field.split('.')[0]!] ?? null) : null,
      value: p.value,
      code: p.code,
      message: p.message,
    };
  });
}

/** Rows with at least one problem (a file-level problem counts as one). */
export function refusedRows(problems: readonly CatalogueRowProblem[]): number {
  return new Set(problems.map((p) => `${p.sheet ?? ''}\u0000${p.path}\u0000${p.row}`)).size;
}

export function catalogueReport(
  base: { kind: CatalogueKind; fileName: string; sha256: string; total: number; summary?: Record<string, unknown> },
  status: CatalogueStatus,
  batchId: number | null,
  problems: CatalogueRowProblem[] = [],
): CatalogueReport {
  const refused = refusedRows(problems);
  const counts = { total: base.total, accepted: status === 'rows_refused' ? 0 : base.total, refused };
  return {
    kind: base.kind,
    status,
    message: CATALOGUE_MESSAGES[status](base.kind, counts),
    batchId,
    fileName: base.fileName,
    sha256: base.sha256,
    counts,
    problems,
    summary: base.summary ?? {},
  };
}
