/**
 * The clerk's changes to the column → field reading the service detected, and the `mapping`
 * they become: the upload API's JSON { field: "header text" } (ingest/parse/headerMap.ts,
 * parseExplicitMapping). A field is read from one column: giving it to a column takes it
 * from the column that had it.
 */
import type { PreviewColumn } from './uploadPreview.ts';

/** Column index (0-based) → the field the clerk chose for it (null: not used). */
export type ColumnChoices = Readonly<Record<number, string | null>>;

export function fieldOf(column: PreviewColumn, choices: ColumnChoices): string | null {
  return column.index in choices ? (choices[column.index] ?? null) : column.field;
}

export function chooseField(columns: readonly PreviewColumn[], choices: ColumnChoices, index: number, field: string | null): ColumnChoices {
  const next: Record<number, string | null> = { ...choices, [index]: field };
  if (field !== null) {
    for (const c of columns) if (c.index !== index && fieldOf(c, next) === field) next[c.index] = null;
  }
  return next;
}

/**
 * The mapping to send: every field the clerk placed on a column, by that column's header
 * text. Null when the clerk changed nothing the API can express (a column headed with
 * nothing cannot be named; "not used" alone has no word in the mapping).
 */
export function mappingFor(columns: readonly PreviewColumn[], choices: ColumnChoices): string | null {
  const mapping: Record<string, string> = {};
  for (const c of columns) {
    const field = choices[c.index];
    if (c.index in choices && field && c.header.trim() !== '') mapping[field] = c.header;
  }
  return Object.keys(mapping).length > 0 ? JSON.stringify(mapping) : null;
}

/** Choices that apply a suggested mapping ({ field: "header text" }, from a diagnosis) to the columns it names. */
export function applyMapping(
  columns: readonly PreviewColumn[],
  choices: ColumnChoices,
  mapping: Readonly<Record<string, string>>,
): ColumnChoices {
  let next = choices;
  const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');
  for (const [field, header] of Object.entries(mapping)) {
    const column = columns.find((c) => fold(c.header) === fold(header));
    if (column) next = chooseField(columns, next, column.index, field);
  }
  return next;
}
