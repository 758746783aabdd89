import { copyFileSync, cpSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRowCounts } from '../contracts/rowCounts.ts';
import { POINTER, POINTER_TMP, pointerPath, readCurrentManifest, snapshotsDir } from '../contracts/snapshotProtocol.ts';
import { repairSnapshots } from '../ingest/store/repairSnapshots.ts';
import { checkCurrentSnapshot } from '../testing/checkCrashState.ts';
import { faultHarness, listFile, removeDir, type FaultHarness } from './faults-helpers.ts';

// What the ingest service runs at start (ingest/server/main.ts): a kill after COMMIT and
// before the snapshot was published must not leave the dashboard stale; an interrupted
// publish leaves files that must not be mistaken for snapshots.
const open: FaultHarness[] = [];
afterEach(() =>
  open.splice(0).forEach((h) => {
    h.close();
    removeDir(h.dir);
  }),
);

describe('faults: restart after a crash', () => {
  it('republishes when the database has a batch the current snapshot lacks, and only then', async () => {
    const h = await faultHarness();
    open.push(h);
    expect((await h.upload(listFile('SYT', 'v1', 5), { agency: 'SYT', year: '2023' })).status).toBe(201);
    const published = readCurrentManifest(h.dir)!;
    // The state a SIGKILL between COMMIT and publishSnapshot leaves: the batch committed, the
    // snapshots folder as it was before (its copy taken now and put back after the upload).
    const saved = `${h.dir}/snapshots-before`;
    cpSync(snapshotsDir(h.dir), saved, { recursive: true });
    const next = await h.upload(listFile('STC', 'v1', 4, '2024'), { agency: 'STC', year: '2024' });
    expect(next.status).toBe(201);
    const batchId = Number(next.body.batchId);
    rmSync(snapshotsDir(h.dir), { recursive: true });
    renameSync(saved, snapshotsDir(h.dir));
    expect(readCurrentManifest(h.dir)?.lastBatchId).toBeLessThan(batchId);

    const repaired = await repairSnapshots(h.db.connection, h.dbPath, h.dir);
    expect(repaired.reason).toBe(`database has batches up to ${batchId}, snapshot ${published.name} up to ${published.lastBatchId}`);
    expect(readCurrentManifest(h.dir)).toMatchObject({
      version: published.version + 1,
      lastBatchId: batchId,
      counts: await readRowCounts(h.db.connection),
    });
    expect(await checkCurrentSnapshot(h.dir)).toMatchObject({ ok: true });
    expect(await repairSnapshots(h.db.connection, h.dbPath, h.dir)).toMatchObject({ reason: null, removed: [] });
  });

  it('removes what an interrupted publish left and keeps the snapshot CURRENT names', async () => {
    const h = await faultHarness();
    open.push(h);
    const dir = snapshotsDir(h.dir);
    const current = readCurrentManifest(h.dir)!;
    // Killed mid-copy, after the copy's rename (no manifest, CURRENT not moved), and mid-pointer write.
    writeFileSync(join(dir, 'snapshot-000007.duckdb.tmp'), 'half a copy');
    copyFileSync(join(dir, current.file), join(dir, 'snapshot-000008.duckdb'));
    writeFileSync(join(dir, POINTER_TMP), 'snapshot-0000');
    const repaired = await repairSnapshots(h.db.connection, h.dbPath, h.dir);
    expect(repaired.removed.sort()).toEqual([POINTER_TMP, 'snapshot-000007.duckdb.tmp', 'snapshot-000008.duckdb']);
    expect(repaired.reason).toBeNull();
    expect(readdirSync(dir).sort()).toEqual([POINTER, current.file, `${current.name}.json`]);
    expect(await checkCurrentSnapshot(h.dir)).toMatchObject({ ok: true });
  });

  it('publishes when CURRENT names a snapshot whose files are gone', async () => {
    const h = await faultHarness();
    open.push(h);
    const dir = snapshotsDir(h.dir);
    writeFileSync(pointerPath(h.dir), 'snapshot-000099\n');
    const repaired = await repairSnapshots(h.db.connection, h.dbPath, h.dir);
    expect(repaired.reason).toBe('no complete snapshot named by CURRENT');
    expect(existsSync(join(dir, `${repaired.manifest!.name}.json`))).toBe(true);
    expect(await checkCurrentSnapshot(h.dir)).toMatchObject({ ok: true });
  });
});
