import { ALL_AGENCIES, findAccessToken, loadAccessTokens, parseAccessTokens, type AccessToken } from '../../contracts/accessTokens.ts';

/**
 * Upload tokens from configuration (INGEST_TOKENS_FILE), in the format and under the rules
 * of contracts/accessTokens.ts. "*" is the Sở Nội vụ province-wide scope (may write for any
 * agency).
 */
export type TokenEntry = AccessToken;
export { ALL_AGENCIES, MIN_TOKEN_LENGTH, TokenConfigError } from '../../contracts/accessTokens.ts';

export function parseTokens(json: string, knownAgencies: ReadonlySet<string>, source = 'INGEST_TOKENS_FILE'): TokenEntry[] {
  return parseAccessTokens(json, knownAgencies, source);
}

export function loadTokens(path: string, knownAgencies: ReadonlySet<string>): TokenEntry[] {
  return loadAccessTokens(path, knownAgencies, `tokens file ${path}`);
}

/** The active entry for a presented upload token (constant-time comparison: contracts/accessTokens.ts). */
export function findToken(tokens: readonly TokenEntry[], presented: string, now = new Date()): TokenEntry | null {
  return findAccessToken(tokens, presented, now);
}

export function mayWrite(token: TokenEntry, agency: string): boolean {
  return token.agency === ALL_AGENCIES || token.agency === agency;
}
