import { findAccessToken, isTokenActive, loadAccessTokens, parseAccessTokens, type AccessToken } from '../../contracts/accessTokens.ts';

/**
 * Viewer tokens: who may read the register and other lists with people's names. From the JSON
 * file named by REPORTING_VIEWERS_FILE, in the format and under the rules of the upload tokens
 * (contracts/accessTokens.ts): checked whole at start, any doubt refuses to start. "*" reads
 * the whole province; an agency code reads that agency's rows only.
 *
 * The agencies are the snapshot's data, and the file is read before any snapshot is open, so at
 * start an agency must only be a well-formed code; each request then checks it against the
 * snapshot answering it (checkReadAccess.ts, knownViewerAgency), and a viewer whose agency the
 * snapshot does not know reads no personal list (fail closed).
 */
export type ViewerEntry = AccessToken;
export { ALL_AGENCIES, MIN_TOKEN_LENGTH } from '../../contracts/accessTokens.ts';

const AGENCY_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** Accepts any well-formed agency code (the snapshot decides later whether it exists). */
const WELL_FORMED_AGENCY: ReadonlySet<string> = { has: (code: string) => AGENCY_CODE.test(code) } as unknown as ReadonlySet<string>;

/** Parses and checks a viewers file's text; throws naming every viewer at fault. `known`: the agency codes to accept (default: any well-formed code). */
export function parseViewers(json: string, source = 'viewers file', known: ReadonlySet<string> = WELL_FORMED_AGENCY): ViewerEntry[] {
  return parseAccessTokens(json, known, source, 'viewer');
}

/** Reads and checks the viewers file at `path` (throws when missing or malformed). */
export function loadViewers(path: string): ViewerEntry[] {
  return loadAccessTokens(path, WELL_FORMED_AGENCY, `REPORTING_VIEWERS_FILE ${path}`, 'viewer');
}

/** Neither revoked nor expired at `now`. */
export const isViewerActive = isTokenActive;

/** The active viewer a presented token belongs to, or null (constant-time comparison). */
export function findViewer(viewers: readonly ViewerEntry[], presented: string, now = new Date()): ViewerEntry | null {
  return findAccessToken(viewers, presented, now);
}
