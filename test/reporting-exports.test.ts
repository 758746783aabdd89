// Exports people can use without fixing them (README, "Numbers in exports"): shares as percentages, the
// synthetic-data mark, the "Nguồn" sheet in words and local time, file names that say the
// filters, sheet names cut between words; and the built app served compressed (§8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { serve, type ServerType } from '@hono/node-server';
import ExcelJS from 'exceljs';
import type { Hono } from 'hono';
import { parse } from 'csv-parse/sync';
import { createReportingApp } from '../dashboard/server/app.ts';
import { sheetName } from '../dashboard/server/encodeXlsx.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { buildFixture, startFixtureService, type Fixture, type FixtureService } from './queries-fixture.ts';
import { viewerApp } from './queries-viewer.ts';

const WARNING = 'DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN';

let service: FixtureService;
let app: Hono;
beforeAll(async () => {
  service = await startFixtureService();
  app = service.app;
});
afterAll(() => service.stop());

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

function decode(bytes: ArrayBuffer): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
}

/** The Nguồn sheet as label → value. */
function sourceRows(book: ExcelJS.Workbook): Map<string, string> {
  const sheet = book.getWorksheet('Nguồn')!;
  const rows = new Map<string, string>();
  sheet.eachRow((row) => rows.set(String(row.getCell(1).value), String(row.getCell(2).value)));
  return rows;
}

/** dd/mm/yyyy hh:mm in UTC+7 (Vietnam has no daylight saving), worked out without Intl. */
function vietnamTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function fileName(res: Response): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  expect(m, 'Content-Disposition names the file').not.toBeNull();
  return m![1]!;
}

describe('shares are percentages', () => {
  it('formats share columns 0.0% in XLSX and leaves counts alone', async () => {
    const book = await workbook(await app.request('/api/queries/targets_vs_results_by_agency?format=xlsx'));
    const sheet = book.worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const share = headings.indexOf('Tỷ lệ đạt chỉ tiêu') + 1;
    const target = headings.indexOf('Chỉ tiêu (số điển hình)') + 1;
    expect(share).toBeGreaterThan(0);
    let shares = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(share);
      if (typeof cell.value === 'number') {
        shares++;
        expect(cell.numFmt).toBe('0.0%');
        expect(cell.value).toBeLessThan(10); // still the fraction: Excel shows 0.8125 as 81.3%
      }
      expect(row.getCell(target).numFmt ?? 'General').not.toContain('%');
    });
    expect(shares).toBeGreaterThan(0);
  });

  it('keeps fractions and dots in the machine CSV; writes "81,25%" and decimal commas in csv-vi', async () => {
    const json = (await (await app.request('/api/queries/targets_vs_results_by_agency?format=json')).json()) as {
      rows: { agency_code: string; share_achieved: number | null }[];
    };
    const expected = json.rows.find((r) => r.share_achieved !== null && r.share_achieved > 0)!;
    expect(expected).toBeDefined();

    const machine = parse(
      decode(await (await app.request('/api/queries/targets_vs_results_by_agency?format=csv&header=name')).arrayBuffer()),
      { columns: true },
    ) as Record<string, string>[];
    expect(machine.find((r) => r.agency_code === expected.agency_code)!.share_achieved).toBe(String(expected.share_achieved));

    const res = await app.request('/api/queries/targets_vs_results_by_agency?format=csv-vi&header=name');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(fileName(res)).toMatch(/\.csv$/);
    const vi = parse(decode(await res.arrayBuffer()), { columns: true, delimiter: ';' }) as Record<string, string>[];
    const row = vi.find((r) => r.agency_code === expected.agency_code)!;
    const percent = String(Number((expected.share_achieved! * 100).toPrecision(12))).replace('.', ',');
    expect(row.share_achieved).toBe(`${percent}%`);
    expect(row.share_achieved).not.toContain('.');
    expect(row.has_plan).toMatch(/^(Có|Không)$/);
  });

  it('writes dates dd/mm/yyyy in csv-vi', async () => {
    const text = decode(
      await (await app.request('/api/queries/plan_submission_by_agency?format=csv-vi&header=name&agency=SYT')).arrayBuffer(),
    );
    const [row] = parse(text, { columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(row!.submitted_on).toBe('20/08/2021');
    expect(row!.deadline).toBe('31/08/2021');
  });
});

describe('the Nguồn sheet', () => {
  it('says the filters with the labels and names the page shows, and the snapshot time in Vietnam time', async () => {
    const book = await workbook(
      await app.request('/api/queries/recognitions_by_agency?format=xlsx&movement=3&bloc=K_VANHOA_XAHOI&kind=ca_nhan&rollup=true'),
    );
    const rows = sourceRows(book);
    const manifest = service.snapshots.current()!.manifest;
    expect(rows.get('Bảng')).toBe('Số lượt công nhận và số điển hình theo cơ quan, đơn vị');
    expect(rows.get('Thời điểm chốt số liệu')).toBe(vietnamTime(manifest.createdAt));
    expect(rows.get('Thời điểm chốt số liệu')).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(rows.get('Từ năm')).toBe('2021');
    expect(rows.get('Phong trào thi đua')).toMatch(/^3\. Y tế/);
    expect(rows.get('Khối thi đua')).not.toContain('K_VANHOA_XAHOI');
    expect(rows.get('Khối thi đua')).toMatch(/^Khối/);
    expect(rows.get('Loại')).toBe('Cá nhân');
    expect(rows.get('Cơ quan, đơn vị')).toBe('(tất cả)');
    expect(rows.get('Tính số liệu đơn vị đã hợp nhất vào đơn vị kế thừa')).toBe('Có');
    expect(rows.has('Lưu ý')).toBe(false); // the fixture is not synthetic
    for (const [label, value] of rows) {
      expect(label).not.toMatch(/^Tham số|_/);
      expect(value).not.toMatch(/^(true|false)$|T\d{2}:\d{2}.*Z$/);
    }
  });

  it('names an agency filter by its name', async () => {
    const rows = sourceRows(await workbook(await app.request('/api/queries/recognitions_by_year?format=xlsx&agency=SYT')));
    expect(rows.get('Cơ quan, đơn vị')).toBe('Sở Y tế');
  });
});

describe('file and sheet names', () => {
  it('gives differently filtered exports different, ASCII, bounded names', async () => {
    const queries = [
      '',
      '&movement=3',
      '&movement=8',
      '&agency=SYT',
      '&bloc=K_VANHOA_XAHOI',
      '&kind=ca_nhan',
      '&rollup=true',
      '&movement=3&agency=SYT&kind=ca_nhan&category=mo_hinh_moi&form=cong_nhan_dhtt&rollup=true&bloc=K_VANHOA_XAHOI',
      '&movement=3&agency=SYT&kind=ca_nhan&category=mo_hinh_moi&form=cong_nhan_dhtt&rollup=true&bloc=K_DIAPHUONG',
    ];
    const names: string[] = [];
    // One at a time: downloads run under the export limit.
    for (const q of queries) names.push(fileName(await app.request(`/api/queries/recognitions_by_year?format=csv${q}`)));
    expect(new Set(names).size).toBe(queries.length);
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9_.-]+$/);
      expect(name.length).toBeLessThanOrEqual(150);
      expect(name).toMatch(/^so_luong_theo_nam_2021-2025_/);
    }
    expect(names[1]).toContain('_pt3_');
    expect(names[3]).toContain('syt');
    const xlsx = fileName(await app.request('/api/queries/recognitions_by_year?format=xlsx&movement=3'));
    expect(xlsx).toBe(names[1]!.replace(/\.csv$/, '.xlsx'));
  });

  it('folds a Vietnamese search into the name', async () => {
    const name = fileName(
      await app.request(`/api/queries/exemplar_register?format=csv&limit=100000&search=${encodeURIComponent('Nguyễn Văn Đức')}`),
    );
    expect(name).toContain('tim-nguyen-van-duc');
  });

  it('cuts sheet names at 31 characters between words', async () => {
    expect(sheetName('Số lượt công nhận và số điển hình theo cơ quan, đơn vị')).toBe('Số lượt công nhận và số điển');
    expect(sheetName('Danh mục khối thi đua')).toBe('Danh mục khối thi đua');
    expect(sheetName('Tổng hợp phân bổ (Mục V) theo đơn vị')).toBe('Tổng hợp phân bổ (Mục V) theo');
    expect(sheetName('Tổng hợp phân bổ đại biểu (Mục V)')).toBe('Tổng hợp phân bổ đại biểu');
    for (const path of [
      '/api/queries/recognitions_by_agency?format=xlsx',
      '/api/queries/congress_delegates_by_agency?format=xlsx',
      '/api/queries/exemplar_register?format=xlsx',
    ]) {
      const book = await workbook(await app.request(path));
      const sheet = book.worksheets[0]!.name;
      const title = sourceRows(book).get('Bảng')!;
      expect(sheet.length, path).toBeLessThanOrEqual(31);
      expect(title.startsWith(sheet), path).toBe(true);
      expect([' ', undefined], `${path}: "${sheet}" ends on a word`).toContain(title[sheet.length]);
    }
  });
});

describe('synthetic data is marked in every export', () => {
  let fixture: Fixture;
  let snapshots: SnapshotSource;
  let demo: Hono;
  beforeAll(async () => {
    fixture = await buildFixture();
    await fixture.db.connection.run('UPDATE ingest_batches SET synthetic = true');
    await fixture.publish();
    snapshots = new SnapshotSource(fixture.dataDir, { log: () => {} });
    await snapshots.start();
    expect(snapshots.current()!.manifest.synthetic).toBe(true);
    demo = viewerApp({ snapshots, log: () => {} });
  });
  afterAll(async () => {
    await snapshots.stop();
    fixture.close();
  });

  it('XLSX: a first line on Nguồn, a printed header on the table, a red tab, the file name', async () => {
    const res = await demo.request('/api/queries/recognitions_by_movement?format=xlsx');
    expect(fileName(res)).toMatch(/^minh-hoa_/);
    const book = await workbook(res);
    const about = book.getWorksheet('Nguồn')!;
    expect(about.getRow(1).getCell(1).value).toBe('Lưu ý');
    expect(String(about.getRow(1).getCell(2).value)).toContain(WARNING);
    const sheet = book.worksheets[0]!;
    expect(sheet.headerFooter.oddHeader).toContain(WARNING);
    expect(sheet.properties.tabColor).toEqual({ argb: 'FFC00000' });
    expect(book.title).toContain(WARNING);
  });

  it('CSV: the name (and a header) for programs, a first line too in csv-vi', async () => {
    const machine = await demo.request('/api/queries/recognitions_by_movement?format=csv');
    expect(fileName(machine)).toMatch(/^minh-hoa_/);
    expect(machine.headers.get('x-synthetic-data')).toBe('true');
    expect(decode(await machine.arrayBuffer()).split('\r\n')[0]).toMatch(/^movement_no|^Số phong trào/);
    const vi = decode(await (await demo.request('/api/queries/recognitions_by_movement?format=csv-vi')).arrayBuffer()).split('\r\n');
    expect(vi[0]).toContain(WARNING);
    expect(vi[1]).toMatch(/^Số phong trào;/);
  });
});

// LibreOffice opens the exports as a Vietnamese user would (locale vi-VN, language 1066). Needs
// Debian's libreoffice-calc-nogui (.ci/run installs it). Converting to .xlsx and reading the cells
// back with exceljs shows whether a figure stayed a number.
const soffice = ['soffice', 'libreoffice'].find((bin) => spawnSync('which', [bin]).status === 0);
describe('LibreOffice in a vi-VN locale', () => {
  let work: string;
  beforeAll(() => {
    // Never skipped: without LibreOffice the claim "numbers stay numbers" goes untested.
    if (!soffice) throw new Error('soffice not found: apt-get install libreoffice-calc-nogui (.ci/run installs it)');
    work = mkdtempSync(join(tmpdir(), 'lo-vi-'));
  });
  afterAll(() => work && rmSync(work, { recursive: true, force: true }));

  async function convert(file: string, infilter?: string): Promise<ExcelJS.Workbook> {
    const out = join(work, 'out');
    mkdirSync(out, { recursive: true });
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${join(work, 'profile')}`,
        '--headless',
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        out,
        file,
      ],
      { env: { ...process.env, LANG: 'vi_VN.UTF-8', LC_ALL: 'vi_VN.UTF-8', LANGUAGE: 'vi' }, stdio: 'pipe', timeout: 120_000 },
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(
      join(
        out,
        file
          .split('/')
          .pop()!
          .replace(/\.[a-z]+$/, '.xlsx'),
      ),
    );
    return book;
  }

  it('reads csv-vi numbers, shares and dates as numbers, percentages and dates', async () => {
    const csv = join(work, 'targets.csv');
    writeFileSync(
      csv,
      Buffer.from(await (await app.request('/api/queries/targets_vs_results_by_agency?format=csv-vi&header=name')).arrayBuffer()),
    );
    // CSV filter options: separator ; (59), quote " (34), UTF-8 (76), first line 1, column formats default, language vi-VN (1066).
    const sheet = (await convert(csv, 'CSV:59,34,76,1,,1066')).worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => headings.indexOf(name) + 1;
    let shares = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const target = row.getCell(col('target')).value;
      if (target !== null) expect(typeof target, `target row ${n}`).toBe('number');
      expect(typeof row.getCell(col('recognitions')).value, `recognitions row ${n}`).toBe('number');
      const share = row.getCell(col('share_achieved'));
      if (share.value !== null) {
        shares++;
        expect(typeof share.value, `share row ${n}`).toBe('number');
        expect(share.value as number).toBeLessThan(10);
        expect(share.numFmt).toContain('%');
      }
    });
    expect(shares).toBeGreaterThan(0);

    const plans = join(work, 'plans.csv');
    writeFileSync(
      plans,
      Buffer.from(await (await app.request('/api/queries/plan_submission_by_agency?format=csv-vi&header=name&agency=SYT')).arrayBuffer()),
    );
    const planSheet = (await convert(plans, 'CSV:59,34,76,1,,1066')).worksheets[0]!;
    const planHeadings = (planSheet.getRow(1).values as unknown[]).slice(1);
    const submitted = planSheet.getRow(2).getCell(planHeadings.indexOf('submitted_on') + 1).value;
    expect(submitted).toBeInstanceOf(Date);
    expect((submitted as Date).toISOString().slice(0, 10)).toBe('2021-08-20');
  }, 180_000);

  it("shows why: the machine CSV's dotted shares stay text there", async () => {
    const csv = join(work, 'machine.csv');
    writeFileSync(
      csv,
      Buffer.from(await (await app.request('/api/queries/targets_vs_results_by_agency?format=csv&header=name')).arrayBuffer()),
    );
    const sheet = (await convert(csv, 'CSV:44,34,76,1,,1066')).worksheets[0]!;
    const share = (sheet.getRow(1).values as unknown[]).slice(1).indexOf('share_achieved') + 1;
    const values: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(share).value !== null) values.push(row.getCell(share).value);
    });
    expect(values.some((v) => typeof v === 'string' && v.includes('.'))).toBe(true);
  }, 180_000);

  it('keeps XLSX figures numbers and shares percentages', async () => {
    const xlsx = join(work, 'targets-export.xlsx');
    writeFileSync(xlsx, Buffer.from(await (await app.request('/api/queries/targets_vs_results_by_agency?format=xlsx')).arrayBuffer()));
    const sheet = (await convert(xlsx)).worksheets[0]!;
    const headings = (sheet.getRow(1).values as unknown[]).slice(1);
    const share = headings.indexOf('Tỷ lệ đạt chỉ tiêu') + 1;
    let shares = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(share);
      if (cell.value === null) return;
      shares++;
      expect(typeof cell.value).toBe('number');
      expect(cell.numFmt).toContain('%');
    });
    expect(shares).toBeGreaterThan(0);
  }, 180_000);
});

describe('the built app is served compressed (real HTTP)', () => {
  let server: ServerType;
  let port: number;
  let built: string;
  const script = `/* dashboard bundle stand-in */\n${Array.from({ length: 4000 }, (_, i) => `export const label${i} = "Phong trào thi đua số ${i % 20}";`).join('\n')}\n`;
  const css = `.card{display:grid;gap:1rem}\n`.repeat(200);
  beforeAll(async () => {
    built = mkdtempSync(join(tmpdir(), 'reporting-dist-'));
    mkdirSync(join(built, 'assets'));
    writeFileSync(join(built, 'index.html'), `<!doctype html><title>Điển hình tiên tiến</title>${'<!-- padding -->'.repeat(100)}`);
    writeFileSync(join(built, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(built, 'assets', 'index-abc123.css'), css);
    writeFileSync(join(built, 'assets', 'logo.png'), Buffer.alloc(4096, 7));
    const reporting = createReportingApp({ snapshots: service.snapshots, staticDir: built, log: () => {} });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: reporting.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(built, { recursive: true, force: true });
  });

  /** Raw bytes and headers: fetch would decompress behind our back. */
  function get(
    path: string,
    acceptEncoding?: string,
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (b: Buffer) => parts.push(b));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it('answers br to a browser that takes it, gzip to one that takes only gzip, plain otherwise', async () => {
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.headers['content-type']).toContain('text/javascript');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 4);

    const gz = await get('/assets/index-abc123.css', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(css);

    const refused = await get('/assets/index-abc123.js', 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.headers.vary).toMatch(/accept-encoding/i);
    expect(refused.body.toString()).toBe(script);

    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);

    // The second request is served from the compressed copy kept in memory, byte for byte the same.
    expect((await get('/assets/index-abc123.js', 'br')).body.equals(br.body)).toBe(true);
  });

  it('compresses the app page for client routes too, and never images', async () => {
    const page = await get('/phong-trao/3', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.body).toString()).toContain('Điển hình tiên tiến');
    const png = await get('/assets/logo.png', 'br, gzip');
    expect(png.headers['content-encoding']).toBeUndefined();
    expect(png.body.equals(readFileSync(join(built, 'assets', 'logo.png')))).toBe(true);
  });
});
