import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, queryRows, type Database } from '../ingest/store/database.ts';
import { migrate } from '../ingest/store/migrate.ts';
import { publishSnapshot } from '../ingest/store/publishSnapshot.ts';
import { createIngestApp } from '../ingest/server/app.ts';
import { WriteQueue } from '../ingest/commit/writeQueue.ts';
import { DEFAULT_LIMITS } from '../ingest/pipeline/ingestUpload.ts';
import { csv, HEADER } from './ingest-helpers.ts';

/** Sở Nội vụ's token in these suites: may upload for any agency. */
export const SNV_TOKEN = 'token-snv-faults-0123456789';

/** The ingest app in-process over a data folder, with its log kept (shown when a test fails). */
export interface FaultHarness {
  dir: string;
  dbPath: string;
  db: Database;
  queue: WriteQueue;
  logs: string[];
  /** The ingest app, for requests the helpers below do not make. */
  app: ReturnType<typeof createIngestApp>;
  upload(file: { name: string; bytes: string | Uint8Array }, fields: Record<string, string>): Promise<{ status: number; body: any }>;
  count(sql: string): Promise<number>;
  close(): void;
}

/** Opens (migrating) `<dir>/exemplars.duckdb` and publishes a first snapshot; `dir` defaults to a new temp folder. */
export async function faultHarness(dir = mkdtempSync(join(tmpdir(), 'hy-faults-'))): Promise<FaultHarness> {
  const dbPath = join(dir, 'exemplars.duckdb');
  const db = await openDatabase(dbPath);
  await migrate(db.connection);
  await publishSnapshot(db.connection, dbPath, dir);
  const readConn = await db.instance.connect();
  const logs: string[] = [];
  const queue = new WriteQueue();
  const app = createIngestApp({
    store: { conn: db.connection, dbPath, dataDir: dir },
    readConn,
    tokens: [{ label: 'Sở Nội vụ', token: SNV_TOKEN, agency: '*' }],
    limits: DEFAULT_LIMITS,
    queue,
    log: (line) => logs.push(line),
    corsOrigins: [],
  });
  return {
    dir,
    dbPath,
    db,
    queue,
    logs,
    app,
    async upload(file, fields) {
      const form = new FormData();
      form.set(
        'file',
        new File([typeof file.bytes === 'string' ? new TextEncoder().encode(file.bytes) : new Uint8Array(file.bytes)], file.name),
      );
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      const res = await app.request('/api/uploads', { method: 'POST', body: form, headers: { Authorization: `Bearer ${SNV_TOKEN}` } });
      return { status: res.status, body: await res.json() };
    },
    async count(sql) {
      const [row] = await queryRows(db.connection, sql);
      return Number(Object.values(row ?? {})[0]);
    },
    close() {
      readConn.closeSync();
      db.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface ListFile {
  agency: string;
  year: string;
  name: string;
  bytes: string;
  people: string[];
}

/** A small valid list of `n` individuals whose names say which agency and file they came from. */
export function listFile(agency: string, tag: string, n: number, year = '2023'): ListFile {
  const people = Array.from({ length: n }, (_, i) => `Nguyễn Văn ${agency} ${tag} ${i + 1}`);
  const rows = people.map((p, i) => [
    String(i + 1),
    p,
    'Cá nhân',
    `Phòng ${i % 3}, ${agency}`,
    String(1 + (i % 7)),
    year,
    `${10 + i}/QĐ-${agency}`,
    `5/6/${year}`,
  ]);
  return { agency, year, name: `${agency}_${year}_${tag}.csv`, bytes: csv([HEADER, ...rows]), people };
}
