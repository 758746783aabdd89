import { AGENCIES } from '../../ingest/catalogue/agencies.ts';
import { findAccessToken, isTokenActive, loadAccessTokens, parseAccessTokens, type AccessToken } from '../../contracts/accessTokens.ts';

/**
 * Viewer tokens: who may read the register and other lists with people's names. From the JSON
 * file named by REPORTING_VIEWERS_FILE, in the format and under the rules of the upload tokens
 * (contracts/accessTokens.ts): checked whole at start, any doubt refuses to start. "*" reads
 * the whole province; an agency code reads that agency's rows only.
 */
export type ViewerEntry = AccessToken;
export { ALL_AGENCIES, MIN_TOKEN_LENGTH } from '../../contracts/accessTokens.ts';

const KNOWN_AGENCIES = new Set(AGENCIES.map((a) => a.code));

/** Parses and checks a viewers file's text; throws naming every viewer at fault. */
export function parseViewers(json: string, source = 'viewers file'): ViewerEntry[] {
  return parseAccessTokens(json, KNOWN_AGENCIES, source, 'viewer');
}

/** Reads and checks the viewers file at `path` (throws when missing or malformed). */
export function loadViewers(path: string): ViewerEntry[] {
  return loadAccessTokens(path, KNOWN_AGENCIES, `REPORTING_VIEWERS_FILE ${path}`, 'viewer');
}

/** Neither revoked nor expired at `now`. */
export const isViewerActive = isTokenActive;

/** The active viewer a presented token belongs to, or null (constant-time comparison). */
export function findViewer(viewers: readonly ViewerEntry[], presented: string, now = new Date()): ViewerEntry | null {
  return findAccessToken(viewers, presented, now);
}
