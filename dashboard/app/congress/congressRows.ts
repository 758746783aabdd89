import type { RowView } from '../lib/query.ts';

/** congresses_catalogue as the reporting service answers it. */
export type CongressRow = RowView<
  'congresses_catalogue',
  {
    congress_code: string;
    name: string;
    number: string;
    held_on: number | null;
    first_year: number;
    last_year: number;
    provinces: string | null;
    province_names: string | null;
    rule: string;
    form: string;
    synthetic: boolean;
    delegations: number | null;
    seats: number | null;
  }
>;

/** A list column as plain strings: Arrow hands a Vector, JSON an array; a text list ("HY, TB", as
 *  congresses_catalogue sends provinces, since answers carry no list kind) is split at its commas. */
export function listOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string')
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  const v = value as { toArray?: () => ArrayLike<unknown> };
  return typeof v.toArray === 'function' ? Array.from(v.toArray(), String) : [];
}

/**
 * Newest first: the later period, then the later date (a congress not yet dated is the one to
 * come). The first is the page's default.
 */
export function newestFirst(list: CongressRow[]): CongressRow[] {
  const held = (c: CongressRow) => (c.held_on === null ? Infinity : Number(c.held_on));
  return [...list].sort((a, b) => b.last_year - a.last_year || held(b) - held(a) || Number(a.synthetic) - Number(b.synthetic));
}
