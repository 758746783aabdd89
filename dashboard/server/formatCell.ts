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

/** dd/mm/yyyy of an epoch-ms date. */
export function viDate(ms: number): string {
  const [y, m, d] = isoDate(ms).split('-');
  return `${d}/${m}/${y}`;
}

/** A number with a decimal comma and no grouping: 1234.5 → "1234,5" (what vi-VN spreadsheets read as a number). */
export function viNumber(n: number): string {
  // toPrecision(12) drops binary noise (0.8125 * 100 = 81.25, not 81.24999999999999).
  return String(Number(n.toPrecision(12))).replace('.', ',');
}

/**
 * A cell as text for the Vietnamese CSV (format=csv-vi): decimal comma, shares as "81,25%",
 * dates dd/mm/yyyy, booleans Có/Không, empty for NULL. Vietnamese Excel and LibreOffice read
 * these numbers, percentages and dates as such; the machine CSV keeps dots and ISO dates.
 */
export function viCellText(value: CellValue, kind: ColumnKind, share: boolean): string {
  if (value === null) return '';
  if (kind === 'date' && typeof value === 'number') return viDate(value);
  if (kind === 'timestamp' && typeof value === 'number') return `${viDate(value)} ${isoTimestamp(value).slice(11)}`;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'number') return share ? `${viNumber(value * 100)}%` : viNumber(value);
  return value;
}
