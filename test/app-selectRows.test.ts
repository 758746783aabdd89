import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tableFromArrays } from 'apache-arrow';
import { nonZeroRows, selectRows } from '../dashboard/app/lib/selectRows.ts';

// dashboard/app/lib/selectRows.ts: the row filter Arrow JS lacks (the report's top-15 figure, the
// targets chart without empty movements).

const agencies = () =>
  tableFromArrays({
    agency_code: ['SYT', 'SNV', 'SGDDT', 'SLDTBXH'],
    agency_name: ['Sở Y tế', 'Sở Nội vụ', 'Sở Giáo dục và Đào tạo', 'Sở Lao động - Thương binh và Xã hội'],
    recognitions: Int32Array.from([19, 2, 0, 3]),
    target: [10, 2, null, 4],
    has_plan: [true, true, false, true],
  });

describe('selectRows', () => {
  it('keeps the chosen rows in their order, with every column and its values', () => {
    const t = agencies();
    const kept = selectRows(t, (i) => i === 1 || i === 3);
    expect(kept.numRows).toBe(2);
    expect(kept.schema.fields.map((f) => f.name)).toEqual(['agency_code', 'agency_name', 'recognitions', 'target', 'has_plan']);
    expect(kept.toArray().map((r) => r.toJSON())).toEqual([
      { agency_code: 'SNV', agency_name: 'Sở Nội vụ', recognitions: 2, target: 2, has_plan: true },
      { agency_code: 'SLDTBXH', agency_name: 'Sở Lao động - Thương binh và Xã hội', recognitions: 3, target: 4, has_plan: true },
    ]);
  });

  it('keeps a null as null', () => {
    const kept = selectRows(agencies(), (i) => i === 2);
    expect(kept.getChild('target')?.get(0)).toBeNull();
    expect(kept.getChild('has_plan')?.get(0)).toBe(false);
  });

  it('returns the very table when every row is kept, and an empty table with the columns when none is', () => {
    const t = agencies();
    expect(selectRows(t, () => true)).toBe(t);
    const none = selectRows(t, () => false);
    expect(none.numRows).toBe(0);
    expect(none.schema.fields.map((f) => f.name)).toContain('agency_name');
  });

  it('keeps exactly the rows the predicate holds for (any predicate)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -1000, max: 1000 }),
        (values, cut) => {
          const t = tableFromArrays({ v: Int32Array.from(values), label: values.map((v) => `r${v}`) });
          const kept = selectRows(t, (i) => values[i]! > cut);
          const expected = values.filter((v) => v > cut);
          expect(kept.numRows).toBe(expected.length);
          expect(Array.from({ length: kept.numRows }, (_, i) => Number(kept.getChild('v')?.get(i)))).toEqual(expected);
          expect(Array.from({ length: kept.numRows }, (_, i) => kept.getChild('label')?.get(i))).toEqual(expected.map((v) => `r${v}`));
        },
      ),
    );
  });
});

describe('nonZeroRows', () => {
  it('drops rows where none of the columns is positive', () => {
    const kept = nonZeroRows(agencies(), 'recognitions');
    expect(Array.from({ length: kept.numRows }, (_, i) => kept.getChild('agency_code')?.get(i))).toEqual(['SYT', 'SNV', 'SLDTBXH']);
  });

  it('keeps a row when any one column is positive; a null counts as zero', () => {
    const t = tableFromArrays({ code: ['a', 'b', 'c', 'd'], target: [null, 5, 0, null], exemplars: [0, 0, 2, null] });
    const kept = nonZeroRows(t, 'target', 'exemplars');
    expect(Array.from({ length: kept.numRows }, (_, i) => kept.getChild('code')?.get(i))).toEqual(['b', 'c']);
  });

  it('keeps nothing when asked about a column the table does not have', () => {
    expect(nonZeroRows(agencies(), 'no_such_column').numRows).toBe(0);
  });
});
