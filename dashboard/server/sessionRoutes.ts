import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { identifyViewer, type Viewer } from './identifyViewer.ts';
import { jsonError } from './jsonError.ts';
import type { ReadAccess } from './readAccess.ts';
import { SESSION_COOKIE, type ViewerSessions } from './viewerSessions.ts';
import { ALL_AGENCIES, findViewer } from './viewerTokens.ts';

/** What GET/POST/DELETE /api/session answer: who is signed in, and what needs signing in. */
export interface SessionState {
  signedIn: boolean;
  viewer: (Viewer & { agencyName: string }) | null;
  requireSignIn: ReadAccess['requireSignIn'];
  /** Whether viewer tokens are configured (the sign-in form can work). */
  signInAvailable: boolean;
}

/**
 * Sign-in for the dashboard: POST /api/session {"token": "<viewer token>"} sets an HttpOnly,
 * SameSite=Strict session cookie (so plain <a href> CSV/XLSX links carry it and no other site's
 * page can); DELETE signs out; GET says who is signed in. `agencies`: the current snapshot's
 * agency names. JSON bodies only: a form on another
 * site cannot post one without a CORS preflight, which this service never grants.
 */
export function sessionRoutes(
  access: ReadAccess,
  sessions: ViewerSessions,
  agencies: () => ReadonlyMap<string, string> | null = () => null,
): Hono {
  const app = new Hono();
  // Names from the snapshot answering now (none yet: the code stands for itself).
  const agencyName = (code: string) => (code === ALL_AGENCIES ? 'Toàn tỉnh' : (agencies()?.get(code) ?? code));
  const state = (viewer: Viewer | null): SessionState => ({
    signedIn: viewer !== null,
    viewer: viewer ? { ...viewer, agencyName: agencyName(viewer.agency) } : null,
    requireSignIn: access.requireSignIn,
    signInAvailable: access.viewers.length > 0,
  });
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'Strict', secure: access.secureCookie } as const;
  const endSession = (c: Context) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id === undefined) return;
    sessions.delete(id);
    deleteCookie(c, SESSION_COOKIE, cookieOptions);
  };

  app.get('/', (c) => {
    const identity = identifyViewer(c, access, sessions);
    if (identity.problem === 'session_ended') deleteCookie(c, SESSION_COOKIE, cookieOptions);
    c.header('Cache-Control', 'no-store');
    return c.json(state(identity.viewer));
  });

  app.post(
    '/',
    bodyLimit({
      maxSize: 4096,
      onError: () => {
        throw jsonError(413, 'TOO_LARGE', 'Yêu cầu đăng nhập quá lớn.');
      },
    }),
    async (c) => {
      if (!/^application\/json\b/i.test(c.req.header('Content-Type') ?? '')) {
        throw jsonError(415, 'JSON_REQUIRED', 'Yêu cầu đăng nhập phải gửi JSON: {"token": "…"}.');
      }
      let token: unknown;
      try {
        token = ((await c.req.json()) as { token?: unknown }).token;
      } catch {
        throw jsonError(400, 'BAD_JSON', 'Yêu cầu đăng nhập không phải JSON hợp lệ: cần {"token": "…"}.');
      }
      if (access.viewers.length === 0) {
        throw jsonError(
          401,
          'NO_VIEWERS',
          'Dịch vụ báo cáo chưa được cấu hình mã truy cập xem dữ liệu (REPORTING_VIEWERS_FILE): vui lòng liên hệ quản trị hệ thống.',
        );
      }
      const entry = typeof token === 'string' ? findViewer(access.viewers, token.trim()) : null;
      if (!entry) throw jsonError(401, 'BAD_TOKEN', 'Mã truy cập xem dữ liệu không đúng, đã hết hạn hoặc đã bị thu hồi.');
      endSession(c);
      setCookie(c, SESSION_COOKIE, sessions.create(entry), { ...cookieOptions, maxAge: sessions.hours * 3600 });
      c.header('Cache-Control', 'no-store');
      return c.json(state({ label: entry.label, agency: entry.agency, via: 'session' }));
    },
  );

  app.delete('/', (c) => {
    endSession(c);
    c.header('Cache-Control', 'no-store');
    // Behind a trusting proxy the proxy's user is still there: say so.
    const identity = identifyViewer(c, access, sessions);
    return c.json(state(identity.viewer?.via === 'proxy' ? identity.viewer : null));
  });

  return app;
}
