import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RowCounts } from './rowCounts.ts';

/**
 * The snapshot protocol between the writer (ingest publishes) and the reader (reporting
 * follows): read-only copies of the database under `<dataDir>/snapshots/`:
 *   snapshot-000042.duckdb   the copy
 *   snapshot-000042.json     its manifest (written before CURRENT names it)
 *   CURRENT                  one line: the name of the newest complete snapshot
 * CURRENT is replaced by rename, so a reader sees either the old or the new name, never half.
 */
export interface SnapshotManifest {
  version: number;
  name: string;
  file: string;
  createdAt: string;
  schemaVersion: number;
  counts: RowCounts;
  synthetic: boolean;
  /** max(ingest_batches.id) in the copy: a start-up check compares it with the database. */
  lastBatchId?: number;
}

export const SNAPSHOTS_DIR = 'snapshots';
/** The pointer's file name, and the temporary name it is written under before the rename. */
export const POINTER = 'CURRENT';
export const POINTER_TMP = `${POINTER}.tmp`;
/** A snapshot's name, at least six digits (capture: version): "snapshot-0000" is a torn write. */
export const SNAPSHOT_NAME = /^snapshot-(\d{6,})$/;
/** A snapshot's copy or manifest (captures: version, extension). */
export const SNAPSHOT_FILE = /^snapshot-(\d+)\.(duckdb|json)$/;

export function snapshotsDir(dataDir: string): string {
  return join(dataDir, SNAPSHOTS_DIR);
}

export function pointerPath(dataDir: string): string {
  return join(snapshotsDir(dataDir), POINTER);
}

/** snapshot-000042 for version 42. */
export function snapshotName(version: number): string {
  return `snapshot-${String(version).padStart(6, '0')}`;
}

export function snapshotFileName(name: string): string {
  return `${name}.duckdb`;
}

export function manifestPath(dataDir: string, name: string): string {
  return join(snapshotsDir(dataDir), `${name}.json`);
}

/** Where the copy a manifest describes lies. */
export function snapshotPath(dataDir: string, manifest: Pick<SnapshotManifest, 'file'>): string {
  return join(snapshotsDir(dataDir), manifest.file);
}

export type SnapshotProblemCode = 'NO_SNAPSHOT' | 'BAD_POINTER' | 'MANIFEST_MISSING' | 'BAD_MANIFEST' | 'SNAPSHOT_FILE_MISSING';

/** Why no complete snapshot could be read (English: it goes to logs). */
export interface SnapshotProblem {
  code: SnapshotProblemCode;
  message: string;
}

export type SnapshotRead<T> = { ok: true; value: T } | { ok: false; error: SnapshotProblem };

const fail = (code: SnapshotProblemCode, message: string): { ok: false; error: SnapshotProblem } => ({
  ok: false,
  error: { code, message },
});

/** The name CURRENT holds: NO_SNAPSHOT before the first publish, BAD_POINTER for anything but a snapshot name. */
export function readPointer(dataDir: string): SnapshotRead<string> {
  let text: string;
  try {
    text = readFileSync(pointerPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fail('NO_SNAPSHOT', `no ${POINTER} in ${snapshotsDir(dataDir)}`);
    return fail('BAD_POINTER', `${POINTER} could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const name = text.trim();
  if (!SNAPSHOT_NAME.test(name)) return fail('BAD_POINTER', `${POINTER} holds ${JSON.stringify(name.slice(0, 40))}, not a snapshot name`);
  return { ok: true, value: name };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Checks a manifest's text field by field; `name` is the name it was read under. */
export function parseManifest(text: string, name: string): SnapshotRead<SnapshotManifest> {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (error) {
    return fail('BAD_MANIFEST', `${name}.json is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return fail('BAD_MANIFEST', `${name}.json is not an object`);
  const o = m as Record<string, unknown>;
  const wrong = (field: string, want: string) =>
    fail('BAD_MANIFEST', `${name}.json: ${field} should be ${want}, is ${JSON.stringify(o[field]) ?? 'absent'}`);
  if (o.name !== name) return wrong('name', JSON.stringify(name));
  if (!isCount(o.version) || o.version !== Number(SNAPSHOT_NAME.exec(name)?.[1])) return wrong('version', `the number in ${name}`);
  if (o.file !== snapshotFileName(name)) return wrong('file', JSON.stringify(snapshotFileName(name)));
  if (typeof o.createdAt !== 'string' || Number.isNaN(Date.parse(o.createdAt))) return wrong('createdAt', 'an ISO date-time');
  if (!isCount(o.schemaVersion)) return wrong('schemaVersion', 'an integer');
  if (typeof o.synthetic !== 'boolean') return wrong('synthetic', 'true or false');
  if (o.lastBatchId !== undefined && !isCount(o.lastBatchId)) return wrong('lastBatchId', 'an integer');
  const counts = o.counts;
  // Any counts object of integers: a manifest from before a count was added still names a usable copy.
  if (typeof counts !== 'object' || counts === null || Array.isArray(counts) || !Object.values(counts).every(isCount))
    return wrong('counts', 'an object of counts');
  return { ok: true, value: o as unknown as SnapshotManifest };
}

export function readManifest(dataDir: string, name: string): SnapshotRead<SnapshotManifest> {
  let text: string;
  try {
    text = readFileSync(manifestPath(dataDir, name), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return fail(
      missing ? 'MANIFEST_MISSING' : 'BAD_MANIFEST',
      `${name}.json could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return parseManifest(text, name);
}

/** The snapshot CURRENT names, complete (pointer, manifest and copy all there), or why not. */
export function readCurrentSnapshot(dataDir: string): SnapshotRead<SnapshotManifest> {
  const pointer = readPointer(dataDir);
  if (!pointer.ok) return pointer;
  const manifest = readManifest(dataDir, pointer.value);
  if (!manifest.ok) return manifest;
  if (!existsSync(snapshotPath(dataDir, manifest.value)))
    return fail('SNAPSHOT_FILE_MISSING', `${manifest.value.file} named by ${POINTER} is not there`);
  return manifest;
}

/** The current snapshot's manifest, or null when there is no complete one (for callers that only show it). */
export function readCurrentManifest(dataDir: string): SnapshotManifest | null {
  const read = readCurrentSnapshot(dataDir);
  return read.ok ? read.value : null;
}

/** Flushes a file (the copy, before any name points at it) or a folder to the disk. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file and flushes it to the disk before returning. */
export function writeDurably(path: string, text: string): void {
  writeFileSync(path, text);
  fsyncPath(path);
}

/** The manifest goes to the disk before any pointer names it. */
export function writeManifest(dataDir: string, manifest: SnapshotManifest): void {
  writeDurably(manifestPath(dataDir, manifest.name), JSON.stringify(manifest, null, 2));
}

/**
 * Points CURRENT at `name`: written under CURRENT.tmp, flushed, renamed over CURRENT, then the
 * folder flushed so the rename itself survives a power cut. A reader sees the old name or the
 * new one, never a torn line. Throws on an I/O failure (the writer maps it to its own error).
 */
export function writePointer(dataDir: string, name: string): void {
  if (!SNAPSHOT_NAME.test(name)) throw new Error(`not a snapshot name: ${name}`);
  const dir = snapshotsDir(dataDir);
  writeDurably(join(dir, POINTER_TMP), `${name}\n`);
  renameSync(join(dir, POINTER_TMP), join(dir, POINTER));
  fsyncPath(dir);
}
