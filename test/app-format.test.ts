import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatDate,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatIsoDate,
  formatPercent,
  PERCENT_SPACE,
} from '../dashboard/app/lib/format.ts';

// dashboard/app/lib/format.ts beyond test/format.test.ts: decimals, ISO dates, the time zone at
// the day's edges, and properties over many numbers (the vi-VN writing reads back to the number).

/** "1.234.567" → 1234567, "-1.234,5" → -1234.5: the inverse of the vi-VN writing. */
function readVi(text: string): number {
  return Number(
    text
      .replace(/\u2212/g, '-')
      .replace(/\./g, '')
      .replace(',', '.'),
  );
}

describe('formatInteger', () => {
  it('groups every three digits with a dot and rounds half away from zero', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1000)).toBe('1.000');
    expect(formatInteger(-1234)).toMatch(/^[-−]1\.234$/);
    expect(formatInteger(1234.5)).toBe('1.235');
    expect(formatInteger(1234.4)).toBe('1.234');
    expect(formatInteger(2n ** 40n)).toBe('1.099.511.627.776');
  });

  it('writes any safe integer so that it reads back to itself, digits grouped by three', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const text = formatInteger(n);
        expect(readVi(text)).toBe(n);
        expect(text).toMatch(/^[-−]?\d{1,3}(\.\d{3})*$/);
      }),
    );
  });

  it('writes a bigint as its number', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 50n }), (n) => readVi(formatInteger(n)) === Number(n)));
  });

  it('writes – for a missing value', () => {
    expect(formatInteger(undefined)).toBe('–');
  });
});

describe('formatDecimal', () => {
  it('writes at most two decimals with a decimal comma', () => {
    expect(formatDecimal(9.6)).toBe('9,6');
    expect(formatDecimal(2 / 3)).toBe('0,67');
    expect(formatDecimal(4)).toBe('4');
    expect(formatDecimal(1234.5)).toBe('1.234,5');
    expect(formatDecimal(0.125)).toMatch(/^0,1[23]$/);
  });

  it('writes – for a missing or not-a-number value', () => {
    expect(formatDecimal(null)).toBe('–');
    expect(formatDecimal(undefined)).toBe('–');
    expect(formatDecimal(Number.NaN)).toBe('–');
  });

  it('stays within 0.005 of the number it writes', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), (x) => {
        const text = formatDecimal(x);
        expect(text).toMatch(/^\d{1,3}(\.\d{3})*(,\d{1,2})?$/);
        expect(Math.abs(readVi(text) - x)).toBeLessThanOrEqual(0.005 + 1e-9 + x * 1e-15);
      }),
    );
  });
});

describe('formatPercent', () => {
  it('writes a share with one decimal and a no-break space before %, whatever the share', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (share) => {
        const text = formatPercent(share);
        expect(text.endsWith(`${PERCENT_SPACE}%`)).toBe(true);
        const number = text.slice(0, -2);
        expect(number).toMatch(/^\d{1,3}(\.\d{3})*(,\d)?$/);
        expect(Math.abs(readVi(number) - share * 100)).toBeLessThanOrEqual(0.05 + 1e-9 + share * 1e-12);
      }),
    );
  });

  it('writes 85,3 % for 0.853 and 0,1 % for a thousandth', () => {
    expect(formatPercent(0.853)).toBe(`85,3${PERCENT_SPACE}%`);
    expect(formatPercent(0.001)).toBe(`0,1${PERCENT_SPACE}%`);
  });
});

describe("formatDate and formatDateTime (Asia/Ho_Chi_Minh, whatever the machine's zone)", () => {
  it('writes dd/mm/yyyy with two-digit day and month', () => {
    expect(formatDate(Date.UTC(2025, 0, 5))).toBe('05/01/2025');
    expect(formatDate(new Date(Date.UTC(2024, 1, 29)))).toBe('29/02/2024');
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
  });

  it('counts the day in Hưng Yên time: 17:00 UTC is already the next day', () => {
    expect(formatDate(Date.UTC(2025, 11, 31, 16, 59))).toBe('31/12/2025');
    expect(formatDate(Date.UTC(2025, 11, 31, 17, 0))).toBe('01/01/2026');
    expect(formatDateTime(Date.UTC(2025, 11, 31, 17, 0))).toBe('01/01/2026 00:00');
    expect(formatDateTime('2025-06-30T23:30:00Z')).toBe('01/07/2025 06:30');
  });

  it('writes a DATE column (UTC midnight, as Arrow hands it) as that very day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
        const iso = new Date(midnight).toISOString().slice(0, 10);
        expect(formatDate(midnight)).toBe(formatIsoDate(iso));
      }),
    );
  });

  it('writes hours 00–23 with the minutes, date first', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2050, 0, 1) }), (ms) => {
        const text = formatDateTime(ms);
        const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(text);
        expect(m, text).not.toBeNull();
        const local = new Date(ms + 7 * 3600_000); // Việt Nam has no daylight saving time
        expect(Number(m![1])).toBe(local.getUTCDate());
        expect(Number(m![2])).toBe(local.getUTCMonth() + 1);
        expect(Number(m![3])).toBe(local.getUTCFullYear());
        expect(Number(m![4])).toBe(local.getUTCHours());
        expect(Number(m![5])).toBe(local.getUTCMinutes());
      }),
    );
  });

  it('writes – for nothing and passes text it cannot read through unchanged', () => {
    expect(formatDate('')).toBe('–');
    expect(formatDate(undefined)).toBe('–');
    expect(formatDateTime(null)).toBe('–');
    expect(formatDateTime('')).toBe('–');
    expect(formatDate('chưa có')).toBe('chưa có');
    expect(formatDateTime('chưa có')).toBe('chưa có');
  });
});

describe('formatIsoDate', () => {
  it('reorders YYYY-MM-DD to dd/mm/yyyy without any time zone', () => {
    expect(formatIsoDate('2025-07-01')).toBe('01/07/2025');
    expect(formatIsoDate('2021-12-31')).toBe('31/12/2021');
  });

  it('leaves anything else as it is, and writes – for nothing', () => {
    expect(formatIsoDate('1/7/2025')).toBe('1/7/2025');
    expect(formatIsoDate('2025-07-01T00:00:00Z')).toBe('2025-07-01T00:00:00Z');
    expect(formatIsoDate('')).toBe('–');
    expect(formatIsoDate(null)).toBe('–');
    expect(formatIsoDate(undefined)).toBe('–');
  });

  it('is the same day formatDate writes for that date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-');
        expect(formatIsoDate(iso)).toBe(`${day}/${m}/${y}`);
      }),
    );
  });
});

describe('what a formatter cannot write as a number or a date', () => {
  it('writes – for NaN, as formatDecimal and formatPercent do', () => {
    expect(formatInteger(NaN)).toBe('–');
    expect(formatDecimal(NaN)).toBe('–');
    expect(formatPercent(NaN)).toBe('–');
  });

  it('never writes a negative zero for a value that rounds to zero', () => {
    expect(formatDecimal(-0.004)).toBe('0');
    expect(formatPercent(-0.00001)).toBe(`0${PERCENT_SPACE}%`);
    expect(formatInteger(-0.4)).toBe('0');
    expect(formatDecimal(-0)).toBe('0');
    expect(formatDecimal(-1.5)).toMatch(/^[-−]1,5$/);
    expect(formatPercent(-0.5)).toMatch(new RegExp(`^[-−]50${PERCENT_SPACE}%$`));
  });

  it('writes – for an invalid Date or a NaN time, not "Invalid Date"', () => {
    expect(formatDate(new Date(NaN))).toBe('–');
    expect(formatDate(NaN)).toBe('–');
    expect(formatDateTime(new Date(NaN))).toBe('–');
  });
});
