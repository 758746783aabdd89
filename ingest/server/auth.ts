import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { findToken, type TokenEntry } from '../auth/tokens.ts';

/** 401 (no or bad token) is answered here; 403 (wrong agency) is the route's decision. */
export function requireToken(c: Context, tokens: readonly TokenEntry[]): TokenEntry {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const entry = m ? findToken(tokens, m[1]!) : null;
  if (!entry) {
    const res = Response.json(
      {
        error: {
          code: m ? 'TOKEN_INVALID' : 'TOKEN_MISSING',
          message: m ? 'Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi.' : 'Cần mã truy cập (Authorization: Bearer …).',
        },
      },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="ingest"' } },
    );
    throw new HTTPException(401, { res });
  }
  return entry;
}

export function jsonError(status: 400 | 403 | 404 | 413 | 415 | 422, code: string, message: string, details?: unknown): HTTPException {
  return new HTTPException(status, {
    res: Response.json({ error: { code, message, ...(details === undefined ? {} : { details }) } }, { status }),
  });
}
