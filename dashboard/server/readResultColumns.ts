import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  type DuckDBDataChunk,
  type DuckDBResultReader,
  type DuckDBType,
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

/** A result's column names and the kinds they travel as. */
export interface ResultShape {
  names: string[];
  kinds: ColumnKind[];
}

/** The shape of a result (reader or streamed); refuses types we do not send. */
export function resultShape(result: {
  columnNames(): string[];
  columnTypeId(i: number): DuckDBTypeId;
  columnType(i: number): DuckDBType;
}): ResultShape {
  const names = result.columnNames();
  const kinds = names.map((name, i) => {
    const kind = kindOf(result.columnTypeId(i));
    if (!kind) throw new Error(`column ${name}: type ${result.columnType(i).toString()} is not sent to the browser (cast it in SQL)`);
    return kind;
  });
  return { names, kinds };
}

/** Converts a fully read DuckDB result into browser-safe columns. */
export function readResultColumns(reader: DuckDBResultReader): QueryResult {
  const { names, kinds } = resultShape(reader);
  const raw = reader.getColumns();
  const columns = names.map((name, i) => ({ name, kind: kinds[i]!, values: (raw[i] ?? []).map((v) => toCell(v, kinds[i]!, name)) }));
  return { columns, rowCount: reader.currentRowCount };
}

/** One data chunk (up to 2,048 rows) as browser-safe columns, for answers produced chunk by chunk. */
export function readChunkColumns(chunk: DuckDBDataChunk, shape: ResultShape): QueryResult {
  const columns = shape.names.map((name, i) => ({
    name,
    kind: shape.kinds[i]!,
    values: chunk.getColumnValues(i).map((v) => toCell(v, shape.kinds[i]!, name)),
  }));
  return { columns, rowCount: chunk.rowCount };
}
