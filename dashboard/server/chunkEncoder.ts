import type { Writable } from 'node:stream';
import type { QueryResult } from './queryResult.ts';

/**
 * Writes an answer to `out` one result chunk at a time, so an export never holds more than a
 * chunk of rows in JavaScript (the caller waits for `out` to drain between chunks).
 */
export interface ChunkEncoder {
  readonly contentType: string;
  /** Encodes the rows of one chunk into `out`. */
  write(chunk: QueryResult): void;
  /** Writes what closes the file and ends `out`. */
  end(): Promise<void>;
}

export type CreateEncoder = (out: Writable) => ChunkEncoder;
