import type { Writable } from 'node:stream';
import type { ChunkEncoder } from './chunkEncoder.ts';
import type { CellValue, QueryResult } from './queryResult.ts';

export const JSON_TYPE = 'application/json';

/** `{"rows":[{…},…]}`, the same bytes as JSON.stringify of the whole list, written a chunk at a time. */
export function createJsonEncoder(out: Writable): ChunkEncoder {
  let first = true;
  out.write('{"rows":[');
  return {
    contentType: JSON_TYPE,
    write(chunk: QueryResult) {
      const parts: string[] = [];
      for (let i = 0; i < chunk.rowCount; i++) {
        const row: Record<string, CellValue> = {};
        for (const column of chunk.columns) row[column.name] = column.values[i] ?? null;
        parts.push(JSON.stringify(row));
      }
      if (!parts.length) return;
      out.write((first ? '' : ',') + parts.join(','));
      first = false;
    },
    async end() {
      out.end(']}');
    },
  };
}
