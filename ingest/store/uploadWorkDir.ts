import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where an upload's copy and its work files live while it is read: a folder of the data
 * folder, not the system temp folder. The copy holds a clerk's list with people's names; a
 * crash used to leave it in /tmp for good. Here the single writer that owns the
 * data folder (writerLock.ts) can empty it at start, knowing no other process uses it.
 */
export const UPLOADS_WORK_DIR = 'tmp';

/** A new private folder for one upload; the caller removes it when done, whatever happened. */
export function makeUploadWorkDir(dataDir: string, prefix: 'upload-' | 'ingest-'): string {
  const root = join(dataDir, UPLOADS_WORK_DIR);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  return mkdtempSync(join(root, prefix));
}

/** Folders the system temp folder got from versions before this one (hy-upload-*, hy-ingest-*). */
const LEGACY = /^hy-(upload|ingest)-/;
/** A legacy folder this old belongs to no upload still running (uploads take seconds to minutes). */
const LEGACY_AGE_MS = 3600_000;

/**
 * Removes what uploads interrupted by a crash left: everything in the data folder's work
 * folder (call it once the writer lock is held), and legacy folders in the system temp
 * folder older than an hour. Returns the names removed, for the log.
 */
export function removeLeftoverUploads(dataDir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  const root = join(dataDir, UPLOADS_WORK_DIR);
  for (const name of safeList(root)) {
    rmSync(join(root, name), { recursive: true, force: true });
    removed.push(join(UPLOADS_WORK_DIR, name));
  }
  const system = tmpdir();
  for (const name of safeList(system).filter((n) => LEGACY.test(n))) {
    const path = join(system, name);
    try {
      if (now - statSync(path).mtimeMs < LEGACY_AGE_MS) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch (error) {
      // Another user's folder or one just removed: not ours to insist on.
      if (
        (error as NodeJS.ErrnoException).code !== 'ENOENT' &&
        (error as NodeJS.ErrnoException).code !== 'EACCES' &&
        (error as NodeJS.ErrnoException).code !== 'EPERM'
      )
        throw error;
    }
  }
  return removed;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
