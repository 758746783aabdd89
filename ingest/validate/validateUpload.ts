import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { TEMPLATE_HEADERS, type Field } from '../parse/headerMap.ts';
import type { UploadPlan } from './findUploadPlan.ts';
import { listInvalidCharacters, showInvalidCharacters } from '../text/invalidCharacters.ts';
import { REFUSAL_MESSAGES, type RefusalCode, type RefusedRow } from './refusalCodes.ts';

const COUNTS = loadSql(import.meta.url, './sql/validation_counts.sql');
const REFUSED_LIST = loadSql(import.meta.url, './sql/refused_list.sql');
const IGNORED_LIST = loadSql(import.meta.url, './sql/ignored_list.sql');
const DUPLICATE_LIST = loadSql(import.meta.url, './sql/duplicate_list.sql');
const NEAR = loadSql(import.meta.url, './sql/near_matches.sql');

/** How many items of each list a report carries (counts are always complete). */
export const REPORT_LIST_LIMIT = 1000;

const IGNORE_MESSAGES: Record<string, string> = {
  title: 'Dòng tiêu đề phía trên dòng tên cột',
  empty: 'Dòng trống',
  numbering: 'Dòng đánh số cột (1), (2), (3)…',
  total: 'Dòng tổng cộng',
  footer: 'Dòng ghi chú/chữ ký phía dưới danh sách',
  no_data: 'Dòng không có dữ liệu (chỉ có số thứ tự hoặc ghi chú)',
};

// The report's row shapes are the contract's (contracts/uploadReport.ts): the app reads the same.
export type { DuplicateRow, IgnoredRow, NearMatch } from '../../contracts/uploadReport.ts';
import type { DuplicateRow, IgnoredRow, NearMatch } from '../../contracts/uploadReport.ts';

export interface Validation {
  year: number;
  plan: UploadPlan;
  counts: {
    total: number;
    accepted: number;
    refused: number;
    ignored: number;
    duplicates: number;
    newExemplars: number;
    knownExemplars: number;
    nearMatches: number;
  };
  refused: RefusedRow[];
  ignored: IgnoredRow[];
  duplicates: DuplicateRow[];
  nearMatches: NearMatch[];
}

/**
 * The validation's answer, read from what the validation steps left in the upload workspace
 * (uploadSteps.ts: upload_ok, upload_norm, upload_refusals…): counts, and the exceptions
 * capped at REPORT_LIST_LIMIT. `plan` is the plan findUploadPlan chose.
 */
export async function readValidation(
  conn: DuckDBConnection,
  plan: UploadPlan,
  opts: { fileName: string; agency: string; headers: Partial<Record<Field, string>>; titleRows: { row: number; text: string }[] },
): Promise<Validation> {
  const year = plan.year;
  const limit = REPORT_LIST_LIMIT;
  const [c] = await queryRows(conn, COUNTS);
  if (!c) throw new Error('count query returned no row');

  const column = (f: string) => opts.headers[f as Field] ?? TEMPLATE_HEADERS[f as Field] ?? f;
  const refusedRows = await queryRows(conn, REFUSED_LIST, { limit });
  const refused: RefusedRow[] = refusedRows.map((r) => {
    const code = String(r.code) as RefusalCode;
    const raw = r.value === null ? null : String(r.value);
    const candidates =
      code === 'MOVEMENT_UNKNOWN' && r.movement_candidates
        ? (JSON.parse(String(r.movement_candidates)) as { no: number; number: number; name: string }[])
        : [];
    let value = raw;
    let message: string;
    if (code === 'TEXT_TOO_LONG') message = REFUSAL_MESSAGES.TEXT_TOO_LONG(Number(r.value_length));
    else if (code === 'TEXT_INVALID_CHARACTER') {
      value = showInvalidCharacters(raw ?? '');
      message = REFUSAL_MESSAGES.TEXT_INVALID_CHARACTER(listInvalidCharacters(raw ?? ''));
    } else if (code === 'MOVEMENT_UNKNOWN') message = REFUSAL_MESSAGES.MOVEMENT_UNKNOWN(raw ?? '', candidates, plan.lastNumber);
    else if (code === 'YEAR_OUT_OF_RANGE') message = REFUSAL_MESSAGES.YEAR_OUT_OF_RANGE(raw ?? '', plan);
    else if (code === 'HOUSEHOLD_OUTSIDE_MOVEMENT') message = REFUSAL_MESSAGES.HOUSEHOLD_OUTSIDE_MOVEMENT(plan.householdNumbers);
    else if (code === 'YEAR_MISMATCH') message = REFUSAL_MESSAGES.YEAR_MISMATCH(raw ?? '', year);
    else message = (REFUSAL_MESSAGES[code] as (v: string) => string)(raw ?? '');
    return {
      file: opts.fileName,
      row: Number(r.src_row),
      column: column(String(r.field)),
      value,
      code,
      message,
      ...(candidates.length ? { candidates } : {}),
    };
  });

  const ignoredRows = await queryRows(conn, IGNORED_LIST, { limit });
  const ignored: IgnoredRow[] = [
    ...opts.titleRows.map((t) => ({ row: t.row, reason: 'title', message: IGNORE_MESSAGES.title!, text: t.text })),
    ...ignoredRows.map((r) => ({
      row: Number(r.src_row),
      reason: String(r.ignore_reason),
      message: IGNORE_MESSAGES[String(r.ignore_reason)] ?? '',
      text: r.first_text === null ? null : String(r.first_text),
    })),
  ];

  const dupRows = await queryRows(conn, DUPLICATE_LIST, { limit });
  const duplicates: DuplicateRow[] = dupRows.map((r) => ({
    row: Number(r.src_row),
    firstRow: Number(r.first_row),
    name: String(r.name),
    message: `Trùng với dòng ${Number(r.first_row)}: dòng này không được nhập lần nữa.`,
  }));

  const nearRows = await queryRows(conn, NEAR, { agency: opts.agency, plan: plan.code });
  const nearMatches: NearMatch[] = nearRows.map((r) => {
    const otherRow = r.other_row === null ? null : Number(r.other_row);
    const otherName = String(r.exemplar_name);
    const where = otherRow === null ? `điển hình đã có "${otherName}"` : `"${otherName}" ở dòng ${otherRow}`;
    return {
      row: Number(r.src_row),
      name: String(r.name),
      unit: String(r.unit),
      reason: String(r.reason) as NearMatch['reason'],
      distance: Number(r.distance),
      existing:
        r.exemplar_id === null
          ? null
          : { id: Number(r.exemplar_id), code: String(r.exemplar_code), name: otherName, unit: String(r.exemplar_unit) },
      otherRow,
      other: { name: otherName, unit: String(r.exemplar_unit) },
      message:
        r.reason === 'similar_name'
          ? `"${String(r.name)}" gần giống ${where} (cùng đơn vị): được nhập như điển hình mới, cần kiểm tra.`
          : `"${String(r.name)}" chỉ khác ${where} ở dấu, chữ hoa hoặc dấu câu: dấu phân biệt tên tiếng Việt nên được nhập như điển hình riêng, cần kiểm tra.`,
    };
  });

  return {
    year,
    plan,
    counts: {
      total: Number(c.staged) + opts.titleRows.length,
      accepted: Number(c.accepted),
      refused: Number(c.refused),
      ignored: Number(c.ignored) + opts.titleRows.length,
      duplicates: Number(c.duplicates),
      newExemplars: Number(c.new_exemplars),
      knownExemplars: Number(c.known_rows),
      nearMatches: nearMatches.length,
    },
    refused,
    ignored: ignored.slice(0, REPORT_LIST_LIMIT),
    duplicates,
    nearMatches,
  };
}
