import { distance } from 'fastest-levenshtein';
import { foldKey } from '../text/normalise.ts';

/**
 * `no` is the movement's key (movements.no); `number` its number within its plan, which is
 * what clerks type ("PT 3").
 */
export type MovementMatch =
  | { ok: true; no: number; number: number; how: 'number' | 'name' | 'partial' | 'similar' }
  | { ok: false; candidates: { no: number; number: number; name: string; score: number }[] };

/** A registered plan's movement, as matching needs it (loadMovements.ts reads them). */
export interface CatalogueMovement {
  key: number;
  planCode: string;
  number: number;
  name: string;
  shortName: string;
  parts: string[];
  aliases: string[];
  /** Recognises households (Plan 90: movement 8 only). */
  households: boolean;
}

/**
 * Words clerks put before a movement's name; the plan itself writes "Diễn hình" for
 * "Điển hình", which folds to the same key. Longest first so the longest prefix goes.
 */
const PREFIXES = [
  'dien hinh tien tien trong phong trao thi dua',
  'dien hinh tien tien trong phong trao',
  'dien hinh trong phong trao thi dua',
  'dien hinh trong phong trao',
  'phong trao thi dua',
  'phong trao',
  'cuoc van dong',
  'pttd',
  'pt',
  'so',
];

/** Accept a similar name only above this similarity and clearly ahead of the next movement. */
const MIN_SIMILARITY = 0.8;
const MIN_LEAD = 0.08;

interface Candidate {
  no: number;
  key: string;
}

interface Matcher {
  movements: CatalogueMovement[];
  candidates: Candidate[];
  exact: Map<string, number>;
}

function matcherOf(movements: CatalogueMovement[]): Matcher {
  const candidates = movements.flatMap((m) =>
    [m.name, m.shortName, ...m.parts, ...m.aliases].map((text) => ({ no: m.key, key: stripPrefixes(foldKey(text)) })),
  );
  const exact = new Map<string, number>();
  for (const c of candidates) if (!exact.has(c.key)) exact.set(c.key, c.no);
  return { movements, candidates, exact };
}

/**
 * The registered movements: the database is their source (loadMovements.ts refreshes this at
 * every upload, so a plan registered a moment ago is matched without a restart).
 */
let everyPlan: Matcher = matcherOf([]);
const byPlan = new Map<string, Matcher>();

export function useMovements(movements: CatalogueMovement[]): void {
  everyPlan = matcherOf(movements);
  byPlan.clear();
  for (const code of new Set(movements.map((m) => m.planCode))) byPlan.set(code, matcherOf(movements.filter((m) => m.planCode === code)));
}

/** The movements of one plan (all registered plans without one). */
export function movementsOf(planCode?: string): CatalogueMovement[] {
  return (planCode === undefined ? everyPlan : (byPlan.get(planCode) ?? matcherOf([]))).movements;
}

/** The key after each prefix removed ("thi dua" may be a prefix or a movement's own words). */
function prefixVariants(key: string): string[] {
  const variants = [key];
  let k = key;
  for (let changed = true; changed; ) {
    changed = false;
    const matching = PREFIXES.filter((p) => k.startsWith(`${p} `));
    for (const p of matching.slice(1)) variants.push(k.slice(p.length).trim());
    if (matching[0]) {
      k = k.slice(matching[0].length).trim();
      variants.push(k);
      changed = true;
    }
  }
  return [...variants.slice(0, -1).filter((v) => v !== k), k];
}

function stripPrefixes(key: string): string {
  return prefixVariants(key).at(-1)!;
}

function similarity(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  return len === 0 ? 0 : 1 - distance(a, b) / len;
}

/**
 * Matches what a clerk typed in the movement column to one of a plan's movements (without a
 * plan: to any registered movement, which is enough to tell that a column holds movements).
 */
export function matchMovement(raw: string, planCode?: string): MovementMatch {
  const { movements, candidates: CANDIDATES, exact: EXACT } = planCode === undefined ? everyPlan : (byPlan.get(planCode) ?? matcherOf([]));
  const named = (no: number) => movements.find((m) => m.key === no)!;
  const folded = foldKey(raw).replace(/^pt(\d)/, 'pt $1');
  const variants = prefixVariants(folded);
  const key = variants.at(-1)!;
  const numbered = /^(\d{1,2})(?: |$)/.exec(key);
  if (numbered) {
    const byNumber = movements.find((m) => m.number === Number(numbered[1]));
    if (byNumber) return { ok: true, no: byNumber.key, number: byNumber.number, how: 'number' };
  }
  for (const v of variants) {
    const exact = EXACT.get(v);
    if (exact !== undefined) return { ok: true, no: exact, number: named(exact).number, how: 'name' };
  }

  // A shortened name: the typed words appear whole inside exactly one movement's name;
  // inside several ("nông thôn mới": 4 and 13) it is ambiguous and goes to the clerk.
  const containing = new Set(CANDIDATES.filter((c) => ` ${c.key} `.includes(` ${key} `)).map((c) => c.no));
  if (containing.size === 1 && key.split(' ').length >= 3) {
    const no = [...containing][0]!;
    return { ok: true, no, number: named(no).number, how: 'partial' };
  }
  if (containing.size > 1) {
    return {
      ok: false,
      candidates: [...containing].slice(0, 3).map((no) => ({ no, number: named(no).number, name: named(no).name, score: 1 })),
    };
  }

  // Typos: compare with each name, and with its beginning as long as what was typed.
  const best = new Map<number, number>();
  for (const c of CANDIDATES) {
    const whole = Math.max(...variants.map((v) => similarity(v, c.key)));
    const prefix = key.length >= 12 && c.key.length > key.length ? similarity(key, c.key.slice(0, key.length)) - 0.02 : 0;
    best.set(c.no, Math.max(best.get(c.no) ?? 0, whole, prefix));
  }
  const ranked = [...best.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (first && first[1] >= MIN_SIMILARITY && (!second || first[1] - second[1] >= MIN_LEAD))
    return { ok: true, no: first[0], number: named(first[0]).number, how: 'similar' };
  return {
    ok: false,
    candidates: ranked
      .slice(0, 3)
      .map(([no, score]) => ({ no, number: named(no).number, name: named(no).name, score: Math.round(score * 100) / 100 })),
  };
}
