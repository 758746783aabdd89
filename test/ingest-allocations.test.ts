import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../ingest/store/database.ts';
import { readCurrentManifest } from '../contracts/snapshotProtocol.ts';
import { harness, type Harness } from './ingest-helpers.ts';

const SNV = 'token-snv-0123456789ab';
const SYT = 'token-syt-0123456789ab';
const open: Harness[] = [];
afterEach(() => {
  for (const h of open.splice(0)) h.close();
});
async function setup(): Promise<Harness> {
  const h = await harness();
  open.push(h);
  return h;
}

async function postAllocations(h: Harness, name: string, bytes: Uint8Array | string, token: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('file', new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : new Uint8Array(bytes)], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await h.app.request('/api/allocations', { method: 'POST', body: form, headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as any };
}

/** A workbook as Sở Nội vụ makes it: title rows, a header, agencies typed in their usual ways, a total row. */
async function handMadeWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phân bổ');
  ws.addRow(['UBND TỈNH HƯNG YÊN']);
  ws.addRow(['PHÂN BỔ ĐẠI BIỂU DỰ ĐẠI HỘI THI ĐUA YÊU NƯỚC LẦN THỨ X']);
  ws.mergeCells('A2:C2');
  ws.addRow([]);
  ws.addRow(['STT', 'Cơ quan, đơn vị', 'Số đại biểu được phân bổ']);
  ws.addRow([1, 'Sở Y tế tỉnh Hưng Yên', 12]);
  ws.addRow([2, 'UBND huyện Khoái Châu', 9]);
  ws.addRow([3, 'CAT', 10]);
  ws.addRow(['', 'Tổng cộng', 31]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function seatsInForce(h: Harness): Promise<Record<string, number>> {
  const rows = await queryRows(
    h.db.connection,
    `SELECT da.agency_code, da.seats FROM delegate_allocations da JOIN ingest_batches b ON b.id = da.batch_id AND b.status = 'committed'
     QUALIFY row_number() OVER (PARTITION BY da.agency_code ORDER BY b.received_at DESC, b.id DESC) = 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.agency_code), Number(r.seats)]));
}

describe('congress delegate allocations (Section V), entered by Sở Nội vụ', () => {
  it('takes a hand-made workbook, matches agencies as typed, ignores titles and the total row, and publishes a snapshot', async () => {
    const h = await setup();
    const res = await postAllocations(h, 'phan_bo_dai_bieu.xlsx', await handMadeWorkbook(), SNV);
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ accepted: 3, refused: 0, ignored: 4, seats: 31 });
    expect(await seatsInForce(h)).toEqual({ CAT: 10, KHOAICHAU: 9, SYT: 12 });
    expect(readCurrentManifest(h.dir)?.name).toBe(res.body.snapshot);
    const [batch] = await queryRows(h.db.connection, 'SELECT kind, submitted_by, rows_accepted FROM ingest_batches WHERE id = $id', {
      id: res.body.batchId,
    });
    expect(batch).toEqual({ kind: 'allocations', submitted_by: 'Sở Nội vụ', rows_accepted: 3 });
  });

  it('versions allocations: a newer list for one agency is in force, the others keep theirs, identical re-upload changes nothing', async () => {
    const h = await setup();
    await postAllocations(h, 'v1.xlsx', await handMadeWorkbook(), SNV);
    const v2 = 'Mã đơn vị;Số đại biểu\r\nSYT;14\r\n';
    const second = await postAllocations(h, 'v2.csv', v2, SNV);
    expect(second.status).toBe(201);
    expect(await seatsInForce(h)).toEqual({ CAT: 10, KHOAICHAU: 9, SYT: 14 });
    const again = await postAllocations(h, 'v2-again.csv', v2, SNV);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('unchanged');
    expect(again.body.batchId).toBe(second.body.batchId);
  });

  it('refuses the whole list with every bad row named (file, row, column, value, reason), leaving the database as it was', async () => {
    const h = await setup();
    const before = await h.dump();
    const csv = '"Cơ quan, đơn vị",Số đại biểu được phân bổ\nSở Y tế,12\nSở Không Tồn Tại,3\nCông an tỉnh,ba\nSYT,4\n';
    const res = await postAllocations(h, 'sai.csv', csv, SNV);
    expect(res.status).toBe(422);
    expect(res.body.refused).toEqual([
      {
        file: 'sai.csv',
        row: 3,
        column: 'Cơ quan, đơn vị',
        value: 'Sở Không Tồn Tại',
        code: 'AGENCY_UNKNOWN',
        message: 'Không nhận ra cơ quan, đơn vị "Sở Không Tồn Tại".',
      },
      {
        file: 'sai.csv',
        row: 4,
        column: 'Số đại biểu được phân bổ',
        value: 'ba',
        code: 'SEATS_INVALID',
        message: 'Số đại biểu "ba" không hợp lệ: ghi một số nguyên từ 0 đến 500.',
      },
      {
        file: 'sai.csv',
        row: 5,
        column: 'Cơ quan, đơn vị',
        value: 'SYT',
        code: 'AGENCY_DUPLICATE',
        message: 'Đơn vị SYT đã có ở dòng 2: mỗi đơn vị một dòng.',
      },
    ]);
    expect(await h.dump()).toBe(before);
  });

  it('lets only a province-wide (Sở Nội vụ) token write allocations; a dry run writes nothing', async () => {
    const h = await setup();
    const before = await h.dump();
    const csv = 'agency,seats\nSYT,12\n';
    expect((await postAllocations(h, 'a.csv', csv, SYT)).status).toBe(403);
    expect((await postAllocations(h, 'a.csv', csv, 'wrong-token-000000000')).status).toBe(401);
    const dry = await postAllocations(h, 'a.csv', csv, SNV, { dry_run: '1' });
    expect(dry.status).toBe(200);
    expect(dry.body.status).toBe('dry_run');
    expect(await h.dump()).toBe(before);
    expect((await postAllocations(h, 'a.json', JSON.stringify([{ agency: 'Sở Y tế', seats: 12 }]), SNV)).status).toBe(201);
    expect(await seatsInForce(h)).toEqual({ SYT: 12 });
  });
});
