import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  POINTER,
  manifestPath,
  pointerPath,
  readCurrentManifest,
  readCurrentSnapshot,
  readPointer,
  snapshotName,
  snapshotPath,
  snapshotsDir,
  writeManifest,
  writePointer,
  type SnapshotManifest,
} from '../contracts/snapshotProtocol.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hy-snapshot-protocol-'));
  dirs.push(dir);
  mkdirSync(snapshotsDir(dir));
  return dir;
}

const manifest = (version: number): SnapshotManifest => ({
  version,
  name: snapshotName(version),
  file: `${snapshotName(version)}.duckdb`,
  createdAt: '2026-11-27T08:00:00.000Z',
  schemaVersion: 9,
  counts: { movements: 20, agencies: 3, exemplars: 5, recognitions: 7, batches: 1, plans: 1, planTargets: 2, allocations: 0 },
  synthetic: true,
  lastBatchId: 1,
});

/** A complete snapshot on disk: copy (its bytes do not matter here), manifest, pointer. */
function publish(dir: string, version: number): SnapshotManifest {
  const m = manifest(version);
  writeFileSync(snapshotPath(dir, m), 'copy');
  writeManifest(dir, m);
  writePointer(dir, m.name);
  return m;
}

describe('snapshot protocol (contracts/snapshotProtocol.ts)', () => {
  it('names and lays out snapshots under <dataDir>/snapshots', () => {
    expect(snapshotName(42)).toBe('snapshot-000042');
    expect(pointerPath('/d')).toBe(join('/d', 'snapshots', POINTER));
    expect(manifestPath('/d', 'snapshot-000042')).toBe(join('/d', 'snapshots', 'snapshot-000042.json'));
  });

  it('writes the pointer by rename, leaves no temp file, and reads back what it wrote', () => {
    const dir = dataDir();
    expect(readPointer(dir)).toMatchObject({ ok: false, error: { code: 'NO_SNAPSHOT' } });
    const first = publish(dir, 1);
    expect(readFileSync(pointerPath(dir), 'utf8')).toBe('snapshot-000001\n');
    expect(readPointer(dir)).toEqual({ ok: true, value: 'snapshot-000001' });
    expect(readCurrentSnapshot(dir)).toEqual({ ok: true, value: first });
    const second = publish(dir, 2);
    expect(readCurrentManifest(dir)).toEqual(second);
    expect(readdirSync(snapshotsDir(dir)).sort()).toEqual([
      POINTER,
      'snapshot-000001.duckdb',
      'snapshot-000001.json',
      'snapshot-000002.duckdb',
      'snapshot-000002.json',
    ]);
    expect(() => writePointer(dir, '../elsewhere')).toThrow(/not a snapshot name/);
    expect(readPointer(dir)).toEqual({ ok: true, value: 'snapshot-000002' });
  });

  it('gives an error value, never a throw, for a missing, torn or garbage manifest or pointer', () => {
    const dir = dataDir();
    publish(dir, 1);
    const read = () => readCurrentSnapshot(dir);

    rmSync(manifestPath(dir, 'snapshot-000001'));
    expect(read()).toMatchObject({ ok: false, error: { code: 'MANIFEST_MISSING' } });

    const whole = JSON.stringify(manifest(1), null, 2);
    writeFileSync(manifestPath(dir, 'snapshot-000001'), whole.slice(0, whole.length / 2));
    expect(read()).toMatchObject({ ok: false, error: { code: 'BAD_MANIFEST', message: expect.stringContaining('not JSON') } });

    writeFileSync(manifestPath(dir, 'snapshot-000001'), '[1, 2, 3]');
    expect(read()).toMatchObject({ ok: false, error: { code: 'BAD_MANIFEST' } });

    writeFileSync(manifestPath(dir, 'snapshot-000001'), JSON.stringify({ ...manifest(1), counts: { movements: 'many' } }));
    expect(read()).toMatchObject({ ok: false, error: { code: 'BAD_MANIFEST', message: expect.stringContaining('counts') } });

    // A manifest copied under another name does not describe the snapshot it is read for.
    writeFileSync(manifestPath(dir, 'snapshot-000001'), JSON.stringify(manifest(7)));
    expect(read()).toMatchObject({ ok: false, error: { code: 'BAD_MANIFEST', message: expect.stringContaining('name') } });

    writeManifest(dir, manifest(1));
    rmSync(snapshotPath(dir, manifest(1)));
    expect(read()).toMatchObject({ ok: false, error: { code: 'SNAPSHOT_FILE_MISSING' } });
    expect(readCurrentManifest(dir)).toBeNull();

    writeFileSync(pointerPath(dir), 'snapshot-0000');
    expect(read()).toMatchObject({ ok: false, error: { code: 'BAD_POINTER' } });
    writeFileSync(pointerPath(dir), '\u0000\u0001garbage');
    expect(read()).toMatchObject({ ok: false, error: { code: 'BAD_POINTER' } });
  });
});
