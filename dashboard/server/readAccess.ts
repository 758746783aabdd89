import { loadViewers, type ViewerEntry } from './viewerTokens.ts';

/**
 * Who may read what (docs/architecture.md#security; README, "Read access"). Lists with people's names (queries marked `-- @access
 * personal`) always need a signed-in viewer; `requireSignIn: 'all'` extends that to every
 * figure and the snapshot manifest (/health stays open: it names no one).
 */
export type SignInRequirement = 'personal' | 'all';

/** An authenticating reverse proxy whose headers are trusted (only when configured). */
export interface ProxyTrust {
  /** Request header carrying the signed-in user's name, e.g. X-Remote-User. */
  userHeader: string;
  /** Request header carrying the user's agency code or "*"; null: every proxy user reads the whole province. */
  agencyHeader: string | null;
}

export interface ReadAccess {
  viewers: readonly ViewerEntry[];
  requireSignIn: SignInRequirement;
  proxy: ProxyTrust | null;
  /** CSV and XLSX answers computed at once; more get a 429. */
  maxExports: number;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookie: boolean;
}

export const DEFAULT_MAX_EXPORTS = 2;

/** The strictest configuration: no viewers, so personal lists answer 401 to everyone. */
export function closedReadAccess(overrides: Partial<ReadAccess> = {}): ReadAccess {
  return { viewers: [], requireSignIn: 'personal', proxy: null, maxExports: DEFAULT_MAX_EXPORTS, secureCookie: false, ...overrides };
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Reads the configuration from the environment and refuses to start on anything doubtful:
 *   REPORTING_VIEWERS_FILE        viewers (see viewerTokens.ts); unset: no viewer can sign in
 *   REPORTING_REQUIRE_SIGNIN      personal (default) | all
 *   REPORTING_TRUST_PROXY_HEADER  e.g. X-Remote-User: trust the proxy's user header (the port
 *                                 must then be reachable from the proxy only)
 *   REPORTING_PROXY_AGENCY_HEADER e.g. X-Remote-Agency: the proxy's agency code or "*"
 *   REPORTING_MAX_EXPORTS         CSV/XLSX answers computed at once (default 2)
 *   REPORTING_COOKIE_SECURE       1: the session cookie is Secure (served over HTTPS)
 */
export function readAccessFromEnv(env: NodeJS.ProcessEnv = process.env): ReadAccess {
  const file = env.REPORTING_VIEWERS_FILE?.trim();
  const viewers = file ? loadViewers(file) : [];

  const mode = env.REPORTING_REQUIRE_SIGNIN?.trim() || 'personal';
  if (mode !== 'personal' && mode !== 'all') throw new Error(`REPORTING_REQUIRE_SIGNIN must be "personal" or "all", got "${mode}"`);

  const userHeader = env.REPORTING_TRUST_PROXY_HEADER?.trim() || null;
  const agencyHeader = env.REPORTING_PROXY_AGENCY_HEADER?.trim() || null;
  for (const [name, value] of [
    ['REPORTING_TRUST_PROXY_HEADER', userHeader],
    ['REPORTING_PROXY_AGENCY_HEADER', agencyHeader],
  ] as const) {
    if (value !== null && !HEADER_NAME.test(value)) throw new Error(`${name} must be an HTTP header name, got "${value}"`);
  }
  if (agencyHeader && !userHeader) throw new Error('REPORTING_PROXY_AGENCY_HEADER needs REPORTING_TRUST_PROXY_HEADER');
  if (userHeader && ['authorization', 'cookie', 'host'].includes(userHeader.toLowerCase()))
    throw new Error(`REPORTING_TRUST_PROXY_HEADER cannot be ${userHeader}`);

  const maxText = env.REPORTING_MAX_EXPORTS?.trim();
  const maxExports = maxText ? Number(maxText) : DEFAULT_MAX_EXPORTS;
  if (!Number.isInteger(maxExports) || maxExports < 1)
    throw new Error(`REPORTING_MAX_EXPORTS must be a whole number ≥ 1, got "${maxText}"`);

  const secure = env.REPORTING_COOKIE_SECURE?.trim() ?? '';
  if (!['', '0', '1'].includes(secure)) throw new Error(`REPORTING_COOKIE_SECURE must be 0 or 1, got "${secure}"`);

  return {
    viewers,
    requireSignIn: mode,
    proxy: userHeader ? { userHeader, agencyHeader } : null,
    maxExports,
    secureCookie: secure === '1',
  };
}
