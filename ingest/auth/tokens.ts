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

export function parseTokens(json: string): TokenEntry[] {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('tokens file must be a JSON array');
  return parsed.map((t, i) => {
    const e = t as Partial<TokenEntry>;
    if (typeof e.label !== 'string' || typeof e.token !== 'string' || typeof e.agency !== 'string') throw new Error(`token ${i}: label, token and agency are required strings`);
    if (e.token.length < 16) throw new Error(`token ${i} (${e.label}): shorter than 16 characters`);
    return { label: e.label, token: e.token, agency: e.agency, ...(e.expiresAt ? { expiresAt: e.expiresAt } : {}), ...(e.revoked ? { revoked: true } : {}) };
  });
}

export function loadTokens(path: string): TokenEntry[] {
  return parseTokens(readFileSync(path, 'utf8'));
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Finds the entry for a presented token. Compares fixed-length digests in constant time and
 * looks at every entry, so timing tells nothing about which token or prefix matched.
 */
export function findToken(tokens: readonly TokenEntry[], presented: string, now = new Date()): TokenEntry | null {
  const p = digest(presented);
  let found: TokenEntry | null = null;
  for (const t of tokens) {
    if (timingSafeEqual(digest(t.token), p)) found = t;
  }
  if (!found || found.revoked) return null;
  if (found.expiresAt && new Date(found.expiresAt).getTime() <= now.getTime()) return null;
  return found;
}

export function mayWrite(token: TokenEntry, agency: string): boolean {
  return token.agency === ALL_AGENCIES || token.agency === agency;
}
