// Property tests of the text normaliser (hostile input: docs/architecture.md#security): random Unicode with NFD
// Vietnamese, bidi marks, zero-width characters and whitespace of every kind. Fixed seed,
// bounded runs: the same inputs on every run.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanText, foldKey } from '../ingest/text/normalise.ts';

const SEED = 20250707;
const RUNS = 3000;

/** Characters clerks' files really carry, and the ones an attacker would add. */
const TRICKY = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u061C',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u00A0',
  '\u2007',
  '\u202F',
  '\u3000',
  '\u0085',
  '\t',
  '\r\n',
  '\n',
  ' ',
  '\u0300',
  '\u0301',
  '\u0303',
  '\u0309',
  '\u0323',
  '\u0306',
  '\u0302',
  '\u031B', // Vietnamese tone and vowel marks, combining
  'đ',
  'Đ',
  'ư',
  'ơ',
  'Ư',
  'Ơ',
  'ă',
  'â',
  'ê',
  'ô',
  'İ',
  'ß',
  'ﬁ',
  'Ω',
  'K', // Ω, K: ohm and Kelvin signs
  'a',
  'e',
  'o',
  'u',
  'y',
  'A',
  'N',
  '1',
  '-',
  '/',
  '"',
  "'",
  '<',
  '=',
  'א',
  'ب',
  '😀',
  '\u0000',
];
const vietnamese = fc.constantFrom(
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Đoàn Thanh niên xã Dạ Trạch',
  'Hộ ông Lê Văn Hải',
  'Trường THCS Lê Quý Đôn',
);
/** Real names, NFC or NFD, with tricky characters spliced in, plus arbitrary Unicode. */
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 40 }).map((a) => a.join('')),
  fc
    .tuple(vietnamese, fc.boolean(), fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...TRICKY)), { maxLength: 8 }))
    .map(([name, nfd, inserts]) => {
      let s = nfd ? name.normalize('NFD') : name;
      for (const [at, ch] of inserts) s = s.slice(0, at % (s.length + 1)) + ch + s.slice(at % (s.length + 1));
      return s;
    }),
);

const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u061C]/u;
const params = { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 20_000 };

describe('cleanText on random Unicode', () => {
  it('is idempotent, NFC, free of invisibles and of untidy whitespace', () => {
    fc.assert(
      fc.property(text, (s) => {
        const c = cleanText(s);
        expect(cleanText(c)).toBe(c);
        expect(c.normalize('NFC')).toBe(c);
        expect(c).not.toMatch(INVISIBLE);
        expect(c).not.toMatch(/[\s\u0085]{2}|^[\s\u0085]|[\s\u0085]$|[\t\n\r\u00A0\u0085\u3000]/u);
      }),
      params,
    );
  });

  it('treats NFD and NFC spellings of a name the same', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(cleanText(s.normalize('NFD'))).toBe(cleanText(s.normalize('NFC')));
      }),
      params,
    );
  });

  it('removes a zero-width space that sits between a letter and its tone mark (was left non-NFC)', () => {
    const c = cleanText('Nguye\u200B\u0302\u0303n');
    expect(c).toBe('Nguyễn');
    expect(c.normalize('NFC')).toBe(c);
  });
});

describe('foldKey on random Unicode', () => {
  it('gives only [a-z0-9 ] words, is idempotent, and ignores cleanText', () => {
    fc.assert(
      fc.property(text, (s) => {
        const k = foldKey(s);
        expect(k).toMatch(/^[a-z0-9 ]*$/);
        expect(k).not.toMatch(/ {2}|^ | $/);
        expect(foldKey(k)).toBe(k);
        expect(foldKey(cleanText(s))).toBe(k);
        expect(foldKey(s.normalize('NFD'))).toBe(k);
      }),
      params,
    );
  });

  it('folds a Vietnamese name with marks, case and invisibles to the plain key', () => {
    expect(foldKey('\u202BNGUYỄN\u200B  Văn\u2066 An\u2069'.normalize('NFD'))).toBe('nguyen van an');
  });
});
