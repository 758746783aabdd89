import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_XLSX_BOUNDS } from '../ingest/parse/xlsxBounds.ts';
import { freePort, startService, stopService, waitForHealth, type ServiceProcess } from '../testing/serviceProcess.ts';
import { removeDir } from './faults-helpers.ts';
import { farRightCell, manySharedStrings, wideSheet } from './hostileWorkbooks.ts';

/**
 * Workbooks that exhausted the ingest process's memory (5,000,000 shared strings:
 * 5.2 GB and a heap abort; 16,384 columns × 200 rows: 4.3 GB), with any agency token, even as
 * a dry run. Refused with 413 naming the limit, and the service's peak RSS stays under this
 * ceiling (README, "Limits"), measured on the real process.
 */
const PEAK_RSS_CEILING_MIB = 768;
const TOKEN = 'hostile-syt-token-0123456789';

const CASES = [
  // The two workbooks of the issue: each passes more than one bound; the first one checked answers.
  [
    '5,000,000 shared strings (13 MB)',
    'chuoi.xlsx',
    () => manySharedStrings(5_000_000),
    'XLSX_TOO_MANY_STRINGS',
    /giải nén ra 11\d MB, vượt giới hạn 64 MB/,
  ],
  [
    '16,384 columns × 200 rows',
    'rong.xlsx',
    () => wideSheet(16_384, 200),
    'FILE_ZIP_BOMB',
    /giải nén ra \d+(,\d)? MB, vượt giới hạn 80 MB sau giải nén/,
  ],
  // Each bound on its own.
  [
    '2,000,000 shared strings (5 MB)',
    'chuoi2.xlsx',
    () => manySharedStrings(2_000_000),
    'XLSX_TOO_MANY_STRINGS',
    /hơn 1\.000\.000 chuỗi văn bản dùng chung \(sharedStrings\), vượt giới hạn 1\.000\.000/,
  ],
  ['16,384 columns × 20 rows', 'rong2.xlsx', () => wideSheet(16_384, 20), 'XLSX_TOO_MANY_COLUMNS', /có ô ở GS1, vượt giới hạn 200 cột/],
  [
    'one cell in column XFD on 20,000 rows',
    'xa.xlsx',
    () => farRightCell(16_384, 20_000),
    'XLSX_TOO_MANY_COLUMNS',
    /có ô ở XFD2, vượt giới hạn 200 cột/,
  ],
  [
    '3,150,000 cells without references',
    'o.xlsx',
    () => wideSheet(150, 21_000, false),
    'XLSX_TOO_MANY_CELLS',
    /hơn 3\.000\.000 ô, vượt giới hạn 3\.000\.000 ô/,
  ],
  ['999,000 shared strings: inside the bounds', 'gan-gioi-han.xlsx', () => manySharedStrings(999_000), null, null],
] as const;

let service: ServiceProcess;
let dir: string;
const files = new Map<string, Uint8Array>();
beforeAll(async () => {
  // Built before the service starts: a request sent after seconds of building met a
  // keep-alive socket the server had just closed (EPIPE).
  for (const [, name, build] of CASES) files.set(name, await build());
  dir = mkdtempSync(join(tmpdir(), 'hy-hostile-'));
  writeFileSync(join(dir, 'tokens.json'), JSON.stringify([{ label: 'Sở Y tế', token: TOKEN, agency: 'SYT' }]));
  const port = await freePort();
  service = startService('ingest', 'ingest/server/main.ts', port, {
    DATA_DIR: dir,
    INGEST_PORT: String(port),
    INGEST_TOKENS_FILE: join(dir, 'tokens.json'),
  });
  await waitForHealth(service);
}, 120_000);
afterAll(async () => {
  await stopService(service);
  removeDir(dir);
});

/** The process's peak resident memory so far (Linux VmHWM), in MiB. */
const peakRssMiB = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${service.child.pid}/status`, 'utf8'))![1]) / 1024;

async function dryRun(name: string, bytes: Uint8Array): Promise<{ status: number; body: any; seconds: number }> {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  form.set('year', '2023');
  form.set('dry_run', '1');
  const started = Date.now();
  const res = await fetch(`${service.url}/api/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${TOKEN}` } });
  return { status: res.status, body: await res.json(), seconds: (Date.now() - started) / 1000 };
}

describe('ingest: workbooks built to exhaust memory are refused with bounded memory', () => {
  it.each(CASES.filter((c) => c[3] !== null))(
    '%s: 413 naming the limit, in seconds, under the RSS ceiling',
    async (_label, name, _build, code, message) => {
      const { status, body, seconds } = await dryRun(name, files.get(name)!);
      expect(status, JSON.stringify(body).slice(0, 400)).toBe(413);
      expect(body.error.code).toBe(code);
      expect(body.error.message).toMatch(message!);
      expect(body.error.details.limit).toMatch(/^max/);
      expect(seconds).toBeLessThan(20);
      expect(peakRssMiB()).toBeLessThan(PEAK_RSS_CEILING_MIB);
    },
    120_000,
  );

  it('reads a workbook just inside the bounds (999,000 shared strings) and stays under the ceiling', async () => {
    expect(DEFAULT_XLSX_BOUNDS.maxSharedStrings).toBe(1_000_000);
    const { status, body } = await dryRun('gan-gioi-han.xlsx', files.get('gan-gioi-han.xlsx')!);
    // Read through: the list itself is the one data row of the base workbook.
    expect(status, JSON.stringify(body).slice(0, 400)).toBe(200);
    expect(body.status).toBe('dry_run');
    expect(body.counts.total).toBe(1);
    expect(peakRssMiB()).toBeLessThan(PEAK_RSS_CEILING_MIB);
  }, 120_000);

  it('still answers /health and takes a normal list afterwards', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});
