import { readError, type QueryError } from './query.ts';

/** Who is signed in (GET/POST/DELETE /api/session, dashboard/server/sessionRoutes.ts). */
export interface SessionState {
  signedIn: boolean;
  viewer: { label: string; agency: string; agencyName: string; via: 'session' | 'bearer' | 'proxy' } | null;
  requireSignIn: 'personal' | 'all';
  signInAvailable: boolean;
}

/**
 * The session, and a counter that changes at every sign-in and sign-out: queries read it, so a
 * list refused with 401 is asked again once someone has signed in. The cookie itself is
 * HttpOnly; same-origin fetches and <a href> downloads carry it.
 */
export const session = $state<{ state: SessionState | null; version: number }>({ state: null, version: 0 });

async function sessionRequest(
  method: 'GET' | 'POST' | 'DELETE',
  body?: unknown,
): Promise<{ ok: true; state: SessionState } | { ok: false; error: QueryError }> {
  try {
    const res = await fetch('/api/session', {
      method,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) return { ok: false, error: await readError(res) };
    return { ok: true, state: (await res.json()) as SessionState };
  } catch (err) {
    return {
      ok: false,
      error: { code: 'NETWORK', message: `Không kết nối được dịch vụ báo cáo: ${(err as Error).message}`, status: null },
    };
  }
}

export async function loadSession(): Promise<void> {
  const answer = await sessionRequest('GET');
  if (answer.ok) session.state = answer.state;
}

/** Signs in with a viewer token; the error (in Vietnamese) when refused. */
export async function signIn(token: string): Promise<QueryError | null> {
  const answer = await sessionRequest('POST', { token });
  if (!answer.ok) return answer.error;
  session.state = answer.state;
  session.version++;
  return null;
}

export async function signOut(): Promise<QueryError | null> {
  const answer = await sessionRequest('DELETE');
  if (!answer.ok) return answer.error;
  session.state = answer.state;
  session.version++;
  return null;
}
