import {
  Bool,
  DateMillisecond,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { ColumnKind, QueryResult, ResultColumn } from './queryResult.ts';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

/**
 * A string column is dictionary-encoded unless most of its values are distinct: measured for
 * the reporting benchmark (bench/queries.bench.ts), a 100,000-row list was 3.9 MB with dictionaries against 9.3 MB as plain UTF-8 (and
 * 21.5 MB as JSON). Arrow JS reads both the same way (`vector.get(i)`).
 */
function stringType(values: ResultColumn['values']): DataType {
  const distinct = new Set(values).size;
  return distinct <= Math.max(1, values.length / 2) ? new Dictionary(new Utf8(), new Int32()) : new Utf8();
}

function arrowType(kind: ColumnKind, values: ResultColumn['values'], dictionaries: boolean): DataType {
  switch (kind) {
    case 'integer':
      return new Int32();
    case 'double':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'string':
      return dictionaries ? stringType(values) : new Utf8();
    // Plot turns Arrow Date/Timestamp columns in milliseconds into JS Dates by itself.
    case 'date':
      return new DateMillisecond();
    case 'timestamp':
      return new TimestampMillisecond();
  }
}

/**
 * Encodes a result as an Arrow IPC stream. A BigInt reaching here is a bug: it throws.
 * `dictionaries: false` exists for the benchmark's comparison only.
 */
export function encodeArrow(result: QueryResult, options: { dictionaries?: boolean } = {}): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const column of result.columns) {
    for (const v of column.values) {
      if (typeof v === 'bigint') throw new Error(`column ${column.name} carries a BigInt`);
    }
    vectors[column.name] = vectorFromArray(column.values, arrowType(column.kind, column.values, options.dictionaries ?? true));
  }
  return tableToIPC(new Table(vectors), 'stream');
}
