// Nasty files (docs/architecture.md#security): zip bombs (honest and with a lying directory), workbooks with external
// links or macros, a CSV with 100,000 columns, and a 1 GB upload. Each is refused with a clear
// 4xx while the test measures the time taken and the growth of this process's memory (the app
// runs in-process, so its memory is this process's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { serve, type ServerType } from '@hono/node-server';
import { HEADER, csv, harness, type Harness } from './ingest-helpers.ts';

const MB = 1048576;
let h: Harness;
let bomb: Uint8Array;
beforeAll(async () => {
  h = await harness();
  bomb = zipBomb(250);
});
afterAll(() => h.close());

/** Runs `work`, sampling RSS every 10 ms: how long it took and how far memory rose. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; rssGrowthMb: number }> {
  global.gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - t0, rssGrowthMb: (peak - start) / MB };
  } finally {
    clearInterval(timer);
  }
}

const WORKBOOK_PARTS: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/**
 * A workbook whose sheet XML inflates to `mb` MB of one repeated row, deflated at level 9 and
 * streamed chunk by chunk so the test itself never holds the expanded text.
 */
function zipBomb(mb: number): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, text] of Object.entries(WORKBOOK_PARTS)) {
    const part = new ZipDeflate(name, { level: 9 });
    zip.add(part);
    part.push(strToU8(text), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
  zip.add(sheet);
  sheet.push(
    strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
  );
  const block = strToU8('<row><c t="inlineStr"><is><t>Nguyễn Văn An</t></is></c></row>'.repeat(Math.ceil(MB / 64)).slice(0, MB));
  for (let i = 0; i < mb; i++) sheet.push(block);
  sheet.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  const total = out.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of out) bytes.set(c, (at += c.length) - c.length);
  return bytes;
}

/** Rewrites the declared uncompressed size of `name` (local header and directory) to `size`. */
function lieAboutSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  const target = strToU8(name);
  const nameAt = (at: number) => target.every((b, i) => bytes[at + i] === b);
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50 && view.getUint16(i + 26, true) === target.length && nameAt(i + 30)) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50 && view.getUint16(i + 28, true) === target.length && nameAt(i + 46)) view.setUint32(i + 24, size, true);
  }
  return bytes;
}

/** A good workbook with two valid rows, then changed by `alter` (entries by name). */
async function workbookWith(alter: (entries: Record<string, Uint8Array>) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('DS');
  sheet.addRow(HEADER);
  sheet.addRow(['1', 'Nguyễn Văn Liên Kết', 'Cá nhân', 'Trường THCS Lê Quý Đôn', '15', 2023, '1/QĐ', '5/6/2023']);
  const entries = unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
  alter(entries);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) out[name] = data;
  return zipSync(out);
}

const addContentType = (entries: Record<string, Uint8Array>, partName: string, type: string) => {
  const types = new TextDecoder().decode(entries['[Content_Types].xml']);
  entries['[Content_Types].xml'] = strToU8(types.replace('</Types>', `<Override PartName="${partName}" ContentType="${type}"/></Types>`));
};

describe('nasty files are refused within bounded time and memory', () => {
  it('a zip bomb: 250 MB of sheet XML in a small workbook', async () => {
    expect(bomb.length).toBeLessThan(2 * MB);
    const before = await h.dump();
    const { value: res, ms, rssGrowthMb } = await measured(() => h.upload({ name: 'bom.xlsx', bytes: bomb }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('FILE_ZIP_BOMB');
    expect(res.body.error.message).toMatch(/vượt giới hạn/);
    expect(ms).toBeLessThan(5000);
    expect(rssGrowthMb).toBeLessThan(100);
    expect(await h.dump()).toBe(before);
    console.log(
      `zip bomb ${(bomb.length / 1024).toFixed(0)} KB → 250 MB: ${res.status} in ${ms.toFixed(0)} ms, RSS +${rssGrowthMb.toFixed(0)} MB`,
    );
  });

  it('a zip bomb whose directory lies (declares 1 KB, inflates to 250 MB)', async () => {
    const liar = lieAboutSize(bomb, 'xl/worksheets/sheet1.xml', 1024);
    const before = await h.dump();
    const { value: res, ms, rssGrowthMb } = await measured(() => h.upload({ name: 'bom-noi-doi.xlsx', bytes: liar }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('FILE_ZIP_BOMB');
    // Inflation stops just past the declared size: not 250 MB of work or memory.
    expect(ms).toBeLessThan(5000);
    expect(rssGrowthMb).toBeLessThan(100);
    expect(await h.dump()).toBe(before);
    console.log(`lying zip bomb: ${res.status} in ${ms.toFixed(0)} ms, RSS +${rssGrowthMb.toFixed(0)} MB`);
    // The allocations upload (exceljs's in-memory loader) is behind the same check.
    const form = new FormData();
    form.set('file', new File([new Uint8Array(liar)], 'phan-bo.xlsx'));
    const alloc = await measured(async () =>
      h.app.request('/api/allocations', { method: 'POST', body: form, headers: { Authorization: 'Bearer token-snv-0123456789ab' } }),
    );
    expect(alloc.value.status).toBe(413);
    expect(alloc.ms).toBeLessThan(5000);
    expect(alloc.rssGrowthMb).toBeLessThan(100);
  });

  it('a workbook with a directory that declares more than its entry holds is refused as damaged', async () => {
    const good = await workbookWith(() => {});
    const actual = unzipSync(good)['xl/workbook.xml']!.length;
    const res = await h.upload({ name: 'hong.xlsx', bytes: lieAboutSize(good, 'xl/workbook.xml', actual + 100) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('FILE_TRUNCATED');
  });

  it('a workbook with external links is refused, saying how to break the links', async () => {
    const linked = await workbookWith((e) => {
      e['xl/externalLinks/externalLink1.xml'] = strToU8(
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></externalLink>',
      );
      e['xl/externalLinks/_rels/externalLink1.xml.rels'] = strToU8(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/Users/x/nguon.xlsx" TargetMode="External"/></Relationships>',
      );
      addContentType(
        e,
        '/xl/externalLinks/externalLink1.xml',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml',
      );
    });
    const before = await h.dump();
    const res = await h.upload({ name: 'lien-ket.xlsx', bytes: linked });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('XLSX_EXTERNAL_LINKS');
    expect(res.body.error.message).toMatch(/Ngắt liên kết/);
    expect(await h.dump()).toBe(before);
  });

  it('a macro-enabled workbook (.xlsm with vbaProject.bin) is refused, saying to save as .xlsx', async () => {
    const xlsm = await workbookWith((e) => {
      e['xl/vbaProject.bin'] = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
      const types = new TextDecoder().decode(e['[Content_Types].xml']);
      e['[Content_Types].xml'] = strToU8(
        types
          .replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml')
          .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
      );
    });
    const before = await h.dump();
    const res = await h.upload({ name: 'macro.xlsm', bytes: xlsm });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('XLSX_MACROS');
    expect(res.body.error.message).toMatch(/\.xlsx/);
    expect(await h.dump()).toBe(before);
    // The same workbook without the macro parts goes in.
    const plain = await h.upload({ name: 'khong-macro.xlsx', bytes: await workbookWith(() => {}) });
    expect(plain.status).toBe(201);
  });

  it('a CSV with 100,000 columns', async () => {
    const width = 100_000;
    const header = [...HEADER, ...Array.from({ length: width - HEADER.length }, (_, i) => `Cột ${i}`)];
    const row = [
      '1',
      'Nguyễn Văn Rộng',
      'Cá nhân',
      'x',
      '15',
      '2023',
      '1/QĐ',
      '5/6/2023',
      ...new Array<string>(width - HEADER.length).fill('v'),
    ];
    const text = csv([header, row, row]);
    const before = await h.dump();
    const { value: res, ms, rssGrowthMb } = await measured(() => h.upload({ name: 'rong.csv', bytes: text }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toMatch(/^[A-Z_]+$/);
    expect(ms).toBeLessThan(5000);
    expect(rssGrowthMb).toBeLessThan(300);
    expect(await h.dump()).toBe(before);
    console.log(
      `CSV ${width} columns (${(text.length / MB).toFixed(1)} MB): ${res.status} ${res.body.error.code} in ${ms.toFixed(0)} ms, RSS +${rssGrowthMb.toFixed(0)} MB`,
    );
  });

  // Known defect in ingest/stage/stageCsv.ts (not this suite's to edit): the "nonblank" column
  // is one SQL expression a + b + c … over every column, and past ~1,000 columns DuckDB's
  // parser refuses it ("Max expression depth limit of 1000 exceeded"), so the upload ends in a
  // 500. Fix: refuse wide files with a clear TOO_MANY_COLUMNS 422 (and/or count non-blank cells
  // with list_count(list_filter([...], x -> ...))). Fixed: stageCsv refuses more than 200 columns.
  it("a CSV whose one cell is 15 MB (past DuckDB's line limit) is a row refusal, in bounded time and memory", async () => {
    const text = csv([
      HEADER,
      ['1', 'Nguyễn Văn An', 'Cá nhân', 'x', '15', '2023', '1/QĐ', '5/6/2023'],
      ['2', 'Trần Thị Bình', 'Cá nhân', 'ư'.repeat(7_500_000), '15', '2023', '1/QĐ', '5/6/2023'],
    ]);
    const before = await h.dump();
    const { value: res, ms, rssGrowthMb } = await measured(() => h.upload({ name: 'o-dai.csv', bytes: text }));
    expect(res.status).toBe(422);
    expect(res.body.refused).toEqual([
      expect.objectContaining({ row: 3, column: 'Chức vụ, đơn vị / địa chỉ', code: 'TEXT_TOO_LONG', value: `${'ư'.repeat(60)}…` }),
    ]);
    expect(JSON.stringify(res.body).length).toBeLessThan(10_000); // the report does not carry the cell
    expect(ms).toBeLessThan(10_000);
    // Bounded, not small: the cleaning and folding SQL copies the 15 MB value a few times
    // (~+550 MB measured). Capping such values at staging would cut it (a possible improvement, not made yet).
    expect(rssGrowthMb).toBeLessThan(800);
    expect(await h.dump()).toBe(before);
    console.log(
      `CSV with a 15 MB cell: ${res.status} ${res.body.refused[0].code} in ${ms.toFixed(0)} ms, RSS +${rssGrowthMb.toFixed(0)} MB`,
    );
  });

  it('a CSV with 1,000 columns gets a clear 4xx, not a 500', async () => {
    const width = 1000;
    const header = [...HEADER, ...Array.from({ length: width - HEADER.length }, (_, i) => `Cột ${i}`)];
    const row = [
      '1',
      'Nguyễn Văn Rộng',
      'Cá nhân',
      'x',
      '15',
      '2023',
      '1/QĐ',
      '5/6/2023',
      ...new Array<string>(width - HEADER.length).fill('v'),
    ];
    const res = await h.upload({ name: 'rong-1000.csv', bytes: csv([header, row]) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TOO_MANY_COLUMNS');
  });
});

describe('broken request bodies', () => {
  it('a multipart body that is garbage, cut short or without a boundary gets a 400, on both write endpoints', async () => {
    const auth = { Authorization: 'Bearer token-snv-0123456789ab' };
    const bodies: [string, string][] = [
      ['garbage', 'multipart/form-data; boundary=xyz'],
      ['--x\r\n', 'multipart/form-data'],
      ['--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nSTT,Tên', 'multipart/form-data; boundary=xyz'],
    ];
    const before = await h.dump();
    for (const path of ['/api/uploads', '/api/allocations']) {
      for (const [body, type] of bodies) {
        const res = await h.app.request(path, { method: 'POST', body, headers: { ...auth, 'Content-Type': type } });
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BODY_UNREADABLE');
      }
    }
    expect(await h.dump()).toBe(before);
  });
});

describe('a 1 GB upload over HTTP is cut off early', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  /**
   * Streams up to 1 GB of multipart body from a reused 1 MB buffer, with or without a
   * Content-Length, stopping when the server answers; returns the answer and bytes sent.
   */
  function send1GB(withLength: boolean): Promise<{ status: number; body: { error?: { code: string } }; sent: number }> {
    const GB = 1024 * MB;
    const boundary = 'gigabyte-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const chunk = Buffer.alloc(MB, 'Nguyễn Văn An,Cá nhân,15,2023\r\n');
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/uploads',
          headers: {
            Authorization: 'Bearer token-sgddt-0123456789',
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            ...(withLength ? { 'Content-Length': String(head.length + GB) } : { 'Transfer-Encoding': 'chunked' }),
          },
        },
        (res) => {
          answered = true;
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}'), sent });
            req.destroy();
          });
        },
      );
      req.on('error', (error) => (answered ? undefined : reject(error)));
      const pump = () => {
        if (sent === 0) req.write(head);
        while (!answered && sent < GB) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  it('with a Content-Length of 1 GB: 413 before the body is read', async () => {
    const { value, ms, rssGrowthMb } = await measured(() => send1GB(true));
    expect(value.status).toBe(413);
    expect(value.body.error?.code).toBe('FILE_TOO_LARGE');
    expect(value.sent).toBeLessThan(64 * MB);
    expect(ms).toBeLessThan(5000);
    expect(rssGrowthMb).toBeLessThan(150);
    console.log(
      `1 GB upload with Content-Length: ${value.status} after ${(value.sent / MB).toFixed(0)} MB sent, ${ms.toFixed(0)} ms, RSS +${rssGrowthMb.toFixed(0)} MB`,
    );
  });

  it('chunked, with no length: 413 once the limit (20 MB + framing) is passed', async () => {
    const { value, ms, rssGrowthMb } = await measured(() => send1GB(false));
    expect(value.status).toBe(413);
    expect(value.body.error?.code).toBe('FILE_TOO_LARGE');
    expect(value.sent).toBeLessThan(128 * MB);
    expect(ms).toBeLessThan(10_000);
    expect(rssGrowthMb).toBeLessThan(250);
    console.log(
      `1 GB chunked upload: ${value.status} after ${(value.sent / MB).toFixed(0)} MB sent, ${ms.toFixed(0)} ms, RSS +${rssGrowthMb.toFixed(0)} MB`,
    );
  });
});
