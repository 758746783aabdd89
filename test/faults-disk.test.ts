import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRowCounts } from '../contracts/rowCounts.ts';
import { readCurrentManifest, snapshotsDir } from '../contracts/snapshotProtocol.ts';
import { repairSnapshots } from '../ingest/store/repairSnapshots.ts';
import { checkCurrentSnapshot } from '../testing/checkCrashState.ts';
import { faultHarness, listFile, removeDir, type FaultHarness } from './faults-helpers.ts';

// Disk full / unwritable data folder (README, "Faults and load"). As root (how the tests run here) chmod does
// not stop writes, so the disk is a real small tmpfs filled to the last byte; "space returns"
// is the filler deleted. Without root (no mount), the same checks run against folders made
// read-only with chmod, which does stop a non-root writer.
const ROOT = process.getuid?.() === 0;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** A folder on which writes can be made to fail: a small tmpfs (root) or a plain folder (chmod). */
function smallDisk(path: string, sizeMb: number): void {
  mkdirSync(path, { recursive: true });
  if (!ROOT) return;
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', path]);
  cleanups.push(() => execFileSync('umount', ['-l', path]));
}

/** Makes writes under `path` fail: fills the tmpfs to the last byte, or removes write permission. Returns the undo. */
function exhaust(path: string): () => void {
  if (!ROOT) {
    chmodSync(path, 0o555);
    return () => chmodSync(path, 0o755);
  }
  const filler = join(path, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  // The last partial megabyte too, byte by byte in 4 KiB steps.
  try {
    for (;;) writeSync(fd, chunk, 0, 4096);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  closeSync(fd);
  return () => rmSync(filler);
}

async function open(dir: string): Promise<FaultHarness> {
  const h = await faultHarness(dir);
  cleanups.push(() => h.close());
  return h;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hy-faults-disk-'));
  cleanups.push(() => removeDir(dir));
  return dir;
}

const fields = { agency: 'SYT', year: '2023' };

describe('faults: disk full or unwritable', () => {
  it(`the database's disk is ${ROOT ? 'full' : 'read-only'}: 507 with a code and a Vietnamese message, nothing changes, and the next upload succeeds once space returns`, async () => {
    const dir = join(tempDir(), 'data');
    smallDisk(dir, 64);
    const h = await open(dir);
    expect((await h.upload(listFile('SYT', 'v1', 20), fields)).status).toBe(201);
    const before = await readRowCounts(h.db.connection);
    const current = readCurrentManifest(dir)!;

    const restore = exhaust(dir);
    const refused = await h.upload(listFile('SYT', 'v2', 30), fields);
    expect(refused.status).toBe(507);
    expect(refused.body.error.code).toBe(ROOT ? 'DISK_FULL' : 'STORAGE_UNWRITABLE');
    expect(refused.body.error.message).toMatch(/chưa được nhập, dữ liệu không thay đổi/);
    // No corruption: the database and the published snapshot are as they were.
    expect(await readRowCounts(h.db.connection)).toEqual(before);
    expect(await h.count(`SELECT count(*) FROM ingest_batches WHERE file_name = 'SYT_2023_v2.csv'`)).toBe(0);
    expect(readCurrentManifest(dir)?.name).toBe(current.name);
    expect(await checkCurrentSnapshot(dir)).toMatchObject({ ok: true });

    restore();
    const retried = await h.upload(listFile('SYT', 'v2', 30), fields);
    if (retried.status !== 201) console.error(JSON.stringify(retried.body), h.logs.join('\n'));
    expect(retried.status).toBe(201);
    expect(retried.body.snapshotVersion).toBeGreaterThan(current.version);
    expect(await h.count(`SELECT count(*) FROM recognitions WHERE batch_id = ${Number(retried.body.batchId)}`)).toBe(30);
    expect(readCurrentManifest(dir)?.counts).toEqual(await readRowCounts(h.db.connection));
    expect(await checkCurrentSnapshot(dir)).toMatchObject({ ok: true });
  });

  it(`the snapshots folder is ${ROOT ? 'full' : 'read-only'} after COMMIT: the answer says the batch was saved, CURRENT keeps the old snapshot, and the repair publishes once space returns`, async () => {
    const dir = tempDir();
    const snapshots = snapshotsDir(dir);
    smallDisk(snapshots, 32);
    const h = await open(dir);
    const current = readCurrentManifest(dir)!;

    const restore = exhaust(snapshots);
    const res = await h.upload(listFile('STC', 'v1', 12, '2024'), { agency: 'STC', year: '2024' });
    expect(res.status).toBe(ROOT ? 507 : 500);
    expect(res.body.error.code).toBe('SNAPSHOT_NOT_PUBLISHED');
    expect(res.body.error.message).toMatch(/đã được lưu/);
    // The batch is committed whole (a retry of the same file answers with it), the dashboard
    // keeps the previous complete snapshot, and no half-copied file is left behind.
    expect(
      await h.count(`SELECT count(*) FROM recognitions r JOIN ingest_batches b ON b.id = r.batch_id WHERE b.agency_code = 'STC'`),
    ).toBe(12);
    expect(readCurrentManifest(dir)?.name).toBe(current.name);
    expect(await checkCurrentSnapshot(dir)).toMatchObject({ ok: true });
    const retry = await h.upload(listFile('STC', 'v1', 12, '2024'), { agency: 'STC', year: '2024' });
    expect(retry).toMatchObject({ status: 200, body: { status: 'unchanged' } });

    restore();
    // What the ingest service's timer (and its start-up) runs: the snapshot catches up.
    const repaired = await h.queue.run(() => repairSnapshots(h.db.connection, h.dbPath, dir));
    expect(repaired.reason).toMatch(/database has batches up to/);
    expect(repaired.removed.filter((f) => f.startsWith('snapshot-'))).toEqual([]);
    expect(readCurrentManifest(dir)?.counts).toEqual(await readRowCounts(h.db.connection));
    expect(await checkCurrentSnapshot(dir)).toMatchObject({ ok: true });
    // Once repaired, the check finds nothing to do.
    expect((await h.queue.run(() => repairSnapshots(h.db.connection, h.dbPath, dir))).reason).toBeNull();
  });
});
