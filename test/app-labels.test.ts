import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { labelFrom } from '../dashboard/app/lib/labels.ts';

// dashboard/app/lib/labels.ts: chart ticks read a label column keyed by a code column.

const byMovement = tableFromArrays({
  movement_no: Int32Array.from([1, 3, 8]),
  short_name: ['Học tập và làm theo Bác', 'Y tế', 'Không còn đói nghèo'],
});

describe('labelFrom', () => {
  it('maps each code to the label of its row', () => {
    const label = labelFrom(byMovement, 'movement_no', 'short_name');
    expect(label(1)).toBe('Học tập và làm theo Bác');
    expect(label(3)).toBe('Y tế');
    expect(label(8)).toBe('Không còn đói nghèo');
  });

  it('puts the code before the label when asked', () => {
    expect(labelFrom(byMovement, 'movement_no', 'short_name', true)(3)).toBe('3. Y tế');
  });

  it('falls back to the code itself for a code the table does not hold', () => {
    expect(labelFrom(byMovement, 'movement_no', 'short_name')(15)).toBe('15');
    expect(labelFrom(byMovement, 'movement_no', 'short_name', true)(15)).toBe('15. 15');
  });

  it('matches codes by value and type: a string "3" is not the number 3', () => {
    expect(labelFrom(byMovement, 'movement_no', 'short_name')('3')).toBe('3');
  });

  it('works on text codes, and on missing columns by writing the code', () => {
    const agencies = tableFromArrays({ agency_code: ['SYT', 'SNV'], agency_name: ['Sở Y tế', 'Sở Nội vụ'] });
    expect(labelFrom(agencies, 'agency_code', 'agency_name')('SNV')).toBe('Sở Nội vụ');
    expect(labelFrom(agencies, 'agency_code', 'no_such_column')('SNV')).toBe('SNV');
  });
});
