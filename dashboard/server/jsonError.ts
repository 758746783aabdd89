import { HTTPException } from 'hono/http-exception';

/** An expected 4xx/503 in the service's shape `{ error: { code, message, param? } }`. */
export function jsonError(status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503, code: string, message: string, options: { param?: string; headers?: Record<string, string> } = {}): HTTPException {
  const body = { error: { code, message, ...(options.param ? { param: options.param } : {}) } };
  return new HTTPException(status, { res: Response.json(body, { status, headers: options.headers ?? {} }) });
}
