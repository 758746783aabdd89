import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatInteger, formatPercent, PERCENT_SPACE } from '../dashboard/app/lib/format.ts';

// dashboard/app/lib/format.ts: the vi-VN way of writing numbers, shares and dates, as a Vietnamese reader expects them.
describe('formatPercent', () => {
  it('writes a share as "85,3 %": decimal comma, a no-break space before %', () => {
    expect(formatPercent(0.853)).toBe('85,3\u00A0%');
    expect(PERCENT_SPACE).toBe('\u00A0');
    expect(formatPercent(0.7111)).toBe('71,1\u00A0%');
    expect(formatPercent(1)).toBe('100\u00A0%');
    expect(formatPercent(0)).toBe('0\u00A0%');
    expect(formatPercent(1.2345)).toBe('123,5\u00A0%');
  });

  it('keeps the sign and the thousands separator', () => {
    expect(formatPercent(-0.05)).toMatch(/^[-−]5\u00A0%$/);
    expect(formatPercent(12.5)).toBe('1.250\u00A0%');
  });

  it('never breaks a line between the number and %', () => {
    expect(formatPercent(0.853)).not.toMatch(/[ \t\n]/);
  });

  it('writes – for a missing share', () => {
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(undefined)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatInteger and dates', () => {
  it('groups thousands with a dot', () => {
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatInteger(12n)).toBe('12');
    expect(formatInteger(null)).toBe('–');
  });

  it('writes dates day first, in Hưng Yên time', () => {
    expect(formatDate(Date.UTC(2021, 7, 31))).toBe('31/08/2021');
    expect(formatDateTime(Date.UTC(2026, 10, 27, 8, 13))).toBe('27/11/2026 15:13');
    expect(formatDate(null)).toBe('–');
  });
});
