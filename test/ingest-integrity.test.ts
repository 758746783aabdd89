// exemplars and recognitions have no PRIMARY KEY, UNIQUE or FOREIGN KEY indexes (they made a
// 1M-row commit 5x slower): the commit checks the same rules set-wise before COMMIT. Each
// test breaks one rule directly in the tables (as a bug or a hand edit would), then shows
// that the next commit of that agency is refused, rolled back, and names the rule. A commit
// goes through the fast proof first (integrity_proof.sql), so these refusals also show the
// proof never passes a broken rule; the last tests show it does pass clean data.
import { describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { assertIntegrity, IntegrityError, provenClean } from '../ingest/commit/checkIntegrity.ts';
import { harnessPerTest, csv, HEADER, type Harness } from './ingest-helpers.ts';

const h = harnessPerTest();

const row = (name: string, unit: string, year: string, code = '') => ['', name, 'Cá nhân', unit, '15', year, '1/QĐ', '5/6/' + year, code];
const HEADER_CODE = [...HEADER, 'Mã điển hình'];

/** SGDDT with one committed 2022 list (Lê Thị Mai, Trần Văn Nam); returns the harness and ids. */
async function seeded(): Promise<{ x: Harness; batch: number; mai: number; nam: number }> {
  const x = await h();
  const first = await x.upload({
    name: '2022.csv',
    bytes: csv([HEADER_CODE, row('Lê Thị Mai', 'Trường A', '2022', 'GD-001'), row('Trần Văn Nam', 'Trường B', '2022')]),
  });
  expect(first.status).toBe(201);
  const ids = await queryRows(x.db.connection, 'SELECT id, name FROM exemplars ORDER BY name');
  const id = (name: string) => Number(ids.find((r) => r.name === name)?.id);
  return { x, batch: first.body.batchId, mai: id('Lê Thị Mai'), nam: id('Trần Văn Nam') };
}

/** The next SGDDT upload is refused with `rule`, and no table changes. */
async function expectRefused(x: Harness, rule: string, rows = [row('Phạm Văn Cường', 'Trường C', '2023')]): Promise<void> {
  const before = await x.dump();
  const res = await x.upload({ name: '2023.csv', bytes: csv([HEADER_CODE, ...rows]) });
  expect(res.status).toBe(409);
  expect(res.body.error.code).toBe('INTEGRITY_VIOLATION');
  expect(res.body.error.details.violations.map((v: { rule: string }) => v.rule)).toContain(rule);
  expect(await x.dump()).toBe(before);
}

const exemplarColumns =
  'id, code, name, name_key, unit, unit_key, kind, category, agency_code, movement_no, stage, plan_code, first_batch_id';

describe('ingest: integrity checked set-wise before COMMIT', () => {
  it('a clean commit passes every rule, for the agency and for the whole database', async () => {
    const { x } = await seeded();
    const res = await x.upload({
      name: '2023.csv',
      bytes: csv([HEADER_CODE, row('Lê Thị Mai', 'Trường A', '2023'), row('Phạm Văn Cường', 'Trường C', '2023')]),
    });
    expect(res.status).toBe(201);
    await expect(assertIntegrity(x.db.connection, { agency: 'SGDDT' })).resolves.toBeUndefined();
    await expect(assertIntegrity(x.db.connection, { agency: null })).resolves.toBeUndefined();
  });

  it('two exemplars of one agency with one identity (kind, lower(name), lower(unit))', async () => {
    const { x, batch } = await seeded();
    await x.db.connection.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (nextval('exemplar_id_seq'), 'X-1', 'LÊ THỊ MAI', 'le thi mai', 'trường a', 'truong a', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', ${batch})`,
    );
    await expectRefused(x, 'EXEMPLAR_IDENTITY_DUPLICATE');
  });

  it('a code used twice (even by another agency), and an id used twice', async () => {
    const { x, batch, mai } = await seeded();
    await x.db.connection.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (nextval('exemplar_id_seq'), 'GD-001', 'Bác sĩ B', 'bac si b', '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SYT', 3, 'phat_hien', '90/KH-UBND', ${batch})`,
    );
    await expectRefused(x, 'EXEMPLAR_CODE_DUPLICATE');
    await x.db.connection.run(`DELETE FROM exemplars WHERE agency_code = 'SYT'`);
    await x.db.connection.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (${mai}, 'X-2', 'Vũ Thị Thu', 'vu thi thu', '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', ${batch})`,
    );
    await expectRefused(x, 'EXEMPLAR_ID_DUPLICATE');
  });

  it('an exemplar whose agency, movement or first batch does not exist', async () => {
    const { x, batch } = await seeded();
    await x.db.connection.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (nextval('exemplar_id_seq'), 'X-3', 'Vũ Thị Thu', 'vu thi thu', '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 21, 'phat_hien', '90/KH-UBND', 999)`,
    );
    await expectRefused(x, 'EXEMPLAR_MOVEMENT_UNKNOWN');
    await expectRefused(x, 'EXEMPLAR_BATCH_MISSING');
    await x.db.connection.run(`DELETE FROM exemplars WHERE code = 'X-3'`);
    await x.db.connection.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (nextval('exemplar_id_seq'), 'X-4', 'Vũ Thị Thu', 'vu thi thu', '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'NOPE', 15, 'phat_hien', '90/KH-UBND', ${batch})`,
    );
    // Scoped to the agency written: NOPE's exemplar is found by the whole-database check.
    await expect(assertIntegrity(x.db.connection, { agency: null })).rejects.toThrow(/EXEMPLAR_AGENCY_UNKNOWN/);
  });

  it('one exemplar recognised twice in one year with one form', async () => {
    const { x, batch, nam } = await seeded();
    await x.db.connection.run(
      `INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (${nam}, 2022, 'cong_nhan_dhtt', ${batch})`,
    );
    await expectRefused(x, 'RECOGNITION_DUPLICATE');
  });

  it('a recognition whose exemplar or batch does not exist, or whose id repeats', async () => {
    const { x, batch, nam } = await seeded();
    await x.db.connection.run(
      `INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (999999, 2021, 'cong_nhan_dhtt', ${batch})`,
    );
    await expectRefused(x, 'RECOGNITION_EXEMPLAR_MISSING');
    await x.db.connection.run('DELETE FROM recognitions WHERE exemplar_id = 999999');
    await x.db.connection.run(`INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (${nam}, 2021, 'cong_nhan_dhtt', 999)`);
    await expectRefused(x, 'RECOGNITION_BATCH_MISSING');
    await x.db.connection.run('DELETE FROM recognitions WHERE batch_id = 999');
    const [r] = await queryRows(x.db.connection, 'SELECT min(id)::BIGINT AS id FROM recognitions');
    await x.db.connection.run(
      `INSERT INTO recognitions (id, exemplar_id, year, form, batch_id) VALUES (${String(r?.id)}, ${nam}, 2021, 'cong_nhan_dhtt', ${batch})`,
    );
    await expectRefused(x, 'RECOGNITION_ID_DUPLICATE');
  });

  it("a recognition written in another agency's batch than its exemplar's", async () => {
    const { x, nam } = await seeded();
    const syt = await x.upload(
      { name: 'yt.csv', bytes: csv([HEADER_CODE, row('Bác sĩ B', 'Bệnh viện', '2023')]) },
      {},
      'token-syt-0123456789ab',
    );
    expect(syt.status).toBe(201);
    await x.db.connection.run(
      `INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (${nam}, 2021, 'cong_nhan_dhtt', ${syt.body.batchId})`,
    );
    await expect(assertIntegrity(x.db.connection, { agency: 'SYT' })).rejects.toThrow(/RECOGNITION_AGENCY_MISMATCH/);
  });

  it('a file whose rows reach one exemplar twice (by its code and by its name) is refused, not counted twice', async () => {
    const { x } = await seeded();
    // Row 1 names Mai by her code under another spelling; row 2 by her name: one recognition twice.
    await expectRefused(x, 'RECOGNITION_DUPLICATE', [
      row('Lê Thị Mai (giáo viên)', 'Trường A', '2023', 'GD-001'),
      row('Lê Thị Mai', 'Trường A', '2023'),
    ]);
  });

  it('IntegrityError lists each broken rule with a count and an example', async () => {
    const { x, batch, nam } = await seeded();
    await x.db.connection.run(
      `INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (${nam}, 2022, 'cong_nhan_dhtt', ${batch}), (${nam}, 2022, 'cong_nhan_dhtt', ${batch})`,
    );
    const error = await assertIntegrity(x.db.connection, { agency: 'SGDDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).violations).toEqual([
      { rule: 'RECOGNITION_DUPLICATE', count: 1, example: `${nam} 2022 cong_nhan_dhtt` },
    ]);
  });

  it('the fast proof passes clean data, namesakes included, and gives way to the exact check otherwise', async () => {
    const { x, batch } = await seeded();
    const conn = x.db.connection;
    await expect(provenClean(conn, 'SGDDT')).resolves.toBe(true);
    // Namesakes in other units (one in capitals): kind and lower(name) repeat, the identity does not.
    await conn.run(`INSERT INTO exemplars (${exemplarColumns}) VALUES (nextval('exemplar_id_seq'), 'X-5', 'Lê Thị Mai', 'le thi mai', 'Trường D', 'truong d', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', ${batch}),
      (nextval('exemplar_id_seq'), 'X-6', 'LÊ THỊ MAI', 'le thi mai', 'Trường E', 'truong e', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', ${batch})`);
    await expect(provenClean(conn, 'SGDDT')).resolves.toBe(true);
    await expect(assertIntegrity(conn, { agency: 'SGDDT' })).resolves.toBeUndefined();
    // The same identity in other capitals: not shown clean, and the exact check names it.
    await conn.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (nextval('exemplar_id_seq'), 'X-7', 'lê thị mai', 'le thi mai', 'TRƯỜNG D', 'truong d', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', ${batch})`,
    );
    await expect(provenClean(conn, 'SGDDT')).resolves.toBe(false);
    await expect(assertIntegrity(conn, { agency: 'SGDDT' })).rejects.toThrow(
      /EXEMPLAR_IDENTITY_DUPLICATE ×1 \(e\.g\. SGDDT ca_nhan "Lê Thị Mai" \/ "Trường D"\)/,
    );
  });

  it('ids too far apart for the bitsets (a hand edit) go to the exact check, which still decides', async () => {
    const { x, batch, nam } = await seeded();
    const conn = x.db.connection;
    await conn.run(
      `INSERT INTO exemplars (${exemplarColumns}) VALUES (100000000, 'X-8', 'Vũ Thị Thu', 'vu thi thu', '', '', 'ca_nhan', 'dien_hinh_tien_tien', 'SGDDT', 15, 'phat_hien', '90/KH-UBND', ${batch})`,
    );
    await expect(provenClean(conn, 'SGDDT')).resolves.toBe(false);
    await expect(assertIntegrity(conn, { agency: 'SGDDT' })).resolves.toBeUndefined();
    await conn.run(`INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (${nam}, 2022, 'cong_nhan_dhtt', ${batch})`);
    await expect(assertIntegrity(conn, { agency: 'SGDDT' })).rejects.toThrow(/RECOGNITION_DUPLICATE/);
  });
});
