/**
 * A query's answer in column form, already in browser-safe JS types: counts are numbers
 * (never BigInt), DATE and TIMESTAMP are milliseconds since the Unix epoch (UTC), which is
 * what Plot reads from Arrow Date/Timestamp(ms) columns.
 */
export type ColumnKind = 'integer' | 'double' | 'string' | 'boolean' | 'date' | 'timestamp';

export type CellValue = number | string | boolean | null;

export interface ResultColumn {
  name: string;
  kind: ColumnKind;
  values: CellValue[];
}

export interface QueryResult {
  columns: ResultColumn[];
  rowCount: number;
}

/** Row objects (for JSON and tests). */
export function resultRows(result: QueryResult): Record<string, CellValue>[] {
  const rows: Record<string, CellValue>[] = [];
  for (let i = 0; i < result.rowCount; i++) {
    const row: Record<string, CellValue> = {};
    for (const column of result.columns) row[column.name] = column.values[i] ?? null;
    rows.push(row);
  }
  return rows;
}
