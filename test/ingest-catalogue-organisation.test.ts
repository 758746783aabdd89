import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { csv, harnessPerTest, type Harness } from './ingest-helpers.ts';

const SNV = 'token-snv-0123456789ab';
const SGD = 'token-sgddt-0123456789';
const open = harnessPerTest();

const AGENCY_HEADER = ['Mã', 'Tên cơ quan, đơn vị', 'Loại', 'Khối thi đua', 'Tỉnh', 'Hiệu lực từ', 'Hiệu lực đến', 'Tên gọi khác'];
const SUCCESSION_HEADER = ['Cơ quan cũ', 'Cơ quan kế thừa', 'Ngày hiệu lực', 'Phần kế thừa', 'Giá trị', 'Ghi chú'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function postOrganisation(h: Harness, name: string, bytes: Uint8Array | string, fields: Record<string, string> = {}, token = SNV) {
  const form = new FormData();
  form.set('file', new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await h.app.request('/api/organisation', { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * Huyện Văn Lâm ends on 30 June 2025 and its history is split between two new communes: Như
 * Quỳnh takes the exemplars of the communes named, Văn Lâm the rest. Labels typed as people
 * type them (kind and split rule without diacritics, the bloc by name, a date as text).
 */
async function splitWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const agencies = wb.addWorksheet('Cơ quan, đơn vị');
  agencies.addRow(AGENCY_HEADER);
  agencies.addRow([
    'XA_NHU_QUYNH',
    'Ủy ban nhân dân xã Như Quỳnh',
    'Xa, phuong',
    'Khối các huyện, thị xã, thành phố',
    'HY',
    day('2025-07-01'),
    null,
    'UBND xã Như Quỳnh; Xã Như Quỳnh',
  ]);
  agencies.addRow([
    'XA_VAN_LAM',
    'Ủy ban nhân dân xã Văn Lâm',
    'xa_phuong',
    'K_DIAPHUONG',
    'Hưng Yên',
    '01/07/2025',
    '',
    'UBND xã Văn Lâm',
  ]);
  const successions = wb.addWorksheet('Kế thừa');
  successions.addRow(SUCCESSION_HEADER);
  successions.addRow([
    'VANLAM',
    'XA_NHU_QUYNH',
    day('2025-07-01'),
    'theo xa, phuong',
    'Như Quỳnh; Lạc Đạo',
    'Nghị quyết sắp xếp đơn vị hành chính cấp xã',
  ]);
  successions.addRow(['Huyện Văn Lâm', 'Ủy ban nhân dân xã Văn Lâm', '01/07/2025', 'Phần còn lại', '', '']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('POST /api/organisation: Sở Nội vụ registers an organisation change', () => {
  it('takes an XLSX with new communes and a split by commune, merged into the organisation in force, with a batch, its report and a snapshot', async () => {
    const h = await open();
    const agenciesBefore = await h.count('SELECT count(*) FROM agencies');
    const bytes = await splitWorkbook();
    const res = await postOrganisation(h, 'sap-xep-van-lam.xlsx', bytes);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.status).toBe('committed');
    expect(res.body.counts).toEqual({ total: 4, accepted: 4, refused: 0 });
    expect(await h.count('SELECT count(*) FROM agencies')).toBe(agenciesBefore + 2);
    const communes = await queryRows(
      h.db.connection,
      "SELECT code, kind, bloc_code, province, strftime(active_from, '%Y-%m-%d') AS active_from, active_to FROM agencies WHERE code LIKE 'XA_%' ORDER BY code",
    );
    expect(communes).toEqual([
      { code: 'XA_NHU_QUYNH', kind: 'xa_phuong', bloc_code: 'K_DIAPHUONG', province: 'HY', active_from: '2025-07-01', active_to: null },
      { code: 'XA_VAN_LAM', kind: 'xa_phuong', bloc_code: 'K_DIAPHUONG', province: 'HY', active_from: '2025-07-01', active_to: null },
    ]);
    const split = await queryRows(
      h.db.connection,
      "SELECT successor_code, strftime(effective_date, '%Y-%m-%d') AS effective, takes_by, takes_values FROM agency_successions WHERE predecessor_code = 'VANLAM' ORDER BY successor_code",
    );
    expect(split).toEqual([
      { successor_code: 'XA_NHU_QUYNH', effective: '2025-07-01', takes_by: 'commune', takes_values: ['Như Quỳnh', 'Lạc Đạo'] },
      { successor_code: 'XA_VAN_LAM', effective: '2025-07-01', takes_by: 'rest', takes_values: [] },
    ]);
    expect(
      await h.count("SELECT count(*) FROM agency_name_variants WHERE agency_code = 'XA_NHU_QUYNH' AND variant = 'UBND xã Như Quỳnh'"),
    ).toBe(1);
    const [batch] = await queryRows(
      h.db.connection,
      'SELECT kind, agency_code, year, rows_total, status FROM ingest_batches WHERE id = $id',
      { id: res.body.batchId },
    );
    expect(batch).toEqual({ kind: 'organisation', agency_code: null, year: null, rows_total: 4, status: 'committed' });
    expect(readCurrentManifest(h.dir)?.version).toBe(res.body.snapshotVersion);

    // The same file again: the same batch, nothing written.
    const dump = await h.dump();
    const again = await postOrganisation(h, 'gui-lai.xlsx', bytes);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('unchanged');
    expect(again.body.batchId).toBe(res.body.batchId);
    expect(await h.dump()).toBe(dump);
  });

  it('takes a CSV of agencies (the table told by its headers), and a CSV of successions', async () => {
    const h = await open();
    const agencies = csv([
      AGENCY_HEADER,
      [
        'XA_LAC_DAO',
        'Ủy ban nhân dân xã Lạc Đạo',
        'Xã, phường',
        'Khối các huyện, thị xã, thành phố',
        'HY',
        '01/07/2025',
        '',
        'UBND xã Lạc Đạo',
      ],
      ['SYT', 'Sở Y tế', 'Sở, ban, ngành', 'K_VANHOA_XAHOI', 'HY', '', '', 'Ngành Y tế; Sở Y tế Hưng Yên'],
    ]);
    const res = await postOrganisation(h, 'co-quan.csv', agencies);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.summary.agencies).toEqual(['XA_LAC_DAO', 'SYT']);
    expect(
      await h.count("SELECT count(*) FROM agencies WHERE code = 'XA_LAC_DAO' AND kind = 'xa_phuong' AND active_from = DATE '2025-07-01'"),
    ).toBe(1);

    const successions = csv([SUCCESSION_HEADER, ['BAOHY', 'BAOPTTHHY', '01/07/2025', 'Toàn bộ', '', 'Hợp nhất báo và đài']]);
    const s = await postOrganisation(h, 'ke-thua.csv', successions);
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body.summary.successions).toEqual([{ predecessor: 'BAOHY', successor: 'BAOPTTHHY', by: 'all' }]);
  });

  it('refuses a file with bad rows, naming file, sheet, Excel row, Vietnamese column, value and reason; nothing is written', async () => {
    const h = await open();
    const before = await h.dump();
    const wb = new ExcelJS.Workbook();
    const agencies = wb.addWorksheet('Cơ quan, đơn vị');
    agencies.addRow(['DANH SÁCH CƠ QUAN, ĐƠN VỊ']); // a title row above the header
    agencies.addRow(AGENCY_HEADER);
    agencies.addRow(['XA_A', 'Xã A', 'Xã, phường', 'K_DIAPHUONG', 'HY', '31/02/2025', '', '']);
    agencies.addRow(['XA_B', 'Xã B', 'Phường xã mới', 'K_DIAPHUONG', 'HY', '', '', '']);
    const successions = wb.addWorksheet('Kế thừa');
    successions.addRow(SUCCESSION_HEADER);
    successions.addRow(['VANLAM', 'XA_A', '01/07/2025', 'theo xã, phường', 'Như Quỳnh', '']);
    successions.addRow(['VANLAM', 'KHONG_CO', '01/07/2025', 'phần còn lại', '', '']);
    const res = await postOrganisation(h, 'loi.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(res.status).toBe(422);
    expect(res.body.status).toBe('rows_refused');
    expect(res.body.problems).toContainEqual(
      expect.objectContaining({
        file: 'loi.xlsx',
        sheet: 'Cơ quan, đơn vị',
        row: 3,
        column: 'Hiệu lực từ',
        value: '31/02/2025',
        code: 'DATE_INVALID',
      }),
    );
    expect(res.body.problems).toContainEqual(
      expect.objectContaining({ sheet: 'Cơ quan, đơn vị', row: 4, column: 'Loại', value: 'Phường xã mới', code: 'KIND_UNKNOWN' }),
    );
    expect(res.body.problems.every((p: any) => typeof p.message === 'string' && p.message.length > 0)).toBe(true);
    expect(await h.dump()).toBe(before);

    // Once the cells are right, registration judges the references: the unknown successor.
    agencies.getCell('F3').value = '28/02/2025';
    agencies.getCell('C4').value = 'Xã, phường';
    const next = await postOrganisation(h, 'loi-2.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(next.status).toBe(422);
    expect(next.body.problems).toEqual([
      expect.objectContaining({ sheet: 'Kế thừa', row: 3, column: 'Cơ quan kế thừa', value: 'KHONG_CO', code: 'AGENCY_UNKNOWN' }),
    ]);
    expect(await h.dump()).toBe(before);
  });

  it('lets only the Sở Nội vụ token register; a dry run writes nothing', async () => {
    const h = await open();
    const before = await h.dump();
    const forbidden = await postOrganisation(h, 'to-chuc.xlsx', await splitWorkbook(), {}, SGD);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('CATALOGUE_FORBIDDEN');
    expect(forbidden.body.error.message).toMatch(/Chỉ Sở Nội vụ/);
    const dry = await postOrganisation(h, 'to-chuc.xlsx', await splitWorkbook(), { dry_run: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body.status).toBe('dry_run');
    expect(await h.dump()).toBe(before);
  });

  it('takes an organisation JSON (to-chuc/1) and refuses one that breaks the file rules', async () => {
    const h = await open();
    const good = {
      format: 'to-chuc/1',
      agencies: [
        {
          code: 'XA_TAN_HUNG',
          name: 'UBND xã Tân Hưng',
          kind: 'xa_phuong',
          bloc: 'K_DIAPHUONG',
          province: 'HY',
          validFrom: '2025-07-01',
          validTo: null,
          variants: [],
        },
      ],
    };
    const res = await postOrganisation(h, 'to-chuc.json', JSON.stringify(good));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const bad = {
      format: 'to-chuc/1',
      successions: [
        { predecessor: 'VANLAM', successor: 'XA_TAN_HUNG', effective: '2025-07-01', takes: { by: 'all' } },
        { predecessor: 'VANLAM', successor: 'SNV', effective: '2025-07-01', takes: { by: 'all' } },
      ],
    };
    const refused = await postOrganisation(h, 'to-chuc-2.json', JSON.stringify(bad));
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toContainEqual(
      expect.objectContaining({ path: 'successions', row: 1, field: 'takes.by', code: 'SPLIT_NEEDS_RULE', sheet: null, column: null }),
    );
  });
});

describe('GET /api/organisation/template.xlsx', () => {
  it('opens with exceljs: the two sheets prefilled with the organisation in force, a guide, drop-downs for Loại and Phần kế thừa; sent back with a new row it registers', async () => {
    const h = await open();
    const res = await h.app.request('/api/organisation/template.xlsx', { headers: { Authorization: `Bearer ${SGD}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cơ quan, đơn vị', 'Kế thừa', 'Hướng dẫn', 'Danh mục']);
    const agencies = wb.getWorksheet('Cơ quan, đơn vị')!;
    const successions = wb.getWorksheet('Kế thừa')!;
    expect((agencies.getRow(1).values as unknown[]).slice(1)).toEqual(AGENCY_HEADER);
    expect((successions.getRow(1).values as unknown[]).slice(1)).toEqual(SUCCESSION_HEADER);
    expect(agencies.actualRowCount - 1).toBe(await h.count('SELECT count(*) FROM agencies'));
    expect(successions.actualRowCount - 1).toBe(await h.count('SELECT count(*) FROM agency_successions'));
    const syt = agencies.getRows(2, agencies.actualRowCount - 1)!.find((r) => r.getCell(1).value === 'SYT')!;
    expect(syt.getCell(3).value).toBe('Sở, ban, ngành');
    expect(wb.getWorksheet('Danh mục')!.state).toBe('hidden');

    const kind = agencies.getCell('C2').dataValidation;
    expect(kind.type).toBe('list');
    expect(kind.formulae?.[0]).toMatch(/'Danh mục'!\$A\$2:\$A\$\d+/);
    const list = wb.getWorksheet('Danh mục')!;
    const kinds = await queryRows(h.db.connection, "SELECT label FROM vocabulary WHERE list = 'agency_kind' ORDER BY ord");
    expect(list.getColumn(1).values.slice(2)).toEqual(kinds.map((k) => k.label));
    const takes = successions.getCell('D2').dataValidation;
    expect(takes.type).toBe('list');
    expect(list.getColumn(4).values.slice(2)).toEqual(['Toàn bộ', 'Theo phong trào', 'Theo xã, phường', 'Theo danh sách', 'Phần còn lại']);
    expect(successions.getCell('C2').dataValidation.type).toBe('date');
    expect(wb.getWorksheet('Hướng dẫn')!.actualRowCount).toBeGreaterThan(10);

    // Sở Nội vụ adds a commune to the downloaded file and sends it back.
    agencies.addRow([
      'XA_MOI',
      'Ủy ban nhân dân xã Mới',
      'Xã, phường',
      'Khối các huyện, thị xã, thành phố',
      'HY',
      day('2025-07-01'),
      null,
      '',
    ]);
    const sent = await postOrganisation(h, 'mau-to-chuc-bo-may.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(sent.status, JSON.stringify(sent.body.problems?.slice(0, 3))).toBe(201);
    expect(await h.count("SELECT count(*) FROM agencies WHERE code = 'XA_MOI'")).toBe(1);
  });
});
