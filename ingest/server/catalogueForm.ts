import type { Context } from 'hono';
import { ALL_AGENCIES, type TokenEntry } from '../auth/tokens.ts';
import { jsonError, requireToken } from './auth.ts';
import { readForm } from './readForm.ts';
import type { IngestDeps } from './deps.ts';

export interface CatalogueForm {
  token: TokenEntry;
  file: File;
  fileName: string;
  bytes: Buffer;
  dryRun: boolean;
  body: Record<string, string | File>;
}

const flag = (v: unknown) => typeof v === 'string' && ['1', 'true', 'yes', 'on'].includes(v.toLowerCase());

/**
 * The checks every catalogue registration shares, in this order: a valid token (401), the
 * province-wide token of Sở Nội vụ (403: plans, the organisation and congresses are the
 * province's, not an agency's), a file (400) within the size limit (413).
 */
export async function readCatalogueForm(
  c: Context,
  deps: IngestDeps,
  what: string,
  maxBytes: number,
  fallbackName: string,
): Promise<CatalogueForm> {
  const token = requireToken(c, deps.tokens);
  if (token.agency !== ALL_AGENCIES)
    throw jsonError(
      403,
      'CATALOGUE_FORBIDDEN',
      `Chỉ Sở Nội vụ (mã truy cập toàn tỉnh) được đăng ký ${what}. Mã truy cập "${token.label}" chỉ gửi được danh sách điển hình của đơn vị mình.`,
    );
  const body = await readForm(c, deps.log);
  const file = body.file;
  if (!(file instanceof File)) throw jsonError(400, 'FILE_MISSING', 'Thiếu tệp: gửi tệp trong trường "file" (multipart/form-data).');
  if (file.size > maxBytes) throw jsonError(413, 'FILE_TOO_LARGE', `Tệp ${what} lớn hơn ${Math.round(maxBytes / 1048576)} MB.`);
  if (file.size === 0) throw jsonError(400, 'FILE_EMPTY', 'Tệp rỗng, không có dữ liệu.');
  return {
    token,
    file,
    fileName: file.name || fallbackName,
    bytes: Buffer.from(await file.arrayBuffer()),
    dryRun: flag(body.dry_run),
    body,
  };
}

/** A catalogue file's JSON; a file that is not JSON is the client's mistake (400), not a refused row. */
export function parseJsonFile(bytes: Buffer, format: string, log: (line: string) => void): unknown {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // The parser's English text is for the log.
    log(`refused FILE_NOT_JSON: ${String(error).split('\n')[0]}`);
    throw jsonError(400, 'FILE_NOT_JSON', `Tệp không phải JSON hợp lệ: gửi tệp JSON dạng «${format}» (xem docs/registering-plans.md).`);
  }
}
