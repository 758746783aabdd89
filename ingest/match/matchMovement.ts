import { distance } from 'fastest-levenshtein';
import { MOVEMENTS, type Movement } from '../catalogue/movements.ts';
import { foldKey } from '../text/normalise.ts';

export type MovementMatch =
  | { ok: true; no: number; how: 'number' | 'name' | 'partial' | 'similar' }
  | { ok: false; candidates: { no: number; name: string; score: number }[] };

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

const CANDIDATES: Candidate[] = MOVEMENTS.flatMap((m: Movement) =>
  [m.name, m.shortName, ...m.parts].map((text) => ({ no: m.no, key: stripPrefixes(foldKey(text)) })),
);
const EXACT = new Map(CANDIDATES.map((c) => [c.key, c.no]));

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

/** Matches what a clerk typed in the movement column to one of the plan's 20 movements. */
export function matchMovement(raw: string): MovementMatch {
  const folded = foldKey(raw).replace(/^pt(\d)/, 'pt $1');
  const variants = prefixVariants(folded);
  const key = variants.at(-1)!;
  const numbered = /^(\d{1,2})(?: |$)/.exec(key);
  if (numbered) {
    const no = Number(numbered[1]);
    if (no >= 1 && no <= 20) return { ok: true, no, how: 'number' };
  }
  for (const v of variants) {
    const exact = EXACT.get(v);
    if (exact !== undefined) return { ok: true, no: exact, how: 'name' };
  }

  // A shortened name: the typed words appear whole inside exactly one movement's name;
  // inside several ("nông thôn mới": 4 and 13) it is ambiguous and goes to the clerk.
  const containing = new Set(CANDIDATES.filter((c) => ` ${c.key} `.includes(` ${key} `)).map((c) => c.no));
  if (containing.size === 1 && key.split(' ').length >= 3) return { ok: true, no: [...containing][0]!, how: 'partial' };
  if (containing.size > 1) {
    return { ok: false, candidates: [...containing].slice(0, 3).map((no) => ({ no, name: MOVEMENTS.find((m) => m.no === no)!.name, score: 1 })) };
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
  if (first && first[1] >= MIN_SIMILARITY && (!second || first[1] - second[1] >= MIN_LEAD)) return { ok: true, no: first[0], how: 'similar' };
  return {
    ok: false,
    candidates: ranked.slice(0, 3).map(([no, score]) => ({ no, name: MOVEMENTS.find((m) => m.no === no)!.name, score: Math.round(score * 100) / 100 })),
  };
}
