import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, queryRows, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';

let db: Database;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hy-isblank-'));
  db = await openDatabase(join(dir, 'x.duckdb'));
  await migrate(db.connection);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

// Blank-looking characters: DuckDB trim's space separators, and others it keeps (tab, ZWSP, U+180E…).
const PIECES = [
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u202f',
  '\u205f',
  '\u3000',
  '\t',
  '\n',
  '\r',
  '\u200b',
  '\u180e',
  '\ufeff',
  'a',
  'Đ',
  '1',
  '"',
];

describe("is_blank(s) (migration 004) equals coalesce(trim(s), '') = ''", () => {
  it('on every BMP character alone and padded, on mixes of blank-looking characters, and on NULL', async () => {
    const samples: (string | null)[] = [null, ''];
    for (let cp = 1; cp < 0x10000; cp++)
      if (cp < 0xd800 || cp > 0xdfff) samples.push(String.fromCharCode(cp), ` ${String.fromCharCode(cp)} `);
    samples.push(
      ...fc.sample(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((cs) => cs.join('')),
        { numRuns: 2000, seed: 7 },
      ),
    );
    await db.connection.run('CREATE OR REPLACE TEMP TABLE s (i INTEGER, v VARCHAR)');
    const appender = await db.connection.createAppender('s', 'main', 'temp');
    samples.forEach((v, i) => {
      appender.appendInteger(i);
      if (v === null) appender.appendNull();
      else appender.appendVarchar(v);
      appender.endRow();
    });
    appender.closeSync();
    const rows = await queryRows(
      db.connection,
      "SELECT i FROM s WHERE is_blank(v) IS DISTINCT FROM (coalesce(trim(v), '') = '') ORDER BY i",
    );
    expect(rows.map((r) => JSON.stringify(samples[Number(r.i)]))).toEqual([]);
    const [blanks] = await queryRows(db.connection, 'SELECT count(*)::INTEGER AS n FROM s WHERE is_blank(v)');
    expect(Number(blanks?.n)).toBeGreaterThan(20); // the comparison saw blanks, not only text
  });
});
