import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startService, stopService, waitForHealth, type ServiceProcess } from '../testing/serviceProcess.ts';
import { listFile, removeDir } from './faults-helpers.ts';
import { pointerPath } from '../contracts/snapshotProtocol.ts';

// One writer per data folder (docs/architecture.md#one-writer-per-data-folder): DuckDB's own lock is a POSIX record lock, dropped for the whole process when any
// descriptor of the file closes (the snapshot copy did). A second ingest on the same folder
// then started and handed out the same batch ids; its batch was lost.
const TOKEN = 'single-writer-snv-token-0123456789';
const started: ServiceProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const s of started) await stopService(s);
  for (const d of dirs) removeDir(d);
});

async function startIngest(dataDir: string, tokensFile: string): Promise<ServiceProcess> {
  const port = await freePort();
  const service = startService('ingest', 'ingest/server/main.ts', port, {
    DATA_DIR: dataDir,
    INGEST_PORT: String(port),
    INGEST_TOKENS_FILE: tokensFile,
  });
  started.push(service);
  return service;
}

async function upload(service: ServiceProcess, agency: string, tag: string): Promise<Response> {
  const file = listFile(agency, tag, 3);
  const form = new FormData();
  form.set('file', new File([new TextEncoder().encode(file.bytes)], file.name));
  form.set('agency', agency);
  form.set('year', file.year);
  return fetch(`${service.url}/api/uploads`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${TOKEN}` } });
}

describe('faults: one writer for the life of the ingest process', () => {
  it('refuses a second ingest on the same folder after uploads and snapshot publishes, and keeps the database locked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hy-single-writer-'));
    dirs.push(dataDir);
    const tokensFile = join(dataDir, 'tokens.json');
    writeFileSync(tokensFile, JSON.stringify([{ label: 'Sở Nội vụ', token: TOKEN, agency: '*' }]));

    const a = await startIngest(dataDir, tokensFile);
    await waitForHealth(a);
    for (const [agency, tag] of [
      ['SYT', 'a1'],
      ['STC', 'a2'],
    ] as const) {
      const res = await upload(a, agency, tag);
      expect(res.status, await res.clone().text()).toBe(201);
    }
    expect(readFileSync(pointerPath(dataDir), 'utf8')).toMatch(/^snapshot-\d+/);

    // Another process opening the database file must still meet the lock, even read-only.
    await expect(DuckDBInstance.create(join(dataDir, 'exemplars.duckdb'), { access_mode: 'READ_ONLY' })).rejects.toThrow(/lock/i);

    const b = await startIngest(dataDir, tokensFile);
    const exit = await Promise.race([b.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    expect(exit, b.lines.join('\n')).not.toBeNull();
    expect(exit!.code).not.toBe(0);
    const said = b.lines.join('\n');
    expect(said).toMatch(/another ingest service/i);
    expect(said).toContain(dataDir);
    expect(said).toMatch(new RegExp(`PID ${a.child.pid}`));

    // A keeps serving and writing.
    const res = await upload(a, 'SGDDT', 'a3');
    expect(res.status).toBe(201);
  }, 120_000);
});
