import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { TEMPLATE_HEADERS, type Field } from '../parse/headerMap.ts';
import { problem } from '../parse/uploadProblem.ts';
import { buildValueMaps } from './buildValueMaps.ts';
import { findUploadPlan, type UploadPlan } from './findUploadPlan.ts';
import { listInvalidCharacters, showInvalidCharacters } from '../text/invalidCharacters.ts';
import { MAX_TEXT_LENGTH, REFUSAL_MESSAGES, type RefusalCode, type RefusedRow } from './refusalCodes.ts';

const TEXT_MACROS = loadSql(import.meta.url, './sql/text_macros.sql');
const IGNORED = loadSql(import.meta.url, './sql/ignored_rows.sql');
const VALUES = loadSql(import.meta.url, './sql/distinct_values.sql');
const UNITS = loadSql(import.meta.url, './sql/units.sql');
const NORMALISE = loadSql(import.meta.url, './sql/normalise_rows.sql');
const REFUSALS = loadSql(import.meta.url, './sql/refusals.sql');
const CROWDED = loadSql(import.meta.url, './sql/crowded_rows.sql');
const DUPLICATES = loadSql(import.meta.url, './sql/duplicates.sql');
const ACCEPTED = loadSql(import.meta.url, './sql/accepted_rows.sql');
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

export interface IgnoredRow { row: number; reason: string; message: string; text: string | null }
export interface DuplicateRow { row: number; firstRow: number; name: string; message: string }
/**
 * A row that makes a new exemplar but may be the same as another spelled differently: an
 * existing exemplar (`existing`) or an earlier row of the same file (`otherRow`, with the
 * name and unit as written there in `other`). Listed for review; never merged.
 */
export interface NearMatch {
  row: number;
  name: string;
  unit: string;
  reason: 'similar_name' | 'same_key_other_spelling';
  distance: number;
  existing: { id: number; code: string; name: string; unit: string } | null;
  otherRow: number | null;
  other: { name: string; unit: string };
  message: string;
}

export interface Validation {
  year: number;
  plan: UploadPlan;
  counts: { total: number; accepted: number; refused: number; ignored: number; duplicates: number; newExemplars: number; knownExemplars: number; nearMatches: number };
  refused: RefusedRow[];
  ignored: IgnoredRow[];
  duplicates: DuplicateRow[];
  nearMatches: NearMatch[];
}

/**
 * Validates the staged rows set-wise and leaves `upload_ok` (the rows to commit, as ids),
 * `upload_norm` and `upload_units` (their values) on the connection. Only exceptions come
 * back to JavaScript, capped at REPORT_LIST_LIMIT.
 */
export async function validateUpload(conn: DuckDBConnection, opts: { fileName: string; agency: string; formYear: number | null; headers: Partial<Record<Field, string>>; titleRows: { row: number; text: string }[] }): Promise<Validation> {
  await conn.run(TEXT_MACROS);
  await conn.run(IGNORED);
  await conn.run(VALUES);
  const plan = await findUploadPlan(conn, opts.agency, opts.formYear);
  const year = plan.year;
  await buildValueMaps(conn, plan.code);
  await conn.run(UNITS);
  await conn.run(NORMALISE, { form_year: opts.formYear });
  await conn.run(REFUSALS, {
    file_year: year,
    agency: opts.agency,
    plan: plan.code,
    first_year: plan.firstYear,
    last_year: plan.lastYear,
    household_movements: JSON.stringify(plan.householdMovements),
    max_length: MAX_TEXT_LENGTH,
  });
  await conn.run(CROWDED);
  await conn.run(DUPLICATES);
  await conn.run(ACCEPTED, { agency: opts.agency, plan: plan.code });

  const [c] = await queryRows(conn, `SELECT
    (SELECT count(*) FROM upload_norm)::INTEGER + (SELECT count(*) FROM upload_ignored)::INTEGER AS staged,
    (SELECT count(*) FROM upload_ignored)::INTEGER AS ignored,
    (SELECT count(DISTINCT src_row) FROM upload_refusals)::INTEGER AS refused,
    (SELECT count(*) FROM upload_dups)::INTEGER AS duplicates,
    (SELECT count(*) FROM upload_ok)::INTEGER AS accepted,
    (SELECT count(*) FROM upload_ok WHERE exemplar_id IS NULL AND new_rep = src_row)::INTEGER AS new_exemplars,
    (SELECT count(*) FROM upload_ok WHERE exemplar_id IS NOT NULL)::INTEGER AS known_rows`);
  if (!c) throw new Error('count query returned no row');

  const column = (f: string) => opts.headers[f as Field] ?? TEMPLATE_HEADERS[f as Field] ?? f;
  const refusedRows = await queryRows(conn, `SELECT r.src_row, r.field, r.value, r.code, r.value_length, m.candidates AS movement_candidates FROM upload_refusals r LEFT JOIN map_movement m ON r.code = 'MOVEMENT_UNKNOWN' AND m.raw = r.value ORDER BY r.src_row, r.field LIMIT ${REPORT_LIST_LIMIT}`);
  const refused: RefusedRow[] = refusedRows.map((r) => {
    const code = String(r.code) as RefusalCode;
    const raw = r.value === null ? null : String(r.value);
    const candidates = code === 'MOVEMENT_UNKNOWN' && r.movement_candidates ? (JSON.parse(String(r.movement_candidates)) as { no: number; number: number; name: string }[]) : [];
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
    return { file: opts.fileName, row: Number(r.src_row), column: column(String(r.field)), value, code, message, ...(candidates.length ? { candidates } : {}) };
  });

  const ignoredRows = await queryRows(conn, `SELECT src_row, ignore_reason, first_text FROM upload_ignored ORDER BY src_row LIMIT ${REPORT_LIST_LIMIT}`);
  const ignored: IgnoredRow[] = [
    ...opts.titleRows.map((t) => ({ row: t.row, reason: 'title', message: IGNORE_MESSAGES.title!, text: t.text })),
    ...ignoredRows.map((r) => ({ row: Number(r.src_row), reason: String(r.ignore_reason), message: IGNORE_MESSAGES[String(r.ignore_reason)] ?? '', text: r.first_text === null ? null : String(r.first_text) })),
  ];

  const dupRows = await queryRows(conn, `SELECT d.src_row, d.first_row, n.name FROM upload_dups d JOIN upload_norm n USING (src_row) ORDER BY d.src_row LIMIT ${REPORT_LIST_LIMIT}`);
  const duplicates: DuplicateRow[] = dupRows.map((r) => ({ row: Number(r.src_row), firstRow: Number(r.first_row), name: String(r.name), message: `Trùng với dòng ${Number(r.first_row)}: dòng này không được nhập lần nữa.` }));

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
      existing: r.exemplar_id === null ? null : { id: Number(r.exemplar_id), code: String(r.exemplar_code), name: otherName, unit: String(r.exemplar_unit) },
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

