// vi-VN formats: "1.234" thousands, "12,5 %" shares, "11/06/2024" dates, Asia/Ho_Chi_Minh time.
// Intl's vi-VN percent writes "12,5%"; Vietnamese documents (and TCVN practice) put a space
// before %, kept on the same line as the number: a no-break space (U+00A0, which Times New Roman
// and every Office font have; the narrow U+202F falls back to another font in older Word).
export const PERCENT_SPACE = '\u00A0';
// signDisplay 'negative': a value that rounds to zero (-0,004) is written "0", never "-0".
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0, signDisplay: 'negative' });
const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'negative' });
const date = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
const dateTime = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});

export function formatInteger(n: number | bigint | null | undefined): string {
  if (n === null || n === undefined || (typeof n === 'number' && Number.isNaN(n))) return '–';
  return integer.format(typeof n === 'bigint' ? Number(n) : n);
}

const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2, signDisplay: 'negative' });
/** "9,6", "0,67": an average or a pro-rated target. */
export function formatDecimal(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return decimal.format(n);
}

/** share is a fraction (0.125 → "12,5 %"). */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '–';
  return percent.format(share).replace(/\s*%/, `${PERCENT_SPACE}%`);
}

function toDate(value: string | number | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

/** A date that cannot be read: text as it came (someone wrote it), an invalid Date or NaN as '–' (not "Invalid Date"). */
function unreadable(value: string | number | Date): string {
  return typeof value === 'string' ? value : '–';
}

export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const d = toDate(value);
  return Number.isNaN(d.getTime()) ? unreadable(value) : date.format(d);
}

export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const d = toDate(value);
  if (Number.isNaN(d.getTime())) return unreadable(value);
  // "27/11/2026 15:13": the date first, as Vietnamese documents write it.
  const parts = Object.fromEntries(dateTime.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** "2025-07-01" (a date without a time, as the service takes it) → "01/07/2025", no time zone involved. */
export function formatIsoDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || '–';
}
