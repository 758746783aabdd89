import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** The file whose lock says "an ingest service writes this data folder". */
export const WRITER_LOCK_FILE = 'ingest.lock';

/** Another process holds the data folder: the service must not start. */
export class WriterLockHeld extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number | null,
    cause: unknown,
  ) {
    super(
      `another ingest service${holderPid ? ` (PID ${holderPid})` : ''} holds the data folder ${dataDir} (lock ${join(dataDir, WRITER_LOCK_FILE)}); ` +
        'refusing to start: only one process may write the database. Stop the other service, or give this one its own DATA_DIR.',
      { cause },
    );
    this.name = 'WriterLockHeld';
  }
}

/**
 * Takes the data folder's single-writer lock for the life of the process (docs/architecture.md#one-writer-per-data-folder).
 * DuckDB's lock on the database file is a POSIX record lock, which Linux drops for the whole
 * process as soon as it closes any descriptor of that file; so the lock is held on a file of
 * its own, which nothing in the process ever opens again, and the kernel releases it only when
 * the process ends (a SIGKILL included). The lock is DuckDB's, taken on a tiny database of its
 * own: Node has no flock, and DuckDB's message names the holder's PID. Keep the returned
 * handle referenced: closing it releases the lock.
 */
export async function holdWriterLock(dataDir: string): Promise<{ release(): void }> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(join(dataDir, WRITER_LOCK_FILE), {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
      threads: '1',
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/lock/i.test(message)) throw new WriterLockHeld(dataDir, Number(/PID (\d+)/.exec(message)?.[1]) || null, error);
    throw error;
  }
  held.add(instance);
  return {
    release() {
      held.delete(instance);
      instance.closeSync();
    },
  };
}

// Referenced here so that no garbage collection can close the instance, and its lock, early.
const held = new Set<DuckDBInstance>();
