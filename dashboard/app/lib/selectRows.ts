import { tableFromArrays, type Table } from 'apache-arrow';

/** The rows of `table` for which `keep(i)` holds, as a new Arrow table with the same column
 *  names (Arrow JS has no row filter; values are re-inferred: numbers, strings, booleans). */
export function selectRows(table: Table, keep: (index: number) => boolean): Table {
  const indices: number[] = [];
  for (let i = 0; i < table.numRows; i++) if (keep(i)) indices.push(i);
  if (indices.length === table.numRows) return table;
  const columns: Record<string, unknown[]> = {};
  for (const field of table.schema.fields) {
    const col = table.getChild(field.name);
    columns[field.name] = indices.map((i) => col?.get(i) ?? null);
  }
  return tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]);
}

/** Rows where any of `columns` is a positive number: drops agencies with nothing to show. */
export function nonZeroRows(table: Table, ...columns: string[]): Table {
  const cols = columns.map((c) => table.getChild(c));
  return selectRows(table, (i) => cols.some((c) => Number(c?.get(i) ?? 0) > 0));
}
