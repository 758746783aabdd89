import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { openDatabase, queryRows } from '../store/database.ts';
import { holdWriterLock, WriterLockHeld } from '../store/writerLock.ts';
import { removeLeftoverUploads } from '../store/uploadWorkDir.ts';
import { migrate } from '../store/migrate.ts';
import { repairSnapshots } from '../store/repairSnapshots.ts';
import { loadTokens, TokenConfigError, type TokenEntry } from '../auth/tokens.ts';
import { WriteQueue } from '../commit/writeQueue.ts';
import { DEFAULT_LIMITS, INGEST_MEMORY_LIMIT } from '../pipeline/ingestUpload.ts';
import { createIngestApp } from './app.ts';
import { tracePhases } from './tracePhases.ts';

const dataDir = resolve(process.env.DATA_DIR ?? './data');
const port = Number(process.env.INGEST_PORT ?? 8787);
const tokensFile = process.env.INGEST_TOKENS_FILE;
mkdirSync(dataDir, { recursive: true });
const dbPath = join(dataDir, 'exemplars.duckdb');

const log = (line: string) => console.log(`[ingest] ${new Date().toISOString()} ${line}`);

// First of all: one writer per data folder, for the life of the process (docs/architecture.md#one-writer-per-data-folder).
const writerLock = await holdWriterLock(dataDir).catch((error: unknown) => {
  if (!(error instanceof WriterLockHeld)) throw error;
  console.error(`[ingest] ${new Date().toISOString()} ${error.message}`);
  process.exit(1);
});

// Copies of clerks' lists that a crash left behind (they name people); the lock says none is in use.
const leftovers = removeLeftoverUploads(dataDir);
if (leftovers.length) log(`start: removed ${leftovers.length} upload folder(s) left by an interrupted upload: ${leftovers.join(', ')}`);

// Capped so a 1M-row upload stays under 1 GiB of process memory (bench/ingest.bench.ts).
const db = await openDatabase(dbPath, { memoryLimit: process.env.DUCKDB_MEMORY_LIMIT ?? INGEST_MEMORY_LIMIT });
const applied = await migrate(db.connection);
if (applied.length) log(`migrated: ${applied.join(', ')}`);
// A kill after COMMIT and before the snapshot was published (or a disk that was full while
// publishing) must not leave the dashboard on an older snapshot for good.
const repair = async (when: string) => {
  const done = await repairSnapshots(db.connection, dbPath, dataDir);
  if (done.removed.length) log(`${when}: removed leftovers of an interrupted publish: ${done.removed.join(', ')}`);
  if (done.reason) log(`${when}: published snapshot ${done.manifest?.name} (${done.reason})`);
};
// A disk still full at start leaves the previous snapshot answering; the timer below retries.
await repair('start').catch((error: unknown) =>
  log(`start: snapshot not republished: ${error instanceof Error ? error.message : String(error)}`),
);
let tokens: TokenEntry[] = [];
if (tokensFile && existsSync(tokensFile)) {
  // Fails closed: a tokens file with any doubtful entry stops the service (docs/architecture.md#security).
  const agencies = new Set((await queryRows(db.connection, 'SELECT code FROM agencies')).map((r) => String(r.code)));
  try {
    tokens = loadTokens(tokensFile, agencies);
  } catch (error) {
    if (!(error instanceof TokenConfigError)) throw error;
    log(error.message);
    process.exit(1);
  }
} else log('no INGEST_TOKENS_FILE: every upload will be refused (401)');

const readConn = await db.instance.connect();
const queue = new WriteQueue();
// Retries a publish that failed (disk full, unwritable folder) once the disk is usable again,
// even if no further upload comes; inside the queue, so it never runs beside an upload.
const repairMs = Number(process.env.INGEST_SNAPSHOT_REPAIR_MS ?? 30_000);
const repairTimer = setInterval(() => {
  queue
    .run(() => repair('repair'))
    .catch((error: unknown) => log(`repair: snapshot still not published: ${error instanceof Error ? error.message : String(error)}`));
}, repairMs);
repairTimer.unref();
const app = createIngestApp({
  store: { conn: process.env.INGEST_TRACE_PHASES === '1' ? tracePhases(db.connection, log) : db.connection, dbPath, dataDir },
  readConn,
  tokens,
  limits: {
    ...DEFAULT_LIMITS,
    ...(process.env.INGEST_MAX_BYTES ? { maxBytes: Number(process.env.INGEST_MAX_BYTES) } : {}),
    ...(process.env.INGEST_MAX_ROWS ? { maxRows: Number(process.env.INGEST_MAX_ROWS) } : {}),
  },
  queue,
  log,
  corsOrigins: corsOrigins(),
});

/** INGEST_CORS_ORIGINS (comma-separated), else the dashboard on this host. */
function corsOrigins(): string[] {
  if (process.env.INGEST_CORS_ORIGINS)
    return process.env.INGEST_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  const dashboardPort = process.env.DASHBOARD_PORT ?? '8788';
  return [`http://localhost:${dashboardPort}`, `http://127.0.0.1:${dashboardPort}`];
}

// Loopback unless HOST opens it (HOST=0.0.0.0 or one of this machine's addresses).
const host = process.env.HOST || '127.0.0.1';
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) =>
  log(
    `listening on http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port} (data ${dataDir}, ${tokens.length} tokens)`,
  ),
);
const stop = () => {
  clearInterval(repairTimer);
  server.close(() => {
    readConn.closeSync();
    db.close();
    writerLock.release();
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
