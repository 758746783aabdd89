// Plans are data (docs/plans-and-organisation.md): no plan year or movement number is written as a literal in ingest/, queries/ or
// dashboard/ (outside the catalogue files and the tests): periods and movements come from the
// registered plans in the database. Comments may cite dates and decrees; code may not.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const FOLDERS = ['ingest', 'queries', 'dashboard'];
const CODE = /\.(ts|svelte|sql)$/;

/** Migrations already applied somewhere are history: 005 removed the CHECKs that named Plan 90's period. */
const HISTORY = /ingest\/store\/migrations\/00[1-4]_/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return CODE.test(name) && !HISTORY.test(path) ? [path] : [];
  });
}

/** The text without comments (//, /* *\/, <!-- -->, SQL --), line numbers kept. */
function withoutComments(text: string, path: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  let code = text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/<!--[\s\S]*?-->/g, blank);
  code = code.replace(/(^|[^:'"`\\])\/\/.*$/gm, (m, p: string) => p + blank(m.slice(p.length)));
  if (path.endsWith('.sql')) code = code.replace(/--.*$/gm, blank);
  return code;
}

/** What a plan year or a movement number written into code looks like. */
const RULES: { name: string; pattern: RegExp }[] = [
  // A year of a plan period (2019–2035), not part of a longer number or of a dd/mm/yyyy example.
  { name: 'plan year', pattern: /(?<![\d/.,{x-])20(19|2\d|3[0-5])(?![\d/}])/ },
  {
    name: 'movement number',
    pattern: /movement(_no)?\s*(===?|!==?|<>|<=?|>=?)\s*([2-9]|\d\d)|\bno\s*(<=|>=|<|>)\s*([2-9]|\d\d)\b|\[1\.\.\d+\]|\b1[–-]20\b/,
  },
];

describe('no plan year or movement number in code', () => {
  const sources = FOLDERS.flatMap((f) => files(join(ROOT, f)));

  it('finds the code to check', () => {
    expect(sources.length).toBeGreaterThan(100);
  });

  for (const { name, pattern } of RULES) {
    it(`has no ${name} literal in ${FOLDERS.join(', ')}`, () => {
      const hits: string[] = [];
      for (const path of sources) {
        const lines = withoutComments(readFileSync(path, 'utf8'), path).split('\n');
        lines.forEach((line, i) => {
          const m = pattern.exec(line);
          if (m) hits.push(`${relative(ROOT, path)}:${i + 1}: ${line.trim().slice(0, 140)}`);
        });
      }
      expect(hits).toEqual([]);
    });
  }
});
