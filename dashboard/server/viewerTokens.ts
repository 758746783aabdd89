import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AGENCIES } from '../../ingest/catalogue/agencies.ts';

/**
 * Viewer tokens: who may read the register and other lists with people's names. From the JSON
 * file named by REPORTING_VIEWERS_FILE, shaped like the ingest's upload tokens:
 *   [{ "label": "Sở Y tế – lãnh đạo", "token": "≥16 characters", "agency": "SYT", "expiresAt": "2026-01-01T00:00:00Z" },
 *    { "label": "Sở Nội vụ", "token": "…", "agency": "*" },
 *    { "label": "cũ", "token": "…", "agency": "SYT", "revoked": true }]
 * "*" reads the whole province; an agency code reads that agency's rows only.
 *
 * The file is checked whole at start and any doubt refuses to start (fail closed): a date that
 * does not parse ("31/12/2020") must not mean "never expires", a misspelt key ("expires") must
 * not be ignored, and two entries with one token string would make revoking one meaningless.
 */
export interface ViewerEntry {
  label: string;
  token: string;
  agency: string;
  expiresAt?: string;
  revoked?: boolean;
}

export const ALL_AGENCIES = '*';
export const MIN_TOKEN_LENGTH = 16;

const KEYS = new Set(['label', 'token', 'agency', 'expiresAt', 'revoked']);
// ISO 8601 date or date-time (with zone when it has a time): what Date.parse reads the same everywhere.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const KNOWN_AGENCIES = new Set(AGENCIES.map((a) => a.code));

/** Parses and checks a viewers file's text; throws naming the entry at fault. */
export function parseViewers(json: string, source = 'viewers file'): ViewerEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${source}: must be a JSON array of viewers`);
  const seen = new Map<string, string>();
  return parsed.map((raw: unknown, i) => {
    const where = (label?: unknown) => `${source}: viewer ${i + 1}${typeof label === 'string' && label ? ` ("${label}")` : ''}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where()}: must be an object`);
    const e = raw as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => !KEYS.has(k));
    if (unknown.length) throw new Error(`${where(e.label)}: unknown field ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: ${[...KEYS].join(', ')})`);
    for (const field of ['label', 'token', 'agency'] as const) {
      if (typeof e[field] !== 'string' || (e[field] as string).trim() === '') throw new Error(`${where(e.label)}: "${field}" is required (a non-empty string)`);
    }
    const entry = { label: e.label as string, token: e.token as string, agency: e.agency as string };
    if (entry.token.length < MIN_TOKEN_LENGTH) throw new Error(`${where(entry.label)}: token shorter than ${MIN_TOKEN_LENGTH} characters`);
    if (entry.agency !== ALL_AGENCIES && !KNOWN_AGENCIES.has(entry.agency)) throw new Error(`${where(entry.label)}: unknown agency "${entry.agency}" (an agency code of the catalogue, or "*" for the whole province)`);
    const earlier = seen.get(entry.token);
    if (earlier !== undefined) throw new Error(`${where(entry.label)}: same token as ${earlier}; every viewer needs its own token`);
    seen.set(entry.token, `viewer ${i + 1} ("${entry.label}")`);
    let expiresAt: string | undefined;
    if (e.expiresAt !== undefined) {
      if (typeof e.expiresAt !== 'string' || !ISO_DATE.test(e.expiresAt) || Number.isNaN(Date.parse(e.expiresAt))) {
        throw new Error(`${where(entry.label)}: expiresAt ${JSON.stringify(e.expiresAt)} is not an ISO date such as 2026-01-01 or 2026-01-01T00:00:00+07:00`);
      }
      expiresAt = e.expiresAt;
    }
    if (e.revoked !== undefined && typeof e.revoked !== 'boolean') throw new Error(`${where(entry.label)}: revoked must be true or false`);
    return { ...entry, ...(expiresAt ? { expiresAt } : {}), ...(e.revoked === true ? { revoked: true } : {}) };
  });
}

/** Reads and checks the viewers file at `path` (throws when missing or malformed). */
export function loadViewers(path: string): ViewerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`REPORTING_VIEWERS_FILE ${path}: cannot be read (${(error as Error).message})`);
  }
  return parseViewers(text, `REPORTING_VIEWERS_FILE ${path}`);
}

/** Neither revoked nor expired at `now`. */
export function isViewerActive(viewer: ViewerEntry, now = new Date()): boolean {
  if (viewer.revoked) return false;
  return !viewer.expiresAt || Date.parse(viewer.expiresAt) > now.getTime();
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The active viewer a presented token belongs to, or null. Compares fixed-length digests in
 * constant time and looks at every entry, so timing tells nothing about which token or prefix
 * matched.
 */
export function findViewer(viewers: readonly ViewerEntry[], presented: string, now = new Date()): ViewerEntry | null {
  const p = digest(presented);
  let found: ViewerEntry | null = null;
  for (const v of viewers) {
    if (timingSafeEqual(digest(v.token), p)) found = v;
  }
  return found && isViewerActive(found, now) ? found : null;
}
