// Identity of an exemplar across uploads and inside one file: agency + kind + the clean name
// and unit compared case-insensitively, diacritics kept (Vietnamese names differ by them),
// or the same explicit code. Names that differ only in diacritics are listed for review.
import { describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { harnessPerTest, csv, HEADER, type Harness } from './ingest-helpers.ts';

const h = harnessPerTest();
const row = (name: string, unit: string, year = '2023', form = '') => ['', name, 'Cá nhân', unit, '15', year, '1/QĐ', '5/6/' + year, form];
const HEADER_FORM = [...HEADER, 'Hình thức'];
const names = (x: Harness) => queryRows(x.db.connection, 'SELECT name, unit, name_key FROM exemplars ORDER BY name, unit');
type Near = { row: number; reason: string; otherRow: number | null; existing: { name: string } | null; other: { name: string } };
const nearOf = (body: { nearMatches: Near[] }) =>
  body.nearMatches.map((n) => [n.row, n.reason, n.otherRow, n.existing?.name ?? null, n.other.name]);

describe('ingest: exemplar identity', () => {
  it('keeps "Nguyễn Văn Hùng" and "Nguyễn Văn Hưng" of one unit as two exemplars, listed as a near-match (in one file)', async () => {
    const x = await h();
    const res = await x.upload({
      name: '2023.csv',
      bytes: csv([HEADER_FORM, row('Nguyễn Văn Hùng', 'Trường A'), row('Nguyễn Văn Hưng', 'Trường A')]),
    });
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ accepted: 2, duplicates: 0, newExemplars: 2, nearMatches: 1 });
    expect(nearOf(res.body)).toEqual([[3, 'same_key_other_spelling', 2, null, 'Nguyễn Văn Hùng']]);
    expect(await names(x)).toEqual([
      { name: 'Nguyễn Văn Hùng', unit: 'Trường A', name_key: 'nguyen van hung' },
      { name: 'Nguyễn Văn Hưng', unit: 'Trường A', name_key: 'nguyen van hung' },
    ]);
  });

  it('keeps "Nguyễn Văn Lam" apart from an existing "Nguyễn Văn Lâm" (a later upload), listed as a near-match', async () => {
    const x = await h();
    await x.upload({ name: '2022.csv', bytes: csv([HEADER_FORM, row('Nguyễn Văn Lâm', 'Trường A', '2022')]) });
    const res = await x.upload({
      name: '2023.csv',
      bytes: csv([HEADER_FORM, row('Nguyễn Văn Lam', 'Trường A'), row('Nguyễn Văn Lâm', 'Trường A')]),
    });
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ accepted: 2, newExemplars: 1, knownExemplars: 1 });
    expect(nearOf(res.body)).toEqual([[2, 'same_key_other_spelling', null, 'Nguyễn Văn Lâm', 'Nguyễn Văn Lâm']]);
    expect(await x.count('SELECT count(*) FROM exemplars')).toBe(2);
    // Lâm was recognised in 2022 and 2023; Lam once.
    expect(
      await queryRows(
        x.db.connection,
        'SELECT e.name, count(*)::INTEGER AS times FROM recognitions r JOIN exemplars e ON e.id = r.exemplar_id GROUP BY ALL ORDER BY name',
      ),
    ).toEqual([
      { name: 'Nguyễn Văn Lam', times: 1 },
      { name: 'Nguyễn Văn Lâm', times: 2 },
    ]);
  });

  it('takes upper case, doubled spaces and NFD input as the same exemplar as "Nguyễn Văn Hùng"', async () => {
    const x = await h();
    await x.upload({ name: '2022.csv', bytes: csv([HEADER_FORM, row('Nguyễn Văn Hùng', 'Trường Tiểu học A', '2022')]) });
    const variants = ['NGUYỄN VĂN HÙNG', 'Nguyễn  Văn   Hùng ', 'Nguyễn Văn Hùng'.normalize('NFD')];
    for (const [i, name] of variants.entries()) {
      const year = String(2023 + i);
      const res = await x.upload({
        name: `${year}.csv`,
        bytes: csv([HEADER_FORM, row(name, 'TRƯỜNG  TIỂU HỌC A'.normalize('NFD'), year)]),
      });
      expect(res.status, name).toBe(201);
      expect(res.body.counts, name).toMatchObject({ accepted: 1, knownExemplars: 1, newExemplars: 0 });
      expect(res.body.nearMatches, name).toEqual([]);
    }
    expect(await names(x)).toEqual([{ name: 'Nguyễn Văn Hùng', unit: 'Trường Tiểu học A', name_key: 'nguyen van hung' }]);
    expect(await x.count('SELECT count(*) FROM recognitions')).toBe(4);
  });

  it('in one file: the same exemplar written two ways is a duplicate for one form and one exemplar for two forms', async () => {
    const x = await h();
    const res = await x.upload({
      name: '2023.csv',
      bytes: csv([
        HEADER_FORM,
        row('Lê Thị Mai', 'Trường A'),
        row('LÊ THỊ MAI', 'trường a'),
        row('Lê  Thị Mai', 'Trường A', '2023', 'Bằng khen'),
      ]),
    });
    expect(res.status).toBe(201);
    expect(res.body.counts).toMatchObject({ accepted: 2, duplicates: 1, newExemplars: 1 });
    expect(res.body.duplicates.map((d: { row: number; firstRow: number }) => [d.row, d.firstRow])).toEqual([[3, 2]]);
    expect(
      await queryRows(
        x.db.connection,
        'SELECT r.form, r.exemplar_id = e.id AS same FROM recognitions r, (SELECT min(id) AS id FROM exemplars) e ORDER BY form',
      ),
    ).toEqual([
      { form: 'bang_khen_ubnd', same: true },
      { form: 'cong_nhan_dhtt', same: true },
    ]);
    expect(await x.count('SELECT count(*) FROM exemplars')).toBe(1);
  });

  it('the register search key stays the diacritics-free fold key', async () => {
    const x = await h();
    await x.upload({ name: '2023.csv', bytes: csv([HEADER_FORM, row('Đặng Thị Hưng', 'Xã Đông Kết')]) });
    expect(
      await queryRows(
        x.db.connection,
        "SELECT name FROM exemplars WHERE name_key = fold_key('dang thi hung') AND unit_key = fold_key('XA DONG KET')",
      ),
    ).toEqual([{ name: 'Đặng Thị Hưng' }]);
  });
});
