import { existsSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { openDatabase } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';
import { publishSnapshot, readCurrentManifest } from '../store/publishSnapshot.ts';
import { loadTokens, type TokenEntry } from '../auth/tokens.ts';
import { WriteQueue } from '../commit/writeQueue.ts';
import { DEFAULT_LIMITS } from '../pipeline/ingestUpload.ts';
import { createIngestApp } from './app.ts';

const dataDir = resolve(process.env.DATA_DIR ?? './data');
const port = Number(process.env.INGEST_PORT ?? 8787);
const tokensFile = process.env.INGEST_TOKENS_FILE;
mkdirSync(dataDir, { recursive: true });
const dbPath = join(dataDir, 'exemplars.duckdb');

const log = (line: string) => console.log(`[ingest] ${new Date().toISOString()} ${line}`);

const db = await openDatabase(dbPath);
const applied = await migrate(db.connection);
if (applied.length) log(`migrated: ${applied.join(', ')}`);
if (!readCurrentManifest(dataDir)) log(`published snapshot ${(await publishSnapshot(db.connection, dbPath, dataDir)).name}`);
let tokens: TokenEntry[] = [];
if (tokensFile && existsSync(tokensFile)) tokens = loadTokens(tokensFile);
else log('no INGEST_TOKENS_FILE: every upload will be refused (401)');

const readConn = await db.instance.connect();
const app = createIngestApp({
  store: { conn: db.connection, dbPath, dataDir },
  readConn,
  tokens,
  limits: {
    ...DEFAULT_LIMITS,
    ...(process.env.INGEST_MAX_BYTES ? { maxBytes: Number(process.env.INGEST_MAX_BYTES) } : {}),
    ...(process.env.INGEST_MAX_ROWS ? { maxRows: Number(process.env.INGEST_MAX_ROWS) } : {}),
  },
  queue: new WriteQueue(),
  log,
  corsOrigins: corsOrigins(),
});

/** INGEST_CORS_ORIGINS (comma-separated), else the dashboard on this host. */
function corsOrigins(): string[] {
  if (process.env.INGEST_CORS_ORIGINS) return process.env.INGEST_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  const dashboardPort = process.env.DASHBOARD_PORT ?? '8788';
  return [`http://localhost:${dashboardPort}`, `http://127.0.0.1:${dashboardPort}`];
}

const server = serve({ fetch: app.fetch, port }, (info) => log(`listening on http://localhost:${info.port} (data ${dataDir}, ${tokens.length} tokens)`));
const stop = () => {
  server.close(() => {
    readConn.closeSync();
    db.close();
    process.exit(0);
  });
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
