/**
 * The one form of an error answer, from both services: `{ "error": { "code", "message", … } }`.
 * `code` is UPPER_SNAKE (FILE_TOO_LARGE, BAD_PARAM, NO_SNAPSHOT) and is what code compares;
 * `message` is Vietnamese and is what the clerk reads. Further fields say where: `param` (the
 * reporting service's query parameter), `file`, `row`, `details` (the ingest service's).
 */
export interface ErrorShape {
  code: string;
  message: string;
  param?: string;
  [detail: string]: unknown;
}

export interface ErrorAnswer {
  error: ErrorShape;
}

/** UPPER_SNAKE: what every error code matches (tests hold both services to it). */
export const ERROR_CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/** The error in an answer's body, or null when the body is not an error answer. */
export function readErrorAnswer(body: unknown): ErrorShape | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as Record<string, unknown>).error;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return null;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== 'string' || typeof e.message !== 'string') return null;
  return e as ErrorShape;
}
