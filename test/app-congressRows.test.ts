import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Field, List, vectorFromArray, Utf8 } from 'apache-arrow';
import { listOf, newestFirst, type CongressRow } from '../dashboard/app/congress/congressRows.ts';

// dashboard/app/congress/congressRows.ts: the congress list of the congress page.

function congress(code: string, last_year: number, held_on: number | null, synthetic = false): CongressRow {
  return {
    congress_code: code,
    name: `Đại hội ${code}`,
    number: code,
    held_on,
    first_year: last_year - 4,
    last_year,
    provinces: 'HY',
    province_names: 'Hưng Yên',
    rule: 'times_desc',
    form: 'cong_nhan_dhtt',
    synthetic,
    delegations: null,
    seats: null,
  };
}

describe('listOf', () => {
  it('reads a JSON array, a single string and nothing', () => {
    expect(listOf(['HY', 'TB'])).toEqual(['HY', 'TB']);
    expect(listOf([1, 2])).toEqual(['1', '2']);
    expect(listOf('HY')).toEqual(['HY']);
    expect(listOf(null)).toEqual([]);
    expect(listOf(undefined)).toEqual([]);
  });

  it('splits a text list at its commas: congresses_catalogue sends provinces as "HY, TB"', () => {
    expect(listOf('HY, TB')).toEqual(['HY', 'TB']);
    expect(listOf('Hưng Yên, Thái Bình')).toEqual(['Hưng Yên', 'Thái Bình']);
    expect(listOf('HY,TB')).toEqual(['HY', 'TB']);
    expect(listOf('')).toEqual([]);
    expect(listOf('HY, TB').includes('TB')).toBe(true);
  });

  it('reads an Arrow list cell (a Vector) as its strings', () => {
    const vector = vectorFromArray(['Hưng Yên', 'Thái Bình'], new Utf8());
    expect(listOf(vector)).toEqual(['Hưng Yên', 'Thái Bình']);
  });

  it('reads each cell of an Arrow VARCHAR[] column, and nothing from a value it does not know', () => {
    const column = vectorFromArray([['HY', 'TB'], ['HY'], []], new List(new Field('item', new Utf8(), true)));
    expect(listOf(column.get(0))).toEqual(['HY', 'TB']);
    expect(listOf(column.get(1))).toEqual(['HY']);
    expect(listOf(column.get(2))).toEqual([]);
    expect(listOf({ provinces: 'HY' })).toEqual([]);
    expect(listOf(42)).toEqual([]);
  });
});

describe('newestFirst', () => {
  it('puts the later period first, then the later date; a congress not yet dated is the one to come', () => {
    const list = [
      congress('HY-IX', 2020, Date.UTC(2020, 5, 10)),
      congress('HY-X', 2025, Date.UTC(2025, 5, 10)),
      congress('HY-XI', 2030, null),
      congress('HY-X-bis', 2025, Date.UTC(2025, 8, 1)),
    ];
    expect(newestFirst(list).map((c) => c.congress_code)).toEqual(['HY-XI', 'HY-X-bis', 'HY-X', 'HY-IX']);
  });

  it('puts a real congress before a synthetic one of the same period and date', () => {
    const list = [congress('DEMO', 2025, Date.UTC(2025, 5, 10), true), congress('HY-X', 2025, Date.UTC(2025, 5, 10))];
    expect(newestFirst(list).map((c) => c.congress_code)).toEqual(['HY-X', 'DEMO']);
  });

  it('leaves the list it is given untouched', () => {
    const list = [congress('A', 2020, null), congress('B', 2025, null)];
    newestFirst(list);
    expect(list.map((c) => c.congress_code)).toEqual(['A', 'B']);
  });

  it('orders any list by period, never putting an older period first', () => {
    const entry = fc.record({
      last_year: fc.integer({ min: 2000, max: 2040 }),
      held_on: fc.option(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) })),
      synthetic: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
        const sorted = newestFirst(entries.map((e, i) => congress(`C${i}`, e.last_year, e.held_on, e.synthetic)));
        expect(sorted).toHaveLength(entries.length);
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          expect(a.last_year).toBeGreaterThanOrEqual(b.last_year);
          if (a.last_year === b.last_year && b.held_on === null) expect(a.held_on).toBeNull();
        }
      }),
    );
  });
});
