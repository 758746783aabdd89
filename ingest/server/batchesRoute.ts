import type { Hono } from 'hono';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { ALL_AGENCIES } from '../auth/tokens.ts';
import { jsonError, requireToken } from './auth.ts';
import type { IngestDeps } from './deps.ts';

const LIST = loadSql(import.meta.url, './sql/batches_list.sql');
const ONE = loadSql(import.meta.url, './sql/batch_by_id.sql');
const MAX_BATCH_ID = 2n ** 31n - 1n;

/** Audit: every batch with who sent it, when, file, SHA-256, counts, status; scoped to the token. */
export function registerBatches(app: Hono, deps: IngestDeps): void {
  app.get('/api/batches', async (c) => {
    const token = requireToken(c, deps.tokens);
    const rows = await queryRows(deps.readConn, LIST, { agency: token.agency === ALL_AGENCIES ? null : token.agency });
    return c.json({ batches: rows });
  });
  app.get('/api/batches/:id', async (c) => {
    const token = requireToken(c, deps.tokens);
    const param = c.req.param('id');
    // Batch ids are INTEGER: a longer number can name no batch and must not reach the query
    // (bound to INTEGER it failed, a 500).
    if (/^\d+$/.test(param) && BigInt(param) > MAX_BATCH_ID) {
      throw jsonError(
        400,
        'BATCH_ID_INVALID',
        `Mã lô nhập "${param.slice(0, 40)}${param.length > 40 ? '…' : ''}" không hợp lệ: mã lô là số nguyên dương không quá ${MAX_BATCH_ID.toLocaleString('vi-VN')}.`,
      );
    }
    const id = Number(param);
    if (!/^\d+$/.test(param) || id < 1) throw jsonError(404, 'BATCH_NOT_FOUND', 'Không có lô nhập này.');
    const [row] = await queryRows(deps.readConn, ONE, { id, agency: token.agency === ALL_AGENCIES ? null : token.agency });
    if (!row) throw jsonError(404, 'BATCH_NOT_FOUND', 'Không có lô nhập này (hoặc lô thuộc đơn vị khác).');
    const { report, ...batch } = row;
    return c.json({ batch, report: report === null ? null : JSON.parse(String(report)) });
  });
}
