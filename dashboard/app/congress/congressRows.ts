/** congresses_catalogue as the reporting service answers it. */
export interface CongressRow extends Record<string, unknown> {
  congress_code: string; name: string; number: string; held_on: number | null; first_year: number; last_year: number;
  provinces: unknown; province_names: unknown; rule: string; form: string; synthetic: boolean; delegations: number | null; seats: number | null;
}

/** A list column (VARCHAR[]) as plain strings: Arrow hands a Vector, JSON an array. */
export function listOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return [value];
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
