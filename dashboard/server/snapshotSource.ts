import { existsSync, watch, type FSWatcher } from 'node:fs';
import { POINTER, readManifest, readPointer, snapshotPath, snapshotsDir } from '../../contracts/snapshotProtocol.ts';
import { join } from 'node:path';
import { openSnapshot, removeLeftoverCopies, type OpenSnapshot } from './openSnapshot.ts';

/** A hold on one snapshot for the length of a request; release it exactly once. */
export interface SnapshotLease {
  snapshot: OpenSnapshot;
  release(): void;
}

interface Held {
  snapshot: OpenSnapshot;
  refs: number;
  retired: boolean;
}

export interface SnapshotSourceOptions {
  pollMs?: number;
  poolSize?: number;
  log?: (line: string) => void;
  /** Called once a new snapshot answers (the first screen is drawn for it then, not at the next visit). */
  onSwitch?: (snapshot: OpenSnapshot) => void;
}

/**
 * Follows <dataDir>/snapshots/CURRENT. A new snapshot is opened and checked first, then
 * swapped in at once; the old one closes only when the last request holding it releases it
 * (reference count), so a switch drops nothing in flight. If the new one cannot be opened the
 * last good one keeps answering and the failure is logged. fs.watch gives prompt notice; the
 * poll covers file systems where it is unreliable and a snapshots/ folder created later.
 */
export class SnapshotSource {
  private held: Held | null = null;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> = Promise.resolve();
  private failedName: string | null = null;
  private readonly log: (line: string) => void;

  constructor(
    private readonly dataDir: string,
    private readonly options: SnapshotSourceOptions = {},
  ) {
    this.log = options.log ?? ((line) => console.log(line));
  }

  /** Opens the current snapshot (if any) and starts following CURRENT. */
  async start(): Promise<void> {
    // private copies (with their reporting tables) that a crashed reporting process left
    for (const f of removeLeftoverCopies(join(this.dataDir, 'reporting')))
      this.log(`removed ${f}, left by a reporting process that is gone`);
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs ?? 2000);
    this.timer.unref();
    this.ensureWatcher();
  }

  private ensureWatcher(): void {
    const dir = snapshotsDir(this.dataDir);
    if (this.watcher || !existsSync(dir)) return;
    this.watcher = watch(dir, (_event, file) => {
      if (file === POINTER) void this.refresh();
    });
    this.watcher.on('error', (error) => {
      this.log(`snapshot watcher stopped (${String(error)}); polling continues`);
      this.watcher?.close();
      this.watcher = null;
    });
    this.watcher.unref();
  }

  /** The manifest of the snapshot now answering, or null before the first one. */
  current(): OpenSnapshot | null {
    return this.held?.snapshot ?? null;
  }

  acquire(): SnapshotLease | null {
    const held = this.held;
    if (!held) return null;
    held.refs++;
    let released = false;
    return {
      snapshot: held.snapshot,
      release: () => {
        if (released) return;
        released = true;
        held.refs--;
        this.closeIfIdle(held);
      },
    };
  }

  /** Checks CURRENT and switches if it names another snapshot. Calls are serialised. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.refreshOnce());
    return this.refreshing;
  }

  private async refreshOnce(): Promise<void> {
    this.ensureWatcher();
    const pointer = readPointer(this.dataDir);
    if (!pointer.ok && pointer.error.code === 'NO_SNAPSHOT') return;
    // A pointer that does not read fails like a snapshot that does not open: logged once, the last good one kept.
    const name = pointer.ok ? pointer.value : `${POINTER} (${pointer.error.message})`;
    if (name === this.held?.snapshot.manifest.name || name === this.failedName) return;
    try {
      if (!pointer.ok) throw new Error(pointer.error.message);
      const read = readManifest(this.dataDir, name);
      if (!read.ok) throw new Error(read.error.message);
      const manifest = read.value;
      // The previous snapshot stays held (answering) while the new one is made from its copy.
      const snapshot = await openSnapshot(
        snapshotPath(this.dataDir, manifest),
        manifest,
        this.options.poolSize,
        undefined,
        this.held?.snapshot ?? null,
      );
      const previous = this.held;
      this.held = { snapshot, refs: 0, retired: false };
      this.failedName = null;
      const { opening } = snapshot;
      const how =
        opening.mode === 'refresh'
          ? `refreshed in ${opening.ms} ms (${opening.exemplars} exemplars of ${opening.agencies?.join(', ') || 'no agency'} recomputed)`
          : `built in ${opening.ms} ms${opening.reason ? ` (no refresh: ${opening.reason})` : ''}`;
      this.log(`snapshot ${manifest.name} (version ${manifest.version}, ${manifest.createdAt}) now answering; reporting tables ${how}`);
      if (previous) {
        previous.retired = true;
        this.closeIfIdle(previous);
      }
      this.options.onSwitch?.(snapshot);
    } catch (error) {
      this.failedName = name;
      const kept = this.held ? `still answering from ${this.held.snapshot.manifest.name}` : 'no snapshot to answer from';
      this.log(`snapshot ${name} could not be opened, ${kept}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private closeIfIdle(held: Held): void {
    if (held.retired && held.refs === 0) held.snapshot.close();
  }

  /** Stops following and closes the snapshot (for tests and shutdown). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    this.watcher = null;
    await this.refreshing;
    if (this.held) {
      this.held.retired = true;
      this.closeIfIdle(this.held);
      this.held = null;
    }
  }
}
