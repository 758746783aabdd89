/**
 * Decision dates as typed: ISO "2023-06-05", day first "5/6/2023", "05-06-2023",
 * "05.06.2023", or an Excel serial day number that reached us as text. Returns an ISO date,
 * or null for a date that cannot exist (31/02/2023) or cannot be read.
 */
export function parseDecisionDate(raw: string): string | null {
  const s = raw.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if (/^\d{5}(\.0+)?$/.test(s)) {
    const serial = Number(s);
    if (serial < 20000 || serial > 80000) return null;
    // Excel's day 0 is 1899-12-30 once its 1900 leap-year bug is accounted for.
    return new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
  } else return null;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
