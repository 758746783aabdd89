import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBResultReader,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { CellValue, ColumnKind, QueryResult } from './queryResult.ts';

const MS_PER_DAY = 86_400_000;

function kindOf(typeId: DuckDBTypeId): ColumnKind | null {
  switch (typeId) {
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
      return 'integer';
    // Wider integers travel as Float64 (exact up to 2^53, checked per value): the browser must
    // never see a BigInt. Our queries cast counts to INTEGER; this is the guard behind that.
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL:
      return 'double';
    case DuckDBTypeId.VARCHAR:
      return 'string';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return 'timestamp';
    case DuckDBTypeId.SQLNULL:
      return 'string';
    default:
      return null;
  }
}

function toCell(value: DuckDBValue, kind: ColumnKind, column: string): CellValue {
  if (value === null) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new Error(`column ${column}: ${value} does not fit a browser number`);
    return n;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (value instanceof DuckDBDateValue) return value.days * MS_PER_DAY;
  if (value instanceof DuckDBTimestampValue || value instanceof DuckDBTimestampTZValue) return Number(value.micros / 1000n);
  if (value instanceof DuckDBTimestampMillisecondsValue) return Number(value.millis);
  throw new Error(`column ${column}: unsupported ${kind} value ${String(value)}`);
}

/** Converts a fully read DuckDB result into browser-safe columns; refuses types we do not send. */
export function readResultColumns(reader: DuckDBResultReader): QueryResult {
  const names = reader.columnNames();
  const raw = reader.getColumns();
  const columns = names.map((name, i) => {
    const kind = kindOf(reader.columnTypeId(i));
    if (!kind) throw new Error(`column ${name}: type ${reader.columnType(i).toString()} is not sent to the browser (cast it in SQL)`);
    const values = (raw[i] ?? []).map((v) => toCell(v, kind, name));
    return { name, kind, values };
  });
  return { columns, rowCount: reader.currentRowCount };
}
