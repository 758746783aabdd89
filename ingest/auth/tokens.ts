import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Upload tokens from configuration (INGEST_TOKENS_FILE), a JSON array:
 *   [{ "label": "Sở Y tế – văn thư", "token": "…", "agency": "SYT", "expiresAt": "2026-01-01T00:00:00Z" },
 *    { "label": "Sở Nội vụ", "token": "…", "agency": "*" }]
 * "*" is the Sở Nội vụ province-wide scope (may write for any agency). `revoked: true` disables.
 */
export interface TokenEntry {
  label: string;
  token: string;
  agency: string;
  expiresAt?: string;
  revoked?: boolean;
}

export const ALL_AGENCIES = '*';
export const MIN_TOKEN_LENGTH = 16;

/** What is wrong with the tokens file, one line per entry at fault (the token itself is never named). */
export class TokenConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`tokens file ${source} refused, the service does not start: ${problems.join('; ')}`);
    this.name = 'TokenConfigError';
  }
}

/**
 * Reads the tokens and fails closed (issue 11.4): any entry that could grant more than its
 * author meant stops the service at start, naming the entry. An expiry that does not parse
 * (a NaN comparison passes, so "31/12/2020" never expired) or is not a date string; a token
 * string given twice (the later entry won, so a valid copy overrode a revoked one); an agency
 * that is not in the catalogue (a dry run answered 200, a real upload 500); a short token.
 */
export function parseTokens(json: string, knownAgencies: ReadonlySet<string>, source = 'INGEST_TOKENS_FILE'): TokenEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new TokenConfigError(source, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  if (!Array.isArray(parsed)) throw new TokenConfigError(source, ['must be a JSON array of entries']);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const entries: TokenEntry[] = [];
  parsed.forEach((t: unknown, i) => {
    const e = (t ?? {}) as Record<string, unknown>;
    const name = `entry ${i + 1}${typeof e.label === 'string' ? ` ("${e.label}")` : ''}`;
    const before = problems.length;
    if (typeof e.label !== 'string' || e.label.trim() === '') problems.push(`${name}: "label" must be a non-empty string`);
    if (typeof e.token !== 'string') problems.push(`${name}: "token" must be a string`);
    else if (e.token.length < MIN_TOKEN_LENGTH) problems.push(`${name}: token shorter than ${MIN_TOKEN_LENGTH} characters`);
    else if (seen.has(e.token)) problems.push(`${name}: same token as entry ${seen.get(e.token)! + 1}`);
    else seen.set(e.token, i);
    if (typeof e.agency !== 'string') problems.push(`${name}: "agency" must be a string (an agency code, or "*" for Sở Nội vụ)`);
    else if (e.agency !== ALL_AGENCIES && !knownAgencies.has(e.agency)) problems.push(`${name}: agency "${e.agency}" is not in the catalogue`);
    if (e.expiresAt !== undefined && (typeof e.expiresAt !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(e.expiresAt) || Number.isNaN(Date.parse(e.expiresAt)))) {
      problems.push(`${name}: "expiresAt" ${JSON.stringify(e.expiresAt)} is not an ISO date such as "2026-12-31T23:59:59+07:00"`);
    }
    if (e.revoked !== undefined && typeof e.revoked !== 'boolean') problems.push(`${name}: "revoked" must be true or false`);
    if (problems.length > before) return;
    entries.push({ label: e.label as string, token: e.token as string, agency: e.agency as string, ...(e.expiresAt ? { expiresAt: e.expiresAt as string } : {}), ...(e.revoked ? { revoked: true } : {}) });
  });
  if (problems.length > 0) throw new TokenConfigError(source, problems);
  return entries;
}

export function loadTokens(path: string, knownAgencies: ReadonlySet<string>): TokenEntry[] {
  return parseTokens(readFileSync(path, 'utf8'), knownAgencies, path);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Finds the entry for a presented token. Compares fixed-length digests in constant time and
 * looks at every entry, so timing tells nothing about which token or prefix matched.
 */
export function findToken(tokens: readonly TokenEntry[], presented: string, now = new Date()): TokenEntry | null {
  const p = digest(presented);
  let found: TokenEntry | null = null;
  let refused = false;
  for (const t of tokens) {
    if (!timingSafeEqual(digest(t.token), p)) continue;
    // Duplicates are refused at load; should a list ever hold two, a revoked or expired one wins.
    const expired = t.expiresAt !== undefined && !(Date.parse(t.expiresAt) > now.getTime());
    if (t.revoked || expired) refused = true;
    else found = t;
  }
  return refused ? null : found;
}

export function mayWrite(token: TokenEntry, agency: string): boolean {
  return token.agency === ALL_AGENCIES || token.agency === agency;
}
