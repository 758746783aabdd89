import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, queryRows, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { cleanText, foldKey } from '../ingest/text/normalise.ts';

let db: Database;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hy-sqltext-'));
  db = await openDatabase(join(dir, 'x.duckdb'));
  await migrate(db.connection);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const VIET = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạấầẩẫậđéèẻẽẹệơớờởỡợưứừửữự0123456789,.-/"\'();\t\u00a0\u200b\u0301\u0323  '];

describe('clean_text and fold_key_fast (SQL) agree with cleanText and foldKey (JS)', () => {
  it('on Vietnamese text with NFD marks, invisibles, NBSP and punctuation', async () => {
    const samples = fc.sample(
      fc.array(fc.constantFrom(...VIET), { maxLength: 30 }).map((cs) => cs.join('')),
      { numRuns: 300, seed: 42 },
    );
    samples.push(
      'Nguye\u200b\u0302\u0303n Văn\u2066 Hùng',
      '  Nguyễn\u00a0\u00a0Văn  Hùng ',
      'Phạm Thị Hồng'.normalize('NFD'),
      'Sở Y tế – Hưng Yên',
      '',
      'a\u200bb',
    );
    await db.connection.run('CREATE OR REPLACE TEMP TABLE s (i INTEGER, v VARCHAR)');
    const appender = await db.connection.createAppender('s', 'main', 'temp');
    samples.forEach((v, i) => {
      appender.appendInteger(i);
      appender.appendVarchar(v);
      appender.endRow();
    });
    appender.closeSync();
    const rows = await queryRows(db.connection, 'SELECT i, clean_text(v) AS c, fold_key_fast(clean_text(v)) AS k FROM s ORDER BY i');
    for (const r of rows) {
      const v = samples[Number(r.i)]!;
      expect(r.c, JSON.stringify(v)).toBe(cleanText(v));
      expect(r.k, JSON.stringify(v)).toBe(foldKey(cleanText(v)));
    }
  });
});
