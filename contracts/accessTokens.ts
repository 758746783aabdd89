import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Access tokens: the upload tokens of the ingest service (INGEST_TOKENS_FILE) and the viewer
 * tokens of the reporting service (REPORTING_VIEWERS_FILE) share one file format and one set
 * of rules, kept here, between the two services:
 *   [{ "label": "Sở Y tế", "token": "≥16 characters", "agency": "SYT", "expiresAt": "2026-01-01T00:00:00+07:00" },
 *    { "label": "Sở Nội vụ", "token": "…", "agency": "*" },
 *    { "label": "cũ", "token": "…", "agency": "SYT", "revoked": true }]
 * "*" is the whole province; an agency code, that agency only.
 */
export interface AccessToken {
  label: string;
  token: string;
  agency: string;
  expiresAt?: string;
  revoked?: boolean;
}

export const ALL_AGENCIES = '*';
export const MIN_TOKEN_LENGTH = 16;

const KEYS = new Set(['label', 'token', 'agency', 'expiresAt', 'revoked']);
// ISO 8601 date or date-time (with a zone when it has a time): what Date.parse reads the same everywhere.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/** What is wrong with a tokens file, one line per entry at fault (never the token itself). */
export class TokenConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source} refused, the service does not start: ${problems.join('; ')}`);
    this.name = 'TokenConfigError';
  }
}

/**
 * Reads a tokens file's text and fails closed (docs/architecture.md#security): any entry that could grant more
 * than its author meant refuses the whole file, every such entry named. An expiry that does
 * not parse (a NaN comparison passes, so "31/12/2020" never expired), a misspelt field
 * ("expires" would be ignored), a token string given twice (the later entry won, so a valid
 * copy overrode a revoked one), an agency not in the catalogue, a short token.
 * `noun` names an entry in the messages ("entry", "viewer").
 */
export function parseAccessTokens(json: string, knownAgencies: ReadonlySet<string>, source: string, noun = 'entry'): AccessToken[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new TokenConfigError(source, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
  }
  if (!Array.isArray(parsed)) throw new TokenConfigError(source, [`must be a JSON array of ${noun}s`]);
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const entries: AccessToken[] = [];
  parsed.forEach((raw: unknown, i) => {
    const e = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
    const name = `${noun} ${i + 1}${typeof e.label === 'string' && e.label.trim() ? ` ("${e.label}")` : ''}`;
    const before = problems.length;
    if (e !== raw) problems.push(`${name}: must be an object`);
    const unknown = Object.keys(e).filter((k) => !KEYS.has(k));
    if (unknown.length)
      problems.push(`${name}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: ${[...KEYS].join(', ')})`);
    for (const field of ['label', 'token', 'agency'] as const) {
      if (typeof e[field] !== 'string' || (e[field] as string).trim() === '')
        problems.push(`${name}: "${field}" is required (a non-empty string)`);
    }
    if (typeof e.token === 'string' && e.token.trim() !== '') {
      if (e.token.length < MIN_TOKEN_LENGTH) problems.push(`${name}: token shorter than ${MIN_TOKEN_LENGTH} characters`);
      else if (seen.has(e.token)) problems.push(`${name}: same token as ${seen.get(e.token)}`);
      else seen.set(e.token, name);
    }
    if (typeof e.agency === 'string' && e.agency.trim() !== '' && e.agency !== ALL_AGENCIES && !knownAgencies.has(e.agency)) {
      problems.push(`${name}: unknown agency "${e.agency}" (an agency code of the catalogue, or "*" for the whole province)`);
    }
    if (
      e.expiresAt !== undefined &&
      (typeof e.expiresAt !== 'string' || !ISO_DATE.test(e.expiresAt) || Number.isNaN(Date.parse(e.expiresAt)))
    ) {
      problems.push(`${name}: expiresAt ${JSON.stringify(e.expiresAt)} is not an ISO date such as 2026-12-31 or 2026-12-31T23:59:59+07:00`);
    }
    if (e.revoked !== undefined && typeof e.revoked !== 'boolean') problems.push(`${name}: revoked must be true or false`);
    if (problems.length > before) return;
    entries.push({
      label: e.label as string,
      token: e.token as string,
      agency: e.agency as string,
      ...(e.expiresAt ? { expiresAt: e.expiresAt as string } : {}),
      ...(e.revoked ? { revoked: true } : {}),
    });
  });
  if (problems.length > 0) throw new TokenConfigError(source, problems);
  return entries;
}

/** Reads and checks the tokens file at `path`; a file that cannot be read is refused the same way. */
export function loadAccessTokens(path: string, knownAgencies: ReadonlySet<string>, source: string, noun?: string): AccessToken[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TokenConfigError(source, [`cannot be read (${error instanceof Error ? error.message : String(error)})`]);
  }
  return parseAccessTokens(text, knownAgencies, source, noun);
}

/** Neither revoked nor expired at `now` (an expiry that cannot be read counts as passed). */
export function isTokenActive(entry: AccessToken, now = new Date()): boolean {
  if (entry.revoked) return false;
  return entry.expiresAt === undefined || Date.parse(entry.expiresAt) > now.getTime();
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The active entry a presented token belongs to, or null. Compares fixed-length digests in
 * constant time and looks at every entry, so timing tells nothing about which token or prefix
 * matched. Duplicates are refused at load; should a list ever hold two, an inactive one wins.
 */
export function findAccessToken<T extends AccessToken>(tokens: readonly T[], presented: string, now = new Date()): T | null {
  const p = digest(presented);
  let found: T | null = null;
  let refused = false;
  for (const t of tokens) {
    if (!timingSafeEqual(digest(t.token), p)) continue;
    if (isTokenActive(t, now)) found = t;
    else refused = true;
  }
  return refused ? null : found;
}
