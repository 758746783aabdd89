import { PassThrough, Readable, type Writable } from 'node:stream';
import type { CachedAnswer } from './answerCache.ts';
import type { ChunkEncoder } from './chunkEncoder.ts';
import { createCsvEncoder } from './encodeCsv.ts';
import { createJsonEncoder } from './encodeJson.ts';
import { createXlsxEncoder } from './encodeXlsx.ts';
import { describeExportParams, localDateTime, type DescribedParam } from './describeExportParams.ts';
import type { AnswerRequest } from './encodeAnswer.ts';
import { exportFileName } from './exportFileName.ts';
import type { OpenSnapshot } from './openSnapshot.ts';
import { readChunkColumns, resultShape, type ResultShape } from './readResultColumns.ts';
import type { QueryResult } from './queryResult.ts';
import { bindNamedQuery, type RowScope } from './runNamedQuery.ts';
import { agenciesReadableBy, keepRows } from './scopeRows.ts';

/** Answers up to this many rows are built whole (and may be cached); longer ones stream. */
export const STREAM_ABOVE_ROWS = 5_000;
/** A client that reads nothing for this long loses its export (it holds a slot and a connection). */
const STALL_MS = 60_000;
/**
 * Rows encoded between two turns of the event loop: a 2,048-row chunk as XLSX is ~170 ms of
 * synchronous work on the development machine, long enough to hold up /health and the charts.
 */
const ROWS_PER_TURN = 256;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function sliceRows(result: QueryResult, start: number, end: number): QueryResult {
  if (start === 0 && end >= result.rowCount) return result;
  return {
    rowCount: Math.min(end, result.rowCount) - start,
    columns: result.columns.map((c) => ({ ...c, values: c.values.slice(start, end) })),
  };
}

export type ExportOutcome =
  | { kind: 'whole'; answer: CachedAnswer }
  | { kind: 'stream'; body: ReadableStream<Uint8Array>; headers: Record<string, string>; finished: Promise<void> };

/** What the .docx and the page say of demo data (dashboard/app/lib/describe.ts). */
export const SYNTHETIC_WARNING = 'DỮ LIỆU MINH HỌA, TỔNG HỢP NGẪU NHIÊN — không dùng cho báo cáo chính thức';

function encoderFor(request: AnswerRequest, shape: ResultShape, out: Writable, params: DescribedParam[]): ChunkEncoder {
  const { def, format, header, manifest } = request;
  if (format === 'json') return createJsonEncoder(out);
  const declared = new Map(def.columns.map((col) => [col.name, col]));
  const headings = shape.names.map((name) => (header === 'label' ? (declared.get(name)?.label ?? name) : name));
  const shares = shape.names.map((name) => declared.get(name)?.format === 'share');
  const synthetic = manifest.synthetic ? SYNTHETIC_WARNING : null;
  if (format === 'csv') return createCsvEncoder(out, headings, { dialect: 'machine', shares, notice: null });
  // People open this one: the warning is its first line (the machine CSV says it in its name only).
  if (format === 'csv-vi') return createCsvEncoder(out, headings, { dialect: 'vi', shares, notice: synthetic });
  return createXlsxEncoder(out, headings, {
    title: def.title,
    snapshotName: manifest.name,
    snapshotCreatedAt: localDateTime(manifest.createdAt),
    params,
    synthetic,
    shares,
  });
}

/** Resolves when `out` can take more, or is gone; rejects when its reader stalls. */
function drained(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain || out.destroyed) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      out.off('drain', done).off('close', done);
      resolve();
    };
    const timer = setTimeout(() => {
      out.off('drain', done).off('close', done);
      reject(new Error(`export reader stalled for ${STALL_MS / 1000} s`));
    }, STALL_MS);
    out.on('drain', done).on('close', done);
  });
}

/**
 * A CSV, XLSX or JSON answer produced from DuckDB's streamed result one chunk (2,048 rows) at a
 * time on a pooled connection. Up to STREAM_ABOVE_ROWS rows the bytes are collected into one
 * body with its X-Row-Count (the answer cache can keep it); beyond, the body streams as the
 * client reads it (no row count: it is known only at the end), and `finished` settles when the
 * last byte is written or the client has gone (the connection is held until then).
 * Agency-scoped rows are filtered per chunk.
 */
export function exportAnswer(
  snapshot: OpenSnapshot,
  request: AnswerRequest,
  rowScope: RowScope | null,
  signal?: AbortSignal,
): Promise<ExportOutcome> {
  return new Promise<ExportOutcome>((resolve, reject) => {
    let settled = false;
    let markFinished: (error?: unknown) => void = () => {};
    const finished = new Promise<void>((done, fail) => {
      markFinished = (error) => (error === undefined ? done() : fail(error));
    });
    finished.catch(() => {}); // observed by the caller once streaming; before that, reject() reports it
    const work = snapshot.withConnection(async (pooled) => {
      // Before the stream starts: any other statement on the connection would end it.
      const allowed = rowScope ? await agenciesReadableBy(pooled, rowScope.agency) : null;
      const params =
        request.format === 'xlsx' ? await describeExportParams(pooled, request.def, request.values, snapshot.facts.vocabulary) : [];
      const statement = await bindNamedQuery(pooled, request.def, request.values);
      // Streamed, not materialised: DuckDB frees a streamed result's memory as soon as the
      // connection runs its next statement; a materialised one waits for V8 to collect it.
      const result = await statement.stream();
      const shape = resultShape(result);
      const out = new PassThrough();
      const encoder = encoderFor(request, shape, out, params);
      const headers: Record<string, string> = { 'Content-Type': encoder.contentType };
      if (request.format !== 'json') {
        headers['Content-Disposition'] =
          `attachment; filename="${exportFileName(request.def, request.values, request.manifest, request.format === 'xlsx' ? 'xlsx' : 'csv')}"`;
        if (request.manifest.synthetic) headers['X-Synthetic-Data'] = 'true';
      }
      // Collected until the answer proves long, then streamed from what was collected on.
      const parts: Buffer[] = [];
      const collect = (b: Buffer) => parts.push(b);
      out.on('data', collect);
      const ended = new Promise<void>((done, fail) => out.once('end', done).once('error', fail));
      ended.catch(() => {}); // awaited below when the answer stays whole
      const startStreaming = () => {
        out.off('data', collect);
        const body = new PassThrough();
        for (const part of parts.splice(0)) body.write(part);
        out.pipe(body);
        // The client going away cancels `body`: stop producing.
        body.once('close', () => out.destroy());
        settled = true;
        resolve({ kind: 'stream', body: Readable.toWeb(body) as ReadableStream<Uint8Array>, headers, finished });
      };
      let rows = 0;
      try {
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          if (out.destroyed) throw new Error('export abandoned: the client went away');
          let columns = readChunkColumns(chunk, shape);
          if (allowed && rowScope) columns = keepRows(columns, rowScope.column, allowed);
          rows += columns.rowCount;
          for (let start = 0; start < columns.rowCount; start += ROWS_PER_TURN) {
            if (start > 0) await nextTurn();
            encoder.write(sliceRows(columns, start, start + ROWS_PER_TURN));
          }
          if (!settled && rows > STREAM_ABOVE_ROWS) startStreaming();
          await drained(out);
        }
        if (out.destroyed) throw new Error('export abandoned: the client went away');
        await encoder.end();
        if (!settled) await ended;
      } catch (error) {
        out.destroy(error as Error);
        throw error;
      }
      if (!settled) {
        settled = true;
        resolve({
          kind: 'whole',
          answer: { body: new Uint8Array(Buffer.concat(parts)), headers: { ...headers, 'X-Row-Count': String(rows) } },
        });
      }
    }, signal);
    work.then(
      () => markFinished(),
      (error: unknown) => {
        markFinished(error);
        if (!settled) reject(error);
      },
    );
  });
}
