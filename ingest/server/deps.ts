import type { DuckDBConnection } from '@duckdb/node-api';
import type { TokenEntry } from '../auth/tokens.ts';
import type { Store, UploadLimits } from '../pipeline/ingestUpload.ts';
import type { WriteQueue } from '../commit/writeQueue.ts';

export interface IngestDeps {
  /** The writer connection, its file and the data dir (snapshots). Used only inside `queue`. */
  store: Store;
  /** A second connection on the same instance: sees committed data only, never blocks writes. */
  readConn: DuckDBConnection;
  tokens: readonly TokenEntry[];
  limits: UploadLimits;
  queue: WriteQueue;
  log: (line: string) => void;
  /** Origins allowed to call /api/* from a browser (the dashboard's). */
  corsOrigins: readonly string[];
}
