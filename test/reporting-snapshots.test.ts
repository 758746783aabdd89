import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReportingApp } from '../dashboard/server/app.ts';
import { SnapshotSource } from '../dashboard/server/snapshotSource.ts';
import { AnswerCache } from '../dashboard/server/answerCache.ts';
import { openSnapshot } from '../dashboard/server/openSnapshot.ts';
import { readCurrentManifest, snapshotPath, snapshotsDir, writePointer } from '../contracts/snapshotProtocol.ts';
import { buildFixture, type Fixture } from './queries-fixture.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setUp(
  pollMs = 60_000,
  cache?: AnswerCache | null,
): Promise<{ fixture: Fixture; snapshots: SnapshotSource; logs: string[]; app: ReturnType<typeof createReportingApp> }> {
  const fixture = await buildFixture();
  const logs: string[] = [];
  const snapshots = new SnapshotSource(fixture.dataDir, { log: (l) => logs.push(l), pollMs });
  await snapshots.start();
  cleanups.push(
    () => fixture.close(),
    () => snapshots.stop(),
  );
  return {
    fixture,
    snapshots,
    logs,
    app: createReportingApp({ snapshots, log: (l) => logs.push(l), ...(cache === undefined ? {} : { cache }) }),
  };
}

const total = async (res: Response) => ((await res.json()) as { rows: { recognitions: number }[] }).rows[0]!.recognitions;

describe('before any snapshot', () => {
  it('answers 503 in Vietnamese and still lists the queries', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'reporting-empty-'));
    const snapshots = new SnapshotSource(dataDir, { log: () => {} });
    await snapshots.start();
    cleanups.push(
      () => snapshots.stop(),
      () => rmSync(dataDir, { recursive: true, force: true }),
    );
    const app = createReportingApp({ snapshots });
    const res = await app.request('/api/queries/recognitions_by_year');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('Chưa có bản chốt số liệu');
    expect((await app.request('/health')).status).toBe(503);
    expect((await app.request('/api/snapshot')).status).toBe(503);
    expect((await app.request('/api/queries')).status).toBe(200);
  });
});

describe('health and manifest', () => {
  it('reports the snapshot and row counts from the manifest and from the snapshot', async () => {
    const { app } = await setUp();
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      snapshot: { version: number };
      counts: { manifest: { recognitions: number }; snapshot: { recognitions: number } };
      countsMatch: boolean;
    };
    expect(body.snapshot.version).toBe(1);
    expect(body.counts.snapshot.recognitions).toBe(25); // every row: 24 counted + 1 of a superseded batch
    expect(body.countsMatch).toBe(true);
    expect(res.headers.get('x-snapshot-version')).toBe('1');
    const manifest = await (await app.request('/api/snapshot')).json();
    expect(manifest).toMatchObject({ version: 1, name: 'snapshot-000001' });
  });
});

describe('switching snapshots', () => {
  // With the answer cache, repeated requests are answered from memory (and so much faster):
  // the switch must be just as clean, and no cached answer of snapshot 1 may outlive it.
  it.each([
    ['without the answer cache', null],
    ['with the answer cache', new AnswerCache()],
  ] as const)('loses no request while a new snapshot is swapped in (%s)', async (_label, cache) => {
    const { fixture, snapshots, app } = await setUp(60_000, cache);
    const stopAt = Date.now() + 20_000;
    const versions: string[] = [];
    const failures: string[] = [];
    let publishing = true;
    const worker = async () => {
      while (publishing || versions.length < 400) {
        const res = await app.request('/api/queries/overview_headline?format=json');
        if (res.status !== 200) failures.push(`${res.status} ${await res.text()}`);
        const version = res.headers.get('x-snapshot-version')!;
        const n = await total(res);
        // Each answer is consistent with the snapshot it names.
        if ((version === '1' && n !== 24) || (version === '2' && n !== 25)) failures.push(`v${version} said ${n}`);
        versions.push(version);
        if (Date.now() > stopAt) break;
        // A cached answer resolves without any I/O: yield so the publish below gets its turn.
        await new Promise((r) => setImmediate(r));
      }
    };
    const workers = Array.from({ length: 16 }, worker);
    await new Promise((r) => setTimeout(r, 50));
    await fixture.db.connection.run("INSERT INTO recognitions (exemplar_id, year, form, batch_id) VALUES (6, 2024, 'cong_nhan_dhtt', 1)");
    await fixture.publish();
    await snapshots.refresh();
    await new Promise((r) => setTimeout(r, 50));
    publishing = false;
    await Promise.all(workers);
    expect(failures).toEqual([]);
    expect(versions).toContain('1');
    expect(versions).toContain('2');
    expect(versions.lastIndexOf('1')).toBeLessThan(versions.lastIndexOf('2'));
    expect(snapshots.current()!.manifest.version).toBe(2);
  });

  it('notices CURRENT changing by itself (watch or poll)', async () => {
    const { fixture, snapshots } = await setUp(200);
    await fixture.publish();
    const deadline = Date.now() + 5000;
    while (snapshots.current()!.manifest.version !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(snapshots.current()!.manifest.version).toBe(2);
  });

  it('keeps answering from the last good snapshot when a new one is unreadable, and logs it', async () => {
    const { fixture, snapshots, app, logs } = await setUp();
    const dir = snapshotsDir(fixture.dataDir);
    const good = readCurrentManifest(fixture.dataDir)!;
    writeFileSync(join(dir, 'snapshot-000050.duckdb'), 'this is not a database');
    writeFileSync(
      join(dir, 'snapshot-000050.json'),
      JSON.stringify({ ...good, version: 50, name: 'snapshot-000050', file: 'snapshot-000050.duckdb' }),
    );
    writePointer(fixture.dataDir, 'snapshot-000050');
    await snapshots.refresh();
    expect(snapshots.current()!.manifest.version).toBe(1);
    expect(logs.some((l) => l.includes('snapshot-000050 could not be opened') && l.includes('still answering from snapshot-000001'))).toBe(
      true,
    );
    const res = await app.request('/api/queries/overview_headline?format=json');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-snapshot-version')).toBe('1');
    // The next good snapshot is taken up.
    await fixture.publish();
    await snapshots.refresh();
    expect(snapshots.current()!.manifest.version).toBe(51);
  });
});

describe('the opened snapshot is read-only and sealed off from other files', () => {
  it('refuses writes, file access, extensions and configuration changes', async () => {
    const { fixture } = await setUp();
    const manifest = readCurrentManifest(fixture.dataDir)!;
    const snapshot = await openSnapshot(snapshotPath(fixture.dataDir, manifest), manifest, 1);
    cleanups.push(() => snapshot.close());
    const outside = join(fixture.dataDir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.csv'), 'a,b\n1,2\n');
    const attempts: [string, RegExp][] = [
      ["INSERT INTO emulation_blocs VALUES ('X', 'x', true)", /read-only/],
      ['DELETE FROM exemplars', /read-only/],
      [`SELECT * FROM read_csv('${join(outside, 'secret.csv')}')`, /disabled by configuration/],
      [`COPY exemplars TO '${join(outside, 'leak.csv')}'`, /disabled by configuration/],
      [`ATTACH '${fixture.dbPath}' AS writable`, /disabled by configuration/],
      [`SELECT * FROM glob('${outside}/*')`, /disabled by configuration/],
      ['INSTALL httpfs', /disabled|Permission/],
      ['LOAD httpfs', /disabled/],
      ['SET enable_external_access = true', /locked/],
      ["SET access_mode = 'READ_WRITE'", /locked|cannot be changed|Cannot change/],
    ];
    await snapshot.withConnection(async ({ connection }) => {
      for (const [sql, message] of attempts) {
        await expect(connection.run(sql), sql).rejects.toThrow(message);
      }
      const reader = await connection.runAndReadAll(
        "SELECT name, value FROM duckdb_settings() WHERE name IN ('access_mode','enable_external_access','autoload_known_extensions','autoinstall_known_extensions','lock_configuration') ORDER BY name",
      );
      expect(Object.fromEntries(reader.getRows().map(([n, v]) => [n, v]))).toEqual({
        access_mode: 'read_only',
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        enable_external_access: 'false',
        lock_configuration: 'true',
      });
    });
  });
});
