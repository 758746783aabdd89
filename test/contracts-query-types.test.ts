import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_PATH, readQueryTypes, renderQueryTypes, type QueryTypes } from '../contracts/generateQueryTypes.ts';
import { loadQueryCatalog } from '../dashboard/server/loadQueryCatalog.ts';
import { QUERY_NAMES } from '../contracts/queries.generated.ts';

// contracts/queries.generated.ts types the app's query access (issue 15 §1): it must never be
// stale, or a page could read a column its query no longer has and still compile.
const catalog = loadQueryCatalog();

describe('contracts/queries.generated.ts', () => {
  let types: QueryTypes[];
  beforeAll(async () => {
    types = await readQueryTypes(catalog);
  });

  it('is what the generator writes from queries/*.sql today (regenerate: npx tsx contracts/generateQueryTypes.ts)', () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(renderQueryTypes(types));
  });

  it('names every query file, and every query declares at least one @column', () => {
    expect([...QUERY_NAMES]).toEqual([...catalog.keys()]);
    for (const def of catalog.values()) expect(def.columns.length, `${def.name}.sql has no @column`).toBeGreaterThan(0);
  });

  it('types a column by what the browser decodes: numbers for counts, shares and dates, never a BigInt', () => {
    const headline = types.find((q) => q.name === 'overview_headline')!;
    expect(headline.columns.find((c) => c.name === 'recognitions')?.kind).toBe('integer');
    expect(headline.columns.find((c) => c.name === 'share_achieved')?.kind).toBe('double');
    const text = renderQueryTypes(types);
    expect(text).not.toMatch(/: bigint\b/);
    expect(text).toContain("    submitted_on: 'date';");
    expect(text).toMatch(/ {4}exemplar_id: number;\n/); // exemplar_detail's required parameter
    expect(text).toMatch(/ {4}kind\?: 'tap_the' \| 'ca_nhan' \| 'ho_gia_dinh' \| null;\n/);
  });
});
