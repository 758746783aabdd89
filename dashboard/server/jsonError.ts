import { HTTPException } from 'hono/http-exception';
import type { ErrorAnswer } from '../../contracts/errorShape.ts';

/** An expected 4xx/503 in the shared error shape `{ error: { code, message, param? } }` (contracts/errorShape.ts). */
export function jsonError(
  status: 400 | 401 | 403 | 404 | 413 | 415 | 429 | 503,
  code: Uppercase<string>,
  message: string,
  options: { param?: string; headers?: Record<string, string> } = {},
): HTTPException {
  const body: ErrorAnswer = { error: { code, message, ...(options.param ? { param: options.param } : {}) } };
  return new HTTPException(status, { res: Response.json(body, { status, headers: options.headers ?? {} }) });
}
