import { REQUIRED_FIELDS, TEMPLATE_HEADERS, looksLikeHeader, matchHeaderRow, type Field, type HeaderMatch } from '../parse/headerMap.ts';
import { problem } from '../parse/uploadProblem.ts';

/** Rows searched for the header: title blocks in hand-made workbooks are a handful of rows. */
export const HEADER_SEARCH_ROWS = 30;

/** Returns the index of the first row that looks like the header, with its mapping. */
export function findHeader(
  rows: readonly (readonly string[])[],
  explicit: Partial<Record<Field, string>>,
): { index: number; match: HeaderMatch } | null {
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const match = matchHeaderRow(rows[i] ?? [], explicit);
    if (looksLikeHeader(match)) return { index: i, match };
  }
  return null;
}

/** Refuses a header without a required column, listing what was expected. */
export function requireColumns(match: HeaderMatch, yearFromForm: boolean, allowMissing = false): void {
  if (allowMissing) return;
  const missing = REQUIRED_FIELDS.filter((f) => match.columns[f] === undefined && !(f === 'year' && yearFromForm));
  if (missing.length > 0) {
    const expected = missing.map((f) => `"${TEMPLATE_HEADERS[f]}"`).join(', ');
    throw problem(
      'COLUMNS_MISSING',
      `Thiếu cột bắt buộc: ${expected}. Các cột tìm thấy: ${Object.values(match.headers).join(', ') || '(không có)'}${match.unknown.length ? `; cột không nhận ra: ${match.unknown.join(', ')}` : ''}. Có thể gửi kèm "mapping" để chỉ rõ cột.`,
      422,
      { missing, found: match.headers, unknown: match.unknown },
    );
  }
}

export function headerNotFound(): never {
  throw problem(
    'HEADER_NOT_FOUND',
    `Không tìm thấy dòng tiêu đề cột trong ${HEADER_SEARCH_ROWS} dòng đầu. Cần các cột: ${REQUIRED_FIELDS.map((f) => `"${TEMPLATE_HEADERS[f]}"`).join(', ')} (xem mẫu /api/template.xlsx).`,
    422,
  );
}
