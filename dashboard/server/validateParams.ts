import { HTTPException } from 'hono/http-exception';
import type { ErrorAnswer, ErrorShape } from '../../contracts/errorShape.ts';
import type { ParamDeclaration, ParamValue, QueryDefinition } from './queryDefinition.ts';
import type { SnapshotFacts } from './snapshotFacts.ts';

/** Query-string names that steer the answer rather than the query. */
export const RESERVED_PARAMS = new Set(['format', 'header']);

export type ParamError = ErrorShape & {
  code: 'UNKNOWN_PARAM' | 'BAD_PARAM' | 'MISSING_PARAM' | 'REPEATED_PARAM';
  param: string;
};

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const MAX_TEXT = 200;

function describe(p: ParamDeclaration): string {
  const t = p.type;
  switch (t.kind) {
    case 'INTEGER':
      return `một số nguyên từ ${t.min} đến ${t.max}`;
    case 'BOOLEAN':
      return 'true hoặc false';
    case 'ENUM':
      return `một trong các giá trị ${t.values.join(', ')}`;
    case 'CODE':
      return 'một mã gồm chữ in hoa, chữ số và dấu gạch dưới (tối đa 40 ký tự)';
    case 'TEXT':
      return `một chuỗi tối đa ${MAX_TEXT} ký tự`;
    case 'DATE':
      return 'một ngày dạng YYYY-MM-DD';
  }
}

function parseValue(p: ParamDeclaration, raw: string): ParamValue | undefined {
  const t = p.type;
  switch (t.kind) {
    case 'INTEGER': {
      if (!/^-?\d{1,10}$/.test(raw)) return undefined;
      const n = Number(raw);
      return n >= t.min && n <= t.max ? n : undefined;
    }
    case 'BOOLEAN':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : undefined;
    case 'ENUM':
      return t.values.includes(raw) ? raw : undefined;
    case 'CODE':
      return CODE.test(raw) ? raw : undefined;
    case 'TEXT':
      return raw.length <= MAX_TEXT && !raw.includes('\0') ? raw : undefined;
    case 'DATE': {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) return undefined;
      const d = new Date(`${raw}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === raw ? raw : undefined;
    }
  }
}

/**
 * Checks a request's query string against a query's declaration and returns the values to
 * bind (declared defaults filled in). An empty value means "not set" (the default), so a form
 * can submit an unused filter. Errors name the parameter, in Vietnamese. `def` is the query as
 * resolved for the snapshot (resolveQuery.ts); with the snapshot's facts, `plan` and `congress`
 * must name one of its plans or congresses.
 */
export function validateParams(
  def: QueryDefinition,
  search: URLSearchParams,
  facts: Pick<SnapshotFacts, 'plans' | 'congresses'> | null = null,
): { values: Record<string, ParamValue> } | { error: ParamError } {
  const seen = new Set<string>();
  for (const key of search.keys()) {
    if (RESERVED_PARAMS.has(key)) continue;
    if (seen.has(key)) return { error: { code: 'REPEATED_PARAM', param: key, message: `Tham số "${key}" chỉ được truyền một lần.` } };
    seen.add(key);
    if (!def.params.some((p) => p.name === key)) {
      const known = def.params.map((p) => p.name).join(', ') || 'không có';
      return {
        error: {
          code: 'UNKNOWN_PARAM',
          param: key,
          message: `Tham số "${key}" không có trong truy vấn "${def.name}" (các tham số hợp lệ: ${known}).`,
        },
      };
    }
  }
  const values: Record<string, ParamValue> = {};
  for (const p of def.params) {
    const raw = search.get(p.name);
    if (raw === null || raw === '') {
      if (p.required)
        return {
          error: { code: 'MISSING_PARAM', param: p.name, message: `Thiếu tham số bắt buộc "${p.name}" (${p.label}): cần ${describe(p)}.` },
        };
      values[p.name] = p.default;
      continue;
    }
    const value = parseValue(p, raw);
    if (value === undefined) {
      const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
      return {
        error: {
          code: 'BAD_PARAM',
          param: p.name,
          message: `Tham số "${p.name}" (${p.label}) không hợp lệ: cần ${describe(p)}, nhận được "${shown}".`,
        },
      };
    }
    const unknownCode = facts ? knownCodeError(p, value, facts) : null;
    if (unknownCode) return { error: unknownCode };
    values[p.name] = value;
  }
  const from = values.year_from;
  const to = values.year_to;
  if (typeof from === 'number' && typeof to === 'number' && from > to) {
    return {
      error: { code: 'BAD_PARAM', param: 'year_from', message: `Tham số "year_from" (${from}) không được lớn hơn "year_to" (${to}).` },
    };
  }
  return { values };
}

/** A `plan` or `congress` value the snapshot does not know, said with the codes it does know. */
function knownCodeError(p: ParamDeclaration, value: ParamValue, facts: Pick<SnapshotFacts, 'plans' | 'congresses'>): ParamError | null {
  if (typeof value !== 'string') return null;
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  if (p.name === 'plan' && !facts.plans.includes(value)) {
    const known = facts.plans.join(', ') || 'chưa có kế hoạch nào';
    return {
      code: 'BAD_PARAM',
      param: p.name,
      message: `Tham số "plan" (${p.label}) không hợp lệ: không có kế hoạch "${shown}" trong số liệu hiện có (các kế hoạch đã đăng ký: ${known}).`,
    };
  }
  if (p.name === 'congress' && !facts.congresses.includes(value)) {
    const known = facts.congresses.join(', ') || 'chưa có đại hội nào';
    return {
      code: 'BAD_PARAM',
      param: p.name,
      message: `Tham số "congress" (${p.label}) không hợp lệ: không có đại hội "${shown}" trong số liệu hiện có (các đại hội đã đăng ký: ${known}).`,
    };
  }
  return null;
}

/** The 400 answer for a refused parameter. */
export function paramErrorResponse(error: ParamError): HTTPException {
  const body: ErrorAnswer = { error };
  return new HTTPException(400, { res: Response.json(body, { status: 400 }) });
}
