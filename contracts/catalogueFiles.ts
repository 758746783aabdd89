/**
 * The catalogue files Sở Nội vụ keeps (docs/plans-and-organisation.md): vocabulary, organisation,
 * plans and congresses. One schema for the ingest service (which registers them), the demo
 * generator and the tests. Each reader returns the file or every problem found, each naming
 * where (`path`, and `row` for a list item, counted from 1), the field, the value and why, in
 * Vietnamese; never throws.
 */

export interface CatalogueProblem {
  /** Which list the problem is in ("movements", "agencies", …) or "" for the file's top level. */
  path: string;
  /** 1-based position in that list; 0 for the top level. */
  row: number;
  field: string;
  value: string;
  code: string;
  message: string;
}

export type CatalogueRead<T> = { ok: true; value: T } | { ok: false; problems: CatalogueProblem[] };

export interface VocabularyFile {
  format: 'tu-vung/1';
  /** list → code → label, in display order. Lists: kind, category, stage, form, assignment, agency_kind. */
  lists: Record<string, Record<string, string>>;
}

export interface ProvinceEntry {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface BlocEntry {
  code: string;
  name: string;
  illustrative: boolean;
}

export interface AgencyEntry {
  code: string;
  name: string;
  kind: string;
  bloc: string;
  province: string;
  validFrom: string | null;
  validTo: string | null;
  variants: string[];
}

export const TAKES_BY = ['all', 'movement', 'commune', 'list', 'rest'] as const;
export type TakesBy = (typeof TAKES_BY)[number];

export interface SuccessionEntry {
  predecessor: string;
  successor: string;
  effective: string;
  note: string;
  takes: { by: TakesBy; values: string[] };
}

export interface OrganisationFile {
  format: 'to-chuc/1';
  provinces: ProvinceEntry[];
  blocs: BlocEntry[];
  agencies: AgencyEntry[];
  successions: SuccessionEntry[];
}

export interface MovementEntry {
  no: number;
  name: string;
  shortName: string;
  parts: string[];
  leadAgency: string;
  assignment: string;
  households: boolean;
  aliases: string[];
}

export interface PlanTarget {
  text: string;
  movement: number | null;
  value: number | null;
  unit: string;
}

export interface PlanFile {
  format: 'ke-hoach/1';
  code: string;
  number: string;
  issuedOn: string;
  issuedBy: string;
  title: string;
  province: string;
  firstYear: number;
  lastYear: number;
  submissionDeadline: string;
  reportingKinds: string[];
  synthetic: boolean;
  movements: MovementEntry[];
  targets: PlanTarget[];
}

export interface CongressFile {
  format: 'dai-hoi/1';
  code: string;
  name: string;
  number: string;
  /** null while the congress is only planned (Plan 90 foresaw "Q3 2025"). */
  heldOn: string | null;
  firstYear: number;
  lastYear: number;
  provinces: string[];
  rule: 'section_v';
  form: string;
  synthetic: boolean;
}

/** Codes: capital ASCII letters, digits, _ and - (agency, bloc, province, congress codes). */
const CODE = /^[A-Z][A-Z0-9_-]{0,39}$/;
/** A plan's code is its document number: "90/KH-UBND". */
const PLAN_CODE = /^[0-9A-Za-zĐđ][0-9A-Za-zĐđ/_.-]{0,39}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** Collects problems while a file is read; each check returns the value or a fallback. */
class Reader {
  constructor(
    readonly problems: CatalogueProblem[] = [],
    private path = '',
    private row = 0,
  ) {}

  /** A reader for one item of a list, adding to the same problems. */
  at(path: string, row: number): Reader {
    return new Reader(this.problems, path, row);
  }

  fail(field: string, value: unknown, code: string, message: string): void {
    this.problems.push({ path: this.path, row: this.row, field, value: shown(value), code, message });
  }

  text(o: Record<string, unknown>, field: string, options: { optional?: boolean; max?: number } = {}): string {
    const v = o[field];
    if (v === undefined || v === null || v === '') {
      if (!options.optional) this.fail(field, v, 'MISSING', `Thiếu «${field}».`);
      return '';
    }
    if (typeof v !== 'string') {
      this.fail(field, v, 'NOT_TEXT', `«${field}» phải là chữ.`);
      return '';
    }
    const clean = v.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (clean.length > (options.max ?? 500)) this.fail(field, v, 'TOO_LONG', `«${field}» dài quá ${options.max ?? 500} ký tự.`);
    return clean;
  }

  code(o: Record<string, unknown>, field: string, pattern = CODE): string {
    const v = this.text(o, field, { max: 40 });
    if (v && !pattern.test(v))
      this.fail(field, v, 'CODE_INVALID', `Mã «${v}» không hợp lệ: chỉ dùng chữ in hoa không dấu, chữ số, «_» và «-».`);
    return v;
  }

  date(o: Record<string, unknown>, field: string, optional: boolean): string | null {
    const v = o[field];
    if (v === undefined || v === null || v === '') {
      if (!optional) this.fail(field, v, 'MISSING', `Thiếu ngày «${field}».`);
      return null;
    }
    if (typeof v !== 'string' || !ISO_DATE.test(v) || !isRealDate(v)) {
      this.fail(field, v, 'DATE_INVALID', `Ngày «${shown(v)}» không hợp lệ: viết theo dạng năm-tháng-ngày (YYYY-MM-DD).`);
      return null;
    }
    return v;
  }

  year(o: Record<string, unknown>, field: string): number {
    const v = o[field];
    if (!Number.isInteger(v) || (v as number) < MIN_YEAR || (v as number) > MAX_YEAR) {
      this.fail(field, v, 'YEAR_INVALID', `Năm «${shown(v)}» không hợp lệ (${MIN_YEAR}–${MAX_YEAR}).`);
      return 0;
    }
    return v as number;
  }

  bool(o: Record<string, unknown>, field: string, fallback: boolean): boolean {
    const v = o[field];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') {
      this.fail(field, v, 'NOT_BOOLEAN', `«${field}» phải là true hoặc false.`);
      return fallback;
    }
    return v;
  }

  texts(o: Record<string, unknown>, field: string): string[] {
    const v = o[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.fail(field, v, 'NOT_TEXT_LIST', `«${field}» phải là một danh sách chữ.`);
      return [];
    }
    return v.map((x: string) => x.normalize('NFC').replace(/\s+/g, ' ').trim()).filter((x) => x !== '');
  }

  list(o: Record<string, unknown>, field: string, optional = false): Record<string, unknown>[] {
    const v = o[field];
    if (v === undefined && optional) return [];
    if (!Array.isArray(v)) {
      this.fail(field, v, 'NOT_LIST', `«${field}» phải là một danh sách.`);
      return [];
    }
    return v.map((item, i) => {
      if (isObject(item)) return item;
      this.at(field, i + 1).fail('', item, 'NOT_OBJECT', `Mục thứ ${i + 1} của «${field}» không phải một bản ghi.`);
      return {};
    });
  }

  format(o: Record<string, unknown>, expected: string): void {
    if (o.format !== expected) this.fail('format', o.format, 'FORMAT_UNKNOWN', `Tệp không phải dạng «${expected}» (trường «format»).`);
  }

  unknownFields(o: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!known.includes(key)) this.fail(key, o[key], 'FIELD_UNKNOWN', `Trường «${key}» không có trong mẫu tệp: kiểm tra lỗi chính tả.`);
    }
  }

  done<T>(value: T): CatalogueRead<T> {
    return this.problems.length === 0 ? { ok: true, value } : { ok: false, problems: this.problems };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

function shown(v: unknown): string {
  if (v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

function duplicates<T>(r: Reader, path: string, items: T[], key: (t: T) => string, field: string, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (!k) return;
    const first = seen.get(k);
    if (first !== undefined) r.at(path, i + 1).fail(field, k, 'DUPLICATE', `${what} «${k}» đã có ở mục thứ ${first}.`);
    else seen.set(k, i + 1);
  });
}

export function readVocabularyFile(json: unknown): CatalogueRead<VocabularyFile> {
  const r = new Reader();
  if (!isObject(json)) return fileNotObject();
  r.format(json, 'tu-vung/1');
  const lists: Record<string, Record<string, string>> = {};
  if (!isObject(json.lists)) r.fail('lists', json.lists, 'NOT_OBJECT', '«lists» phải là một bản ghi.');
  else {
    for (const [list, entries] of Object.entries(json.lists)) {
      if (!isObject(entries)) {
        r.fail(list, entries, 'NOT_OBJECT', `Danh mục «${list}» phải là một bản ghi mã → nhãn.`);
        continue;
      }
      lists[list] = {};
      for (const [code, label] of Object.entries(entries)) {
        if (!/^[a-z][a-z0-9_]{0,39}$/.test(code)) r.fail(list, code, 'CODE_INVALID', `Mã «${code}» trong «${list}» không hợp lệ.`);
        if (typeof label !== 'string' || label.trim() === '') r.fail(list, label, 'MISSING', `Mã «${code}» trong «${list}» thiếu nhãn.`);
        else lists[list]![code] = label.normalize('NFC').trim();
      }
    }
    for (const required of ['kind', 'category', 'stage', 'form', 'assignment', 'agency_kind']) {
      if (!lists[required]) r.fail('lists', required, 'MISSING', `Thiếu danh mục «${required}».`);
    }
  }
  return r.done({ format: 'tu-vung/1', lists });
}

export function readOrganisationFile(json: unknown): CatalogueRead<OrganisationFile> {
  const r = new Reader();
  if (!isObject(json)) return fileNotObject();
  r.format(json, 'to-chuc/1');
  r.unknownFields(json, ['format', 'provinces', 'blocs', 'agencies', 'successions']);
  const provinces = r.list(json, 'provinces', true).map((o, i) => {
    const at = r.at('provinces', i + 1);
    at.unknownFields(o, ['code', 'name', 'validFrom', 'validTo']);
    return {
      code: at.code(o, 'code'),
      name: at.text(o, 'name'),
      validFrom: at.date(o, 'validFrom', true),
      validTo: at.date(o, 'validTo', true),
    };
  });
  const blocs = r.list(json, 'blocs', true).map((o, i) => {
    const at = r.at('blocs', i + 1);
    at.unknownFields(o, ['code', 'name', 'illustrative']);
    return { code: at.code(o, 'code'), name: at.text(o, 'name'), illustrative: at.bool(o, 'illustrative', true) };
  });
  const agencies = r.list(json, 'agencies', true).map((o, i) => {
    const at = r.at('agencies', i + 1);
    at.unknownFields(o, ['code', 'name', 'kind', 'bloc', 'province', 'validFrom', 'validTo', 'variants']);
    const entry: AgencyEntry = {
      code: at.code(o, 'code'),
      name: at.text(o, 'name'),
      kind: at.text(o, 'kind', { max: 40 }),
      bloc: at.code(o, 'bloc'),
      province: at.code(o, 'province'),
      validFrom: at.date(o, 'validFrom', true),
      validTo: at.date(o, 'validTo', true),
      variants: at.texts(o, 'variants'),
    };
    if (entry.validFrom && entry.validTo && entry.validTo < entry.validFrom) {
      at.fail('validTo', entry.validTo, 'VALIDITY_REVERSED', `Ngày hết hiệu lực ${entry.validTo} trước ngày bắt đầu ${entry.validFrom}.`);
    }
    return entry;
  });
  const successions = r.list(json, 'successions', true).map((o, i) => {
    const at = r.at('successions', i + 1);
    at.unknownFields(o, ['predecessor', 'successor', 'effective', 'note', 'takes']);
    const takes = isObject(o.takes) ? o.takes : {};
    if (o.takes !== undefined && !isObject(o.takes)) at.fail('takes', o.takes, 'NOT_OBJECT', '«takes» phải là một bản ghi { by, values }.');
    const by = (takes.by ?? 'all') as TakesBy;
    if (!TAKES_BY.includes(by))
      at.fail('takes.by', takes.by, 'TAKES_UNKNOWN', `Cách chia «${shown(takes.by)}» không có: dùng ${TAKES_BY.join(', ')}.`);
    const values = at.texts(takes, 'values');
    // An empty `list` is allowed: a successor whose part Sở Nội vụ has yet to name.
    if ((by === 'movement' || by === 'commune') && values.length === 0) {
      at.fail('takes.values', '', 'TAKES_EMPTY', `Cách chia «${by}» cần danh sách giá trị («values»).`);
    }
    if (by === 'movement' && values.some((v) => !/^\d{1,6}$/.test(v)))
      at.fail('takes.values', values.join(', '), 'MOVEMENT_INVALID', 'Chia theo phong trào: mỗi giá trị là mã số phong trào.');
    return {
      predecessor: at.code(o, 'predecessor'),
      successor: at.code(o, 'successor'),
      effective: at.date(o, 'effective', false) ?? '',
      note: at.text(o, 'note', { optional: true }),
      takes: { by, values },
    };
  });
  duplicates(r, 'provinces', provinces, (p) => p.code, 'code', 'Mã tỉnh');
  duplicates(r, 'blocs', blocs, (b) => b.code, 'code', 'Mã khối');
  duplicates(r, 'agencies', agencies, (a) => a.code, 'code', 'Mã cơ quan');
  duplicates(r, 'successions', successions, (s) => `${s.predecessor} → ${s.successor}`, 'successor', 'Quan hệ kế thừa');
  successions.forEach((s, i) => {
    if (s.predecessor && s.predecessor === s.successor)
      r.at('successions', i + 1).fail('successor', s.successor, 'SUCCESSION_SELF', 'Một cơ quan không kế thừa chính nó.');
  });
  const rests = new Map<string, number>();
  successions.forEach((s, i) => {
    if (s.takes.by !== 'rest') return;
    if (rests.has(s.predecessor))
      r.at('successions', i + 1).fail(
        'takes.by',
        'rest',
        'REST_TWICE',
        `«${s.predecessor}» đã có một đơn vị nhận phần còn lại (mục ${rests.get(s.predecessor)}).`,
      );
    else rests.set(s.predecessor, i + 1);
  });
  const successorCount = new Map<string, number>();
  for (const s of successions) successorCount.set(s.predecessor, (successorCount.get(s.predecessor) ?? 0) + 1);
  successions.forEach((s, i) => {
    const siblings = successorCount.get(s.predecessor) ?? 0;
    if (s.takes.by === 'all' && siblings > 1) {
      r.at('successions', i + 1).fail(
        'takes.by',
        'all',
        'SPLIT_NEEDS_RULE',
        `«${s.predecessor}» có ${siblings} đơn vị kế thừa: mỗi đơn vị phải nói phần nào nó nhận (movement, commune, list hoặc rest).`,
      );
    }
  });
  return r.done({ format: 'to-chuc/1', provinces, blocs, agencies, successions });
}

export function readPlanFile(json: unknown): CatalogueRead<PlanFile> {
  const r = new Reader();
  if (!isObject(json)) return fileNotObject();
  r.format(json, 'ke-hoach/1');
  r.unknownFields(json, [
    'format',
    'code',
    'number',
    'issuedOn',
    'issuedBy',
    'title',
    'province',
    'firstYear',
    'lastYear',
    'submissionDeadline',
    'reportingKinds',
    'synthetic',
    'movements',
    'targets',
  ]);
  const plan: PlanFile = {
    format: 'ke-hoach/1',
    code: r.code(json, 'code', PLAN_CODE),
    number: r.text(json, 'number', { max: 60 }),
    issuedOn: r.date(json, 'issuedOn', false) ?? '',
    issuedBy: r.text(json, 'issuedBy'),
    title: r.text(json, 'title', { max: 1000 }),
    province: r.code(json, 'province'),
    firstYear: r.year(json, 'firstYear'),
    lastYear: r.year(json, 'lastYear'),
    submissionDeadline: r.date(json, 'submissionDeadline', false) ?? '',
    reportingKinds: r.texts(json, 'reportingKinds'),
    synthetic: r.bool(json, 'synthetic', false),
    movements: [],
    targets: [],
  };
  if (plan.firstYear && plan.lastYear && plan.lastYear < plan.firstYear)
    r.fail('lastYear', plan.lastYear, 'PERIOD_REVERSED', `Năm cuối ${plan.lastYear} trước năm đầu ${plan.firstYear}.`);
  if (plan.firstYear && plan.lastYear - plan.firstYear > 9)
    r.fail('lastYear', plan.lastYear, 'PERIOD_TOO_LONG', 'Một kế hoạch kéo dài tối đa 10 năm.');
  if (plan.reportingKinds.length === 0)
    r.fail('reportingKinds', '', 'MISSING', 'Thiếu danh sách loại cơ quan, đơn vị thực hiện kế hoạch («reportingKinds»).');
  plan.movements = r.list(json, 'movements').map((o, i) => {
    const at = r.at('movements', i + 1);
    at.unknownFields(o, ['no', 'name', 'shortName', 'parts', 'leadAgency', 'assignment', 'households', 'aliases']);
    if (!Number.isInteger(o.no) || (o.no as number) < 1 || (o.no as number) > 99)
      at.fail('no', o.no, 'MOVEMENT_NO_INVALID', `Số phong trào «${shown(o.no)}» phải là số nguyên 1–99.`);
    return {
      no: Number.isInteger(o.no) ? (o.no as number) : 0,
      name: at.text(o, 'name', { max: 500 }),
      shortName: at.text(o, 'shortName', { max: 120 }),
      parts: at.texts(o, 'parts'),
      leadAgency: at.code(o, 'leadAgency'),
      assignment: at.text(o, 'assignment', { max: 40 }),
      households: at.bool(o, 'households', false),
      aliases: at.texts(o, 'aliases'),
    };
  });
  if (plan.movements.length === 0 && r.problems.every((p) => p.field !== 'movements'))
    r.fail('movements', '', 'MISSING', 'Kế hoạch chưa có phong trào nào.');
  duplicates(r, 'movements', plan.movements, (m) => (m.no ? String(m.no) : ''), 'no', 'Số phong trào');
  duplicates(r, 'movements', plan.movements, (m) => m.name.toLowerCase(), 'name', 'Tên phong trào');
  plan.targets = r.list(json, 'targets', true).map((o, i) => {
    const at = r.at('targets', i + 1);
    at.unknownFields(o, ['text', 'movement', 'value', 'unit']);
    const value =
      o.value === undefined || o.value === null
        ? null
        : Number.isFinite(o.value)
          ? (o.value as number)
          : (at.fail('value', o.value, 'NOT_NUMBER', 'Chỉ tiêu phải là một số.'), null);
    const movement =
      o.movement === undefined || o.movement === null
        ? null
        : Number.isInteger(o.movement)
          ? (o.movement as number)
          : (at.fail('movement', o.movement, 'MOVEMENT_NO_INVALID', 'Số phong trào phải là số nguyên.'), null);
    return { text: at.text(o, 'text', { max: 1000 }), movement, value, unit: at.text(o, 'unit', { optional: true, max: 60 }) };
  });
  return r.done(plan);
}

export function readCongressFile(json: unknown): CatalogueRead<CongressFile> {
  const r = new Reader();
  if (!isObject(json)) return fileNotObject();
  r.format(json, 'dai-hoi/1');
  r.unknownFields(json, ['format', 'code', 'name', 'number', 'heldOn', 'firstYear', 'lastYear', 'provinces', 'rule', 'form', 'synthetic']);
  const congress: CongressFile = {
    format: 'dai-hoi/1',
    code: r.code(json, 'code'),
    name: r.text(json, 'name'),
    number: r.text(json, 'number', { max: 20 }),
    heldOn: r.date(json, 'heldOn', true),
    firstYear: r.year(json, 'firstYear'),
    lastYear: r.year(json, 'lastYear'),
    provinces: r.texts(json, 'provinces'),
    rule: 'section_v',
    form: r.text(json, 'form', { max: 40 }),
    synthetic: r.bool(json, 'synthetic', false),
  };
  if (json.rule !== 'section_v')
    r.fail(
      'rule',
      json.rule,
      'RULE_UNKNOWN',
      'Cách chọn đại biểu chưa được hỗ trợ: dùng «section_v» (xếp theo số lần được công nhận, từ cao xuống thấp).',
    );
  if (congress.provinces.length === 0) r.fail('provinces', '', 'MISSING', 'Thiếu danh sách tỉnh có đoàn đại biểu («provinces»).');
  if (congress.firstYear && congress.lastYear < congress.firstYear)
    r.fail('lastYear', congress.lastYear, 'PERIOD_REVERSED', 'Năm cuối trước năm đầu.');
  return r.done(congress);
}

function fileNotObject<T>(): CatalogueRead<T> {
  return {
    ok: false,
    problems: [{ path: '', row: 0, field: '', value: '', code: 'NOT_OBJECT', message: 'Tệp không phải một bản ghi JSON.' }],
  };
}
