import type { Context } from 'hono';
import { ALL_AGENCIES, mayWrite, type TokenEntry } from '../auth/tokens.ts';
import { matchAgency } from '../match/matchAgency.ts';
import { parseExplicitMapping, type Field } from '../parse/headerMap.ts';
import { jsonError, requireToken } from './auth.ts';
import { readForm } from './readForm.ts';
import type { IngestDeps } from './deps.ts';

/** An upload's form once the token, the file, the agency and the mapping have been checked. */
export interface UploadForm {
  token: TokenEntry;
  body: Record<string, string | File>;
  file: File;
  /** The agency code the list is for, which the token may write. */
  agency: string;
  mapping: Partial<Record<Field, string>>;
}

/**
 * The checks an upload and its preview share, in this order: the token (401), the file (400,
 * 413), the agency typed or the token's (400, 422, 403), the explicit mapping (400).
 */
export async function readUploadForm(c: Context, deps: IngestDeps): Promise<UploadForm> {
  const token = requireToken(c, deps.tokens);
  const body = await readForm(c, deps.log);
  const file = body.file;
  if (!(file instanceof File)) throw jsonError(400, 'FILE_MISSING', 'Thiếu tệp: gửi tệp trong trường "file" (multipart/form-data).');
  if (file.size > deps.limits.maxBytes)
    throw jsonError(413, 'FILE_TOO_LARGE', `Tệp lớn hơn ${Math.round(deps.limits.maxBytes / 1048576)} MB: hãy chia thành nhiều tệp.`);

  const typedAgency = typeof body.agency === 'string' && body.agency.trim() !== '' ? body.agency : null;
  if (!typedAgency && token.agency === ALL_AGENCIES)
    throw jsonError(400, 'AGENCY_REQUIRED', 'Mã truy cập của Sở Nội vụ cần ghi rõ đơn vị trong trường "agency".');
  const agency = typedAgency ? await matchAgency(deps.readConn, typedAgency) : token.agency;
  if (!agency) throw jsonError(422, 'AGENCY_UNKNOWN', `Không nhận ra đơn vị "${typedAgency}".`);
  if (!mayWrite(token, agency))
    throw jsonError(403, 'AGENCY_FORBIDDEN', `Mã truy cập "${token.label}" không được gửi danh sách của đơn vị ${agency}.`);

  const mapping = parseExplicitMapping(typeof body.mapping === 'string' ? body.mapping : undefined);
  if ('error' in mapping && typeof mapping.error === 'string') throw jsonError(400, 'MAPPING_INVALID', mapping.error);
  return { token, body, file, agency, mapping: mapping as Partial<Record<Field, string>> };
}
