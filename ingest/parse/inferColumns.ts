import { CATEGORIES, FORMS, KINDS, STAGES } from '../catalogue/vocabulary.ts';
import { matchMovement } from '../match/matchMovement.ts';
import { matchCategory, matchForm, matchKind, matchStage } from '../match/matchValues.ts';
import { foldKey } from '../text/normalise.ts';
import { FIELD_LABELS, type ColumnDecision } from '../../contracts/uploadFields.ts';
import { explicitKeys, isIgnoredHeader, type ColumnMapping, type Field, type HeaderMatch } from './headerMap.ts';

/** Data rows under the header that decide what a column holds: a sample, never the whole file. */
export const SAMPLE_ROWS = 50;

/** The fields with a closed vocabulary (or, for movements, their own names): they do not overlap. */
export const VOCABULARY_FIELDS = ['kind', 'category', 'stage', 'form', 'movement'] as const satisfies readonly Field[];
type VocabularyField = (typeof VOCABULARY_FIELDS)[number];

/** A header is right when at least this share of its column's values fit its field. */
const HEADER_FITS = 0.5;
/** Another field takes the column only when this share of its values fit that field. */
const VALUES_FIT = 0.75;

/** A column-numbering cell ("(3)") says nothing of what the column holds. */
const NUMBERING = /^\(\d{1,2}\)$/;

export { FIELD_LABELS };

const WHAT: Record<VocabularyField, string> = {
  kind: 'loại đối tượng',
  category: 'phân loại điển hình',
  stage: 'khâu',
  form: 'hình thức công nhận',
  movement: 'tên phong trào thi đua',
};

const LABELS: Record<Exclude<VocabularyField, 'movement'>, Record<string, string>> = {
  kind: KINDS,
  category: CATEGORIES,
  stage: STAGES,
  form: FORMS,
};

/** What a value means in a field's vocabulary (a code or a movement number), or null. `loose`: a bare number is not a movement. */
function readAs(field: VocabularyField, raw: string, loose: boolean): string | null {
  if (field === 'kind') return matchKind(raw);
  if (field === 'category') return matchCategory(raw);
  if (field === 'stage') return matchStage(raw);
  if (field === 'form') return matchForm(raw);
  const m = matchMovement(raw);
  // A bare number 1–20 is a movement only under a movement header: elsewhere it is a row number or a count ("PT 3" is a movement anywhere).
  return m.ok && !(loose && m.how === 'number' && /^\s*\d+\s*$/.test(raw)) ? String(m.no) : null;
}

/** Share of a column's non-blank sample values that fit each vocabulary field (0–1), and how many there are. */
export function columnFits(
  values: readonly (string | null | undefined)[],
  headerField: Field | null,
): { count: number; fits: Record<VocabularyField, number>; seen: Record<VocabularyField, Set<string>> } {
  const nonblank = values.filter((v): v is string => typeof v === 'string' && v.trim() !== '' && !NUMBERING.test(v.trim()));
  const fits = {} as Record<VocabularyField, number>;
  const seen = {} as Record<VocabularyField, Set<string>>;
  for (const f of VOCABULARY_FIELDS) {
    const codes = nonblank.map((v) => readAs(f, v, headerField !== f));
    seen[f] = new Set(codes.filter((c): c is string => c !== null));
    fits[f] = nonblank.length === 0 ? 0 : codes.filter((c) => c !== null).length / nonblank.length;
  }
  return { count: nonblank.length, fits, seen };
}

export type ColumnHow = 'header' | 'values' | 'mapping';

/** One column of the file as it will be read. `index` is 0-based. */
export interface ColumnReading {
  index: number;
  header: string;
  field: Field | null;
  how: ColumnHow | null;
}

export interface InferredColumns {
  match: HeaderMatch;
  columns: ColumnReading[];
  decisions: ColumnDecision[];
}

function describe(field: VocabularyField, seen: Set<string>): string {
  if (field === 'movement') return WHAT.movement;
  const labels = [...seen].map((code) => LABELS[field][code] ?? code);
  return labels.length > 0 ? `${WHAT[field]} (${labels.join('/')})` : WHAT[field];
}

/**
 * Decides what each column holds from the header and a sample of the rows under it (issue
 * 13.1). A column whose values fit another field's vocabulary far better than its header's
 * field is read as that field, when that field has no column, an empty one, or one whose
 * values do not fit it. The header wins when its column's values fit it; the explicit
 * mapping always wins. Header-only mapping comes from matchHeaderRow; this refines it.
 */
export function inferColumns(
  headerCells: readonly (string | null)[],
  match: HeaderMatch,
  sample: readonly (readonly (string | null)[])[],
  explicit: Partial<Record<Field, string>> = {},
): InferredColumns {
  const width = Math.max(headerCells.length, ...sample.map((r) => r.length), ...Object.values(match.columns).map((i) => (i ?? 0) + 1));
  const fieldAt = new Map<number, Field>();
  for (const [f, i] of Object.entries(match.columns) as [Field, number][]) fieldAt.set(i, f);
  const explicitByKey = explicitKeys(explicit);
  const explicitFields = new Set(explicitByKey.values());
  const byMapping = (i: number) => {
    const f = fieldAt.get(i);
    return f !== undefined && explicitByKey.get(foldKey(headerCells[i] ?? '')) === f;
  };
  const headerText = (i: number) => {
    const f = fieldAt.get(i);
    return (f !== undefined ? match.headers[f] : undefined) ?? (headerCells[i] ?? '').trim();
  };
  // Only the columns that may change are matched against every vocabulary: a name or unit
  // column of long text matched fuzzily against 20 movement names cost 0.3 s per upload.
  const fitsCache = new Map<number, ReturnType<typeof columnFits>>();
  const statsOf = (i: number) => {
    let s = fitsCache.get(i);
    if (!s)
      fitsCache.set(
        i,
        (s = columnFits(
          sample.map((r) => r[i]),
          fieldAt.get(i) ?? null,
        )),
      );
    return s;
  };

  // Columns whose values say another field than their header.
  const proposals: { index: number; field: VocabularyField; fit: number }[] = [];
  for (let i = 0; i < width; i++) {
    const header = headerText(i);
    const h = fieldAt.get(i) ?? null;
    if (header === '' || isIgnoredHeader(header) || byMapping(i)) continue;
    if (h !== null && !(VOCABULARY_FIELDS as readonly string[]).includes(h)) continue;
    const s = statsOf(i);
    if (s.count === 0) continue;
    if (h !== null && s.fits[h as VocabularyField] >= HEADER_FITS) continue; // the header is right
    const best = VOCABULARY_FIELDS.filter((f) => f !== h && !explicitFields.has(f)).sort((a, b) => s.fits[b] - s.fits[a])[0];
    if (best && s.fits[best] >= VALUES_FIT) proposals.push({ index: i, field: best, fit: s.fits[best] });
  }
  proposals.sort((a, b) => b.fit - a.fit || a.index - b.index);

  const columns: ColumnMapping = { ...match.columns };
  const headers = { ...match.headers };
  const moved = new Map<number, VocabularyField>();
  const dropped = new Map<number, { field: Field; by: number }>();
  for (const p of proposals) {
    if (moved.has(p.index)) continue;
    const owner = columns[p.field];
    if (owner !== undefined && owner !== p.index) {
      const ownerStats = statsOf(owner);
      // The field's own column is right: this column stays as its header says.
      if (byMapping(owner) || (ownerStats.count > 0 && ownerStats.fits[p.field] >= HEADER_FITS)) continue;
      if (!moved.has(owner)) dropped.set(owner, { field: p.field, by: p.index });
    }
    const h = fieldAt.get(p.index);
    if (h !== undefined && columns[h] === p.index) {
      delete columns[h];
      delete headers[h];
    }
    columns[p.field] = p.index;
    headers[p.field] = headerText(p.index);
    moved.set(p.index, p.field);
    dropped.delete(p.index);
  }

  const decisions: ColumnDecision[] = [];
  for (const [index, field] of moved) {
    const header = headerText(index);
    decisions.push({
      column: index + 1,
      header,
      headerField: fieldAt.get(index) ?? null,
      field,
      message: `Cột «${header}» chứa ${describe(field, statsOf(index).seen[field])} nên được hiểu là ${FIELD_LABELS[field]}.`,
    });
  }
  for (const [index, { field, by }] of dropped) {
    const header = headerText(index);
    const empty = statsOf(index).count === 0;
    decisions.push({
      column: index + 1,
      header,
      headerField: fieldAt.get(index) ?? null,
      field: null,
      message: `Cột «${header}» ${empty ? 'trống' : `không chứa ${WHAT[field as VocabularyField] ?? FIELD_LABELS[field]}`} nên không được đọc: ${FIELD_LABELS[field]} lấy từ cột «${headerText(by)}».`,
    });
  }
  decisions.sort((a, b) => a.column - b.column);

  const fieldOf = new Map<number, Field>();
  for (const [f, i] of Object.entries(columns) as [Field, number][]) fieldOf.set(i, f);
  const readings: ColumnReading[] = Array.from({ length: width }, (_, index) => {
    const field = fieldOf.get(index) ?? null;
    const how: ColumnHow | null = field === null ? null : moved.has(index) ? 'values' : byMapping(index) ? 'mapping' : 'header';
    return { index, header: field !== null ? (headers[field] ?? headerText(index)) : headerText(index), field, how };
  });
  const unknown = match.unknown.filter((u) => ![...moved.keys()].some((i) => headerText(i) === u));
  return { match: { columns, headers, unknown }, columns: readings, decisions };
}
