import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { faultHarness, removeDir, SNV_TOKEN, type FaultHarness } from './faults-helpers.ts';
import { HEADER } from './ingest-helpers.ts';

// Small refusals that said too little, too much, or the wrong thing.
const open: FaultHarness[] = [];
afterEach(() =>
  open.splice(0).forEach((h) => {
    h.close();
    removeDir(h.dir);
  }),
);
async function harness(): Promise<FaultHarness> {
  const h = await faultHarness();
  open.push(h);
  return h;
}
const auth = { Authorization: `Bearer ${SNV_TOKEN}` };
const ENGLISH = /\b(Error|unexpected|Unexpected|invalid|failed|Cannot|TypeError|end of)\b/;

async function getBatch(h: FaultHarness, id: string): Promise<{ status: number; body: any }> {
  const res = await h.app.request(`/api/batches/${id}`, { headers: auth });
  return { status: res.status, body: await res.json() };
}

describe('ingest: what a refusal says', () => {
  it('answers 400 for a batch id beyond what a batch id can be (it was a 500), 404 for a malformed or unknown one', async () => {
    const h = await harness();
    for (const id of ['99999999999999999999999', '18446744073709551616', '9223372036854775808', '2147483648']) {
      const res = await getBatch(h, id);
      expect(res.status, id).toBe(400);
      expect(res.body.error.code).toBe('BATCH_ID_INVALID');
      expect(res.body.error.message).toContain('không hợp lệ: mã lô là số nguyên dương không quá 2.147.483.647');
    }
    expect((await getBatch(h, '2147483647')).status).toBe(404);
    expect((await getBatch(h, 'abc')).status).toBe(404);
  });

  it('keeps the parser’s English text in the log and gives the clerk Vietnamese, with the file named', async () => {
    const h = await harness();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Danh sách').addRow(HEADER);
    const whole = new Uint8Array(await wb.xlsx.writeBuffer());
    const cases: [string, string | Uint8Array, string][] = [
      ['cat-cut.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)), 'FILE_TRUNCATED'],
      ['hong.json', '[{"Tên tập thể/cá nhân": "Nguyễn Văn A", "Loại": ', 'FILE_UNREADABLE'],
    ];
    for (const [name, bytes, code] of cases) {
      const res = await h.upload({ name, bytes }, { agency: 'SYT', year: '2023' });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.file).toBe(name);
      expect(JSON.stringify(res.body)).not.toMatch(/"reason"/);
      expect(JSON.stringify(res.body)).not.toMatch(ENGLISH);
      expect(
        h.logs.some((l) => l.startsWith(`refused ${code} file="${name}": `)),
        h.logs.join('\n'),
      ).toBe(true);
    }
  });

  it('gives a broken multipart body a Vietnamese 400 and keeps the parser’s text in the log', async () => {
    const h = await harness();
    const res = await h.app.request('/api/uploads', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'multipart/form-data' }, // no boundary
      body: '--X\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nSTT,T',
    });
    const body = (await res.json()) as any;
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('BODY_UNREADABLE');
    expect(JSON.stringify(body)).not.toMatch(/"reason"/);
    expect(h.logs.some((l) => l.startsWith('refused BODY_UNREADABLE: '))).toBe(true);
  });

  it('names the ratio when a workbook inflates far beyond its size', async () => {
    const h = await harness();
    const sheet = new Uint8Array(8 * 1048576).fill(0x20);
    const bomb = zipSync({
      '[Content_Types].xml': new Uint8Array(10),
      'xl/workbook.xml': new Uint8Array(10),
      'xl/worksheets/sheet1.xml': sheet,
    });
    const res = await h.upload({ name: 'bom.xlsx', bytes: bomb }, { agency: 'SYT', year: '2023' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('FILE_ZIP_BOMB');
    expect(res.body.error.message).toMatch(/giải nén ra 8 MB, gấp [\d.]+ lần, vượt tỉ lệ nén tối đa 100 lần/);
    expect(res.body.error.details).toMatchObject({ limit: 'maxRatio', maxRatio: 100, uncompressed: 8 * 1048576 + 20 });
  });
});
