import type { Context } from 'hono';
import { jsonError } from './auth.ts';

/**
 * The multipart form of an upload. A body that cannot be parsed (cut short, no boundary,
 * garbage) is the client's problem: a clear 400, not the 500 that parseBody's TypeError gave.
 * The body is already within the size limit here (bodyLimit reads it first).
 */
export async function readForm(c: Context, log: (line: string) => void): Promise<Record<string, string | File>> {
  try {
    return (await c.req.parseBody()) as Record<string, string | File>;
  } catch (error) {
    // The parser's English text is for the log; the client gets the Vietnamese message.
    log(`refused BODY_UNREADABLE: ${String(error).split('\n')[0]}`);
    throw jsonError(400, 'BODY_UNREADABLE', 'Không đọc được nội dung gửi lên (multipart/form-data hỏng hoặc bị cắt): hãy gửi lại tệp.');
  }
}
