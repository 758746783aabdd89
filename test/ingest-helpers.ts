import { mkdtempSync, rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, queryRows, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { createIngestApp } from '../ingest/server/app.ts';
import { WriteQueue } from '../ingest/commit/writeQueue.ts';
import { DEFAULT_LIMITS, type UploadLimits } from '../ingest/pipeline/ingestUpload.ts';
import type { TokenEntry } from '../ingest/auth/tokens.ts';

export const TOKENS: TokenEntry[] = [
  { label: 'Sở GD&ĐT', token: 'token-sgddt-0123456789', agency: 'SGDDT' },
  { label: 'Sở Y tế', token: 'token-syt-0123456789ab', agency: 'SYT' },
  { label: 'Sở Nội vụ', token: 'token-snv-0123456789ab', agency: '*' },
  { label: 'Cũ', token: 'token-expired-01234567', agency: 'SYT', expiresAt: '2020-01-01T00:00:00Z' },
  { label: 'Thu hồi', token: 'token-revoked-01234567', agency: 'SYT', revoked: true },
];

export interface Harness {
  db: Database;
  dir: string;
  app: ReturnType<typeof createIngestApp>;
  upload(
    file: { name: string; bytes: Uint8Array | string },
    fields?: Record<string, string>,
    token?: string,
  ): Promise<{ status: number; body: any }>;
  dump(): Promise<string>;
  count(sql: string): Promise<number>;
  close(): void;
}

export async function harness(limits: Partial<UploadLimits> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'hy-ingest-test-'));
  const dbPath = join(dir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  await migrate(db.connection);
  const readConn = await db.instance.connect();
  const logs: string[] = [];
  const app = createIngestApp({
    store: { conn: db.connection, dbPath, dataDir: dir },
    readConn,
    tokens: TOKENS,
    limits: { ...DEFAULT_LIMITS, ...limits },
    queue: new WriteQueue(),
    log: (l) => logs.push(l),
    corsOrigins: ['http://localhost:8788'],
  });
  return {
    db,
    dir,
    app,
    async upload(file, fields = {}, token = 'token-sgddt-0123456789') {
      const form = new FormData();
      const bytes = typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : file.bytes;
      form.set('file', new File([new Uint8Array(bytes)], file.name));
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      const res = await app.request('/api/uploads', {
        method: 'POST',
        body: form,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      return { status: res.status, body: await res.json() };
    },
    async dump() {
      const tables = await queryRows(db.connection, 'SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name');
      const parts: string[] = [];
      for (const { table_name } of tables) {
        const rows = await queryRows(db.connection, `SELECT * FROM "${String(table_name)}" ORDER BY ALL`);
        parts.push(`${String(table_name)}:${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      }
      return parts.join('\n');
    },
    async count(sql) {
      const [row] = await queryRows(db.connection, sql);
      return Number(Object.values(row ?? {})[0]);
    },
    close() {
      readConn.closeSync();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens harnesses for the calling test file and closes each one after its test. */
export function harnessPerTest(): (limits?: Partial<UploadLimits>) => Promise<Harness> {
  const open: Harness[] = [];
  afterEach(() => open.splice(0).forEach((x) => x.close()));
  return async (limits = {}) => {
    const x = await harness(limits);
    open.push(x);
    return x;
  };
}

/** A CSV as Excel writes it: CRLF line ends, fields quoted when needed. */
export function csv(rows: string[][], delim = ','): string {
  return (
    rows
      .map((r) => r.map((c) => (c.includes(delim) || c.includes('"') || c.includes('\n') ? `"${c.replaceAll('"', '""')}"` : c)).join(delim))
      .join('\r\n') + '\r\n'
  );
}

export const HEADER = [
  'STT',
  'Tên tập thể/cá nhân',
  'Loại',
  'Chức vụ, đơn vị / địa chỉ',
  'Phong trào thi đua',
  'Năm công nhận',
  'Số QĐ',
  'Ngày QĐ',
];
