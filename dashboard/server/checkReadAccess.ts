import type { HTTPException } from 'hono/http-exception';
import type { Identity, Viewer } from './identifyViewer.ts';
import { jsonError } from './jsonError.ts';
import type { ParamValue, QueryDefinition } from './queryDefinition.ts';
import type { ReadAccess } from './readAccess.ts';
import { ALL_AGENCIES } from './viewerTokens.ts';

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="bao-cao-dien-hinh"' };

/**
 * The viewer a request must have, or the 401/403 that says why it has none (in Vietnamese).
 * `personal`: the answer names people; otherwise it is a figure behind REPORTING_REQUIRE_SIGNIN=all.
 */
export function requireViewer(identity: Identity, access: ReadAccess, personal: boolean): Viewer {
  if (identity.viewer) return identity.viewer;
  throw signInError(identity.problem, access, personal);
}

function signInError(problem: Identity['problem'], access: ReadAccess, personal: boolean): HTTPException {
  const why = personal
    ? 'Danh sách này có họ tên, đơn vị của các điển hình (thông tin cá nhân) nên chỉ người đã đăng nhập mới xem được.'
    : 'Số liệu báo cáo chỉ dành cho người đã đăng nhập.';
  switch (problem) {
    case 'bad_token':
      return jsonError(401, 'BAD_TOKEN', 'Mã truy cập xem dữ liệu không đúng, đã hết hạn hoặc đã bị thu hồi.', { headers: CHALLENGE });
    case 'session_ended':
      return jsonError(401, 'SESSION_ENDED', `Phiên đăng nhập đã hết hạn hoặc đã kết thúc. ${why} Vui lòng đăng nhập lại.`, {
        headers: CHALLENGE,
      });
    case 'proxy_without_agency':
      return jsonError(
        403,
        'NO_AGENCY_SCOPE',
        'Máy chủ xác thực không cho biết cơ quan, đơn vị của người dùng (mã đơn vị hoặc "*"), nên không xác định được phạm vi dữ liệu được xem.',
      );
    default:
      if (access.viewers.length === 0 && !access.proxy) {
        return jsonError(
          401,
          'NO_VIEWERS',
          `${why} Dịch vụ báo cáo chưa được cấu hình mã truy cập xem dữ liệu (REPORTING_VIEWERS_FILE): vui lòng liên hệ quản trị hệ thống.`,
          { headers: CHALLENGE },
        );
      }
      return jsonError(401, 'SIGNIN_REQUIRED', `${why} Vui lòng đăng nhập bằng mã truy cập xem dữ liệu.`, { headers: CHALLENGE });
  }
}

/** How an agency viewer's answer is narrowed: by its forced `agency` parameter, or by filtering rows. */
export interface ScopedValues {
  values: Record<string, ParamValue>;
  /** Keep only rows whose `rowScope.column` is this agency or one merged into it; null: no row filter. */
  rowScope: { column: string; agency: string } | null;
}

/**
 * Narrows a personal query to the viewer's agency. A province viewer ("*") sees everything. An
 * agency viewer: the query's `agency` parameter is set to its agency (bound like any value),
 * and asking for another agency is a 403; a query without that parameter is filtered on the
 * column its header names (`-- @access personal <column>`). `agencies`: the snapshot's (code → name).
 */
export function scopeToViewer(
  def: QueryDefinition,
  values: Record<string, ParamValue>,
  viewer: Viewer,
  agencies: ReadonlyMap<string, string>,
): ScopedValues {
  if (def.access !== 'personal' || viewer.agency === ALL_AGENCIES) return { values, rowScope: null };
  // The viewers file is read before any snapshot: an agency this snapshot does not know reads nothing.
  if (!agencies.has(viewer.agency)) {
    throw jsonError(
      403,
      'UNKNOWN_VIEWER_AGENCY',
      `Mã truy cập "${viewer.label}" gắn với cơ quan, đơn vị "${viewer.agency}" không có trong danh mục của số liệu hiện hành, nên không xem được danh sách có thông tin cá nhân. Vui lòng liên hệ quản trị hệ thống.`,
    );
  }
  const agencyName = (code: string) => agencies.get(code) ?? code;
  if (def.params.some((p) => p.name === 'agency')) {
    const asked = values.agency;
    if (asked !== null && asked !== undefined && asked !== viewer.agency) {
      throw jsonError(
        403,
        'AGENCY_SCOPE',
        `Mã truy cập "${viewer.label}" chỉ xem được danh sách của ${agencyName(viewer.agency)} (${viewer.agency}), không xem được danh sách của ${agencyName(String(asked))} (${String(asked)}).`,
        { param: 'agency' },
      );
    }
    return { values: { ...values, agency: viewer.agency }, rowScope: null };
  }
  if (!def.scopeColumn) throw new Error(`${def.name}: personal query without an agency parameter or a scope column`);
  return { values, rowScope: { column: def.scopeColumn, agency: viewer.agency } };
}
