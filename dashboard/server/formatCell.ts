import type { CellValue, ColumnKind } from './queryResult.ts';

/** YYYY-MM-DD of an epoch-ms date (dates are UTC midnights). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:MM:SS of an epoch-ms timestamp, as stored (no zone shift). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** A cell as text for CSV: ISO dates, TRUE/FALSE, '.' decimals, empty for NULL. */
export function cellText(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '';
  if (kind === 'date' && typeof value === 'number') return isoDate(value);
  if (kind === 'timestamp' && typeof value === 'number') return isoTimestamp(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}
