import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { ReadAccess } from './readAccess.ts';
import { SESSION_COOKIE, type ViewerSessions } from './viewerSessions.ts';
import { ALL_AGENCIES, findViewer } from './viewerTokens.ts';

/** Who is reading: a label to show and the agency whose rows they may see ("*": all). */
export interface Viewer {
  label: string;
  agency: string;
  via: 'session' | 'bearer' | 'proxy';
}

/** Why a request has no viewer: none offered, or what was offered is not valid. */
export type NoViewer = 'none' | 'bad_token' | 'session_ended' | 'proxy_without_agency';

export type Identity = { viewer: Viewer; problem: null } | { viewer: null; problem: NoViewer };

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;

/** Node hands header values over as Latin-1; a proxy that sends UTF-8 names gets them back intact. */
function headerText(value: string): string {
  const utf8 = Buffer.from(value, 'latin1').toString('utf8');
  return (utf8.includes('\uFFFD') ? value : utf8).trim().slice(0, 200);
}

/**
 * The viewer behind a request, in this order: the trusted proxy's header (only when
 * REPORTING_TRUST_PROXY_HEADER is set), `Authorization: Bearer <viewer token>` (scripts), the
 * session cookie (the dashboard). A credential offered but not valid is reported as such,
 * never passed over for the next one.
 */
export function identifyViewer(c: Context, access: ReadAccess, sessions: ViewerSessions, now = new Date()): Identity {
  if (access.proxy) {
    const user = c.req.header(access.proxy.userHeader);
    if (user && headerText(user)) {
      const agency = access.proxy.agencyHeader ? headerText(c.req.header(access.proxy.agencyHeader) ?? '') : ALL_AGENCIES;
      if (agency !== ALL_AGENCIES && !CODE.test(agency)) return { viewer: null, problem: 'proxy_without_agency' };
      return { viewer: { label: headerText(user), agency, via: 'proxy' }, problem: null };
    }
  }
  const authorization = c.req.header('Authorization');
  if (authorization !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const entry = m ? findViewer(access.viewers, m[1]!, now) : null;
    return entry
      ? { viewer: { label: entry.label, agency: entry.agency, via: 'bearer' }, problem: null }
      : { viewer: null, problem: 'bad_token' };
  }
  const sessionId = getCookie(c, SESSION_COOKIE);
  if (sessionId) {
    const entry = sessions.find(sessionId, now);
    return entry
      ? { viewer: { label: entry.label, agency: entry.agency, via: 'session' }, problem: null }
      : { viewer: null, problem: 'session_ended' };
  }
  return { viewer: null, problem: 'none' };
}
