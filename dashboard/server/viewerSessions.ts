import { createHash, randomBytes } from 'node:crypto';
import { isViewerActive, type ViewerEntry } from './viewerTokens.ts';

/** The session cookie: HttpOnly, SameSite=Strict, so plain <a href> exports carry it and other sites cannot. */
export const SESSION_COOKIE = 'hy_viewer';
export const SESSION_HOURS = 12;
const MAX_SESSIONS = 10_000;

interface Session {
  viewer: ViewerEntry;
  expiresAt: number;
}

/**
 * Signed-in viewers, in memory: a random 256-bit id per sign-in, kept by its SHA-256 (a memory
 * dump holds no usable cookie). Signing out deletes the session; a restart signs everyone out.
 * Every lookup re-checks the viewer entry, so an expiry passing mid-session ends it.
 */
export class ViewerSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(readonly hours = SESSION_HOURS) {}

  /** Opens a session for `viewer`; returns the cookie value. */
  create(viewer: ViewerEntry, now = Date.now()): string {
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(key(id), { viewer, expiresAt: now + this.hours * 3_600_000 });
    // Bounded: the oldest sessions go first (Map order is insertion order).
    for (const oldest of this.sessions.keys()) {
      if (this.sessions.size <= MAX_SESSIONS) break;
      this.sessions.delete(oldest);
    }
    return id;
  }

  /** The viewer of a live session, or null (unknown, expired, or the viewer revoked or expired). */
  find(id: string, now = new Date()): ViewerEntry | null {
    const k = key(id);
    const session = this.sessions.get(k);
    if (!session) return null;
    if (session.expiresAt <= now.getTime() || !isViewerActive(session.viewer, now)) {
      this.sessions.delete(k);
      return null;
    }
    return session.viewer;
  }

  delete(id: string): void {
    this.sessions.delete(key(id));
  }

  get size(): number {
    return this.sessions.size;
  }
}

const key = (id: string) => createHash('sha256').update(id).digest('hex');
