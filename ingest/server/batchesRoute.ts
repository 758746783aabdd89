import type { Hono } from 'hono';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { ALL_AGENCIES } from '../auth/tokens.ts';
import { jsonError, requireToken } from './auth.ts';
import type { IngestDeps } from './deps.ts';

const LIST = loadSql(import.meta.url, './sql/batches_list.sql');
const ONE = loadSql(import.meta.url, './sql/batch_by_id.sql');

/** Audit: every batch with who sent it, when, file, SHA-256, counts, status; scoped to the token. */
export function registerBatches(app: Hono, deps: IngestDeps): void {
  app.get('/api/batches', async (c) => {
    const token = requireToken(c, deps.tokens);
    const rows = await queryRows(deps.readConn, LIST, { agency: token.agency === ALL_AGENCIES ? null : token.agency });
    return c.json({ batches: rows });
  });
  app.get('/api/batches/:id', async (c) => {
    const token = requireToken(c, deps.tokens);
    const id = Number(c.req.param('id'));
    if (!Number.isInteger(id) || id < 1) throw jsonError(404, 'BATCH_NOT_FOUND', 'Không có lô nhập này.');
    const [row] = await queryRows(deps.readConn, ONE, { id, agency: token.agency === ALL_AGENCIES ? null : token.agency });
    if (!row) throw jsonError(404, 'BATCH_NOT_FOUND', 'Không có lô nhập này (hoặc lô thuộc đơn vị khác).');
    const { report, ...batch } = row;
    return c.json({ batch, report: report === null ? null : JSON.parse(String(report)) });
  });
}
