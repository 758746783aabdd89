import type { DuckDBConnection } from '@duckdb/node-api';
import type { CatalogueProblem, CongressFile, OrganisationFile, PlanFile, VocabularyFile } from '../../contracts/catalogueFiles.ts';
import { queryRows } from '../store/database.ts';
import { loadSql } from '../store/loadSql.ts';
import { foldKey } from '../text/normalise.ts';

/**
 * Writes the catalogue files into the database (docs/plans-and-organisation.md). Each function
 * checks the file's references against the database and the file itself and returns every
 * problem, writing nothing; with none it writes (upsert) and returns []. The caller owns the
 * transaction, so a registration is all or nothing with its batch row.
 */

const SQL = {
  catalogueState: loadSql(import.meta.url, './sql/catalogue_state.sql'),
  movementsInUse: loadSql(import.meta.url, './sql/movements_in_use.sql'),
};

interface CatalogueState {
  provinces: Set<string>;
  blocs: Set<string>;
  agencies: Map<string, { from: string | null; to: string | null; province: string }>;
  vocabulary: Map<string, Set<string>>;
  movementKeys: Set<number>;
}

async function readState(conn: DuckDBConnection): Promise<CatalogueState> {
  const rows = await queryRows(conn, SQL.catalogueState);
  const state: CatalogueState = {
    provinces: new Set(),
    blocs: new Set(),
    agencies: new Map(),
    vocabulary: new Map(),
    movementKeys: new Set(),
  };
  for (const r of rows) {
    const code = String(r.code);
    if (r.what === 'province') state.provinces.add(code);
    else if (r.what === 'bloc') state.blocs.add(code);
    else if (r.what === 'movement') state.movementKeys.add(Number(code));
    else if (r.what === 'agency')
      state.agencies.set(code, { from: (r.a as string | null) ?? null, to: (r.b as string | null) ?? null, province: String(r.c) });
    else {
      const list = String(r.a);
      if (!state.vocabulary.has(list)) state.vocabulary.set(list, new Set());
      state.vocabulary.get(list)!.add(code);
    }
  }
  return state;
}

const problem = (path: string, row: number, field: string, value: unknown, code: string, message: string): CatalogueProblem => ({
  path,
  row,
  field,
  value: value === null || value === undefined ? '' : String(value),
  code,
  message,
});

const yearOf = (iso: string | null): number | null => (iso ? Number(iso.slice(0, 4)) : null);

export async function registerVocabulary(conn: DuckDBConnection, file: VocabularyFile): Promise<void> {
  await conn.run('DELETE FROM vocabulary');
  for (const [list, entries] of Object.entries(file.lists)) {
    let ord = 0;
    for (const [code, label] of Object.entries(entries)) {
      await conn.run('INSERT INTO vocabulary (list, code, label, ord) VALUES ($list, $code, $label, $ord)', {
        list,
        code,
        label,
        ord: ord++,
      });
    }
  }
}

export async function registerOrganisation(
  conn: DuckDBConnection,
  org: OrganisationFile,
  _batchId: number | null,
): Promise<CatalogueProblem[]> {
  const state = await readState(conn);
  const problems: CatalogueProblem[] = [];
  const provinces = new Set([...state.provinces, ...org.provinces.map((p) => p.code)]);
  const blocs = new Set([...state.blocs, ...org.blocs.map((b) => b.code)]);
  const agencies = new Set([...state.agencies.keys(), ...org.agencies.map((a) => a.code)]);
  const kinds = state.vocabulary.get('agency_kind') ?? new Set<string>();
  org.agencies.forEach((a, i) => {
    if (!kinds.has(a.kind))
      problems.push(
        problem(
          'agencies',
          i + 1,
          'kind',
          a.kind,
          'AGENCY_KIND_UNKNOWN',
          `Loại cơ quan «${a.kind}» không có trong danh mục (${[...kinds].join(', ')}).`,
        ),
      );
    if (!provinces.has(a.province))
      problems.push(
        problem('agencies', i + 1, 'province', a.province, 'PROVINCE_UNKNOWN', `Tỉnh «${a.province}» chưa có trong danh mục tỉnh.`),
      );
    if (!blocs.has(a.bloc))
      problems.push(problem('agencies', i + 1, 'bloc', a.bloc, 'BLOC_UNKNOWN', `Khối thi đua «${a.bloc}» chưa có trong danh mục khối.`));
  });
  org.successions.forEach((s, i) => {
    for (const field of ['predecessor', 'successor'] as const) {
      if (!agencies.has(s[field]))
        problems.push(
          problem('successions', i + 1, field, s[field], 'AGENCY_UNKNOWN', `Cơ quan «${s[field]}» chưa có trong danh mục cơ quan, đơn vị.`),
        );
    }
    if (s.takes.by === 'movement') {
      for (const v of s.takes.values) {
        if (!state.movementKeys.has(Number(v)))
          problems.push(
            problem(
              'successions',
              i + 1,
              'takes.values',
              v,
              'MOVEMENT_UNKNOWN',
              `Mã phong trào «${v}» chưa có trong kế hoạch nào đã đăng ký.`,
            ),
          );
      }
    }
  });
  if (problems.length > 0) return problems;

  for (const p of org.provinces) {
    await conn.run('DELETE FROM provinces WHERE code = $code', { code: p.code });
    await conn.run('INSERT INTO provinces VALUES ($code, $name, $from::DATE, $to::DATE)', {
      code: p.code,
      name: p.name,
      from: p.validFrom,
      to: p.validTo,
    });
  }
  for (const b of org.blocs) {
    await conn.run('DELETE FROM emulation_blocs WHERE code = $code', { code: b.code });
    await conn.run('INSERT INTO emulation_blocs VALUES ($code, $name, $illustrative)', {
      code: b.code,
      name: b.name,
      illustrative: b.illustrative,
    });
  }
  for (const a of org.agencies) {
    await conn.run('DELETE FROM agencies WHERE code = $code', { code: a.code });
    await conn.run('DELETE FROM agency_name_variants WHERE agency_code = $code', { code: a.code });
    await conn.run('INSERT INTO agencies VALUES ($code, $name, $kind, $bloc, $province, $from::DATE, $to::DATE)', {
      code: a.code,
      name: a.name,
      kind: a.kind,
      bloc: a.bloc,
      province: a.province,
      from: a.validFrom,
      to: a.validTo,
    });
    const variants = new Map<string, string>();
    for (const variant of [a.name, a.code, ...a.variants]) {
      const key = foldKey(variant);
      if (key && !variants.has(key)) variants.set(key, variant);
    }
    for (const [key, variant] of variants) {
      await conn.run('INSERT INTO agency_name_variants VALUES ($code, $variant, $key)', { code: a.code, variant, key });
    }
  }
  for (const predecessor of new Set(org.successions.map((s) => s.predecessor))) {
    await conn.run('DELETE FROM agency_successions WHERE predecessor_code = $p', { p: predecessor });
  }
  for (const s of org.successions) {
    await conn.run('INSERT INTO agency_successions VALUES ($p, $s, $d::DATE, $n, $by, $values::VARCHAR[])', {
      p: s.predecessor,
      s: s.successor,
      d: s.effective,
      n: s.note,
      by: s.takes.by,
      values: JSON.stringify(s.takes.values),
    });
  }
  return [];
}

export async function registerPlan(conn: DuckDBConnection, plan: PlanFile, batchId: number | null): Promise<CatalogueProblem[]> {
  const state = await readState(conn);
  const problems: CatalogueProblem[] = [];
  const top = (field: string, value: unknown, code: string, message: string) => problems.push(problem('', 0, field, value, code, message));
  if (!state.provinces.has(plan.province))
    top('province', plan.province, 'PROVINCE_UNKNOWN', `Tỉnh «${plan.province}» chưa có trong danh mục tỉnh: đăng ký tổ chức trước.`);
  const kinds = state.vocabulary.get('agency_kind') ?? new Set<string>();
  for (const k of plan.reportingKinds) {
    if (!kinds.has(k)) top('reportingKinds', k, 'AGENCY_KIND_UNKNOWN', `Loại cơ quan «${k}» không có trong danh mục.`);
  }
  const overlapping = await queryRows(
    conn,
    'SELECT code, first_year, last_year FROM plans WHERE province = $province AND code <> $code AND first_year <= $last AND last_year >= $first',
    { province: plan.province, code: plan.code, first: plan.firstYear, last: plan.lastYear },
  );
  for (const o of overlapping) {
    top(
      'firstYear',
      `${plan.firstYear}–${plan.lastYear}`,
      'PERIOD_OVERLAPS',
      `Giai đoạn ${plan.firstYear}–${plan.lastYear} trùng với kế hoạch ${String(o.code)} (${String(o.first_year)}–${String(o.last_year)}) của cùng tỉnh.`,
    );
  }
  const assignments = state.vocabulary.get('assignment') ?? new Set<string>();
  plan.movements.forEach((m, i) => {
    const lead = state.agencies.get(m.leadAgency);
    if (!lead)
      problems.push(
        problem(
          'movements',
          i + 1,
          'leadAgency',
          m.leadAgency,
          'AGENCY_UNKNOWN',
          `Cơ quan chủ trì «${m.leadAgency}» chưa có trong danh mục cơ quan, đơn vị.`,
        ),
      );
    else if ((lead.to && yearOf(lead.to)! < plan.firstYear) || (lead.from && yearOf(lead.from)! > plan.lastYear)) {
      problems.push(
        problem(
          'movements',
          i + 1,
          'leadAgency',
          m.leadAgency,
          'AGENCY_NOT_IN_PERIOD',
          `Cơ quan chủ trì «${m.leadAgency}» không tồn tại trong giai đoạn ${plan.firstYear}–${plan.lastYear}.`,
        ),
      );
    }
    if (!assignments.has(m.assignment))
      problems.push(
        problem(
          'movements',
          i + 1,
          'assignment',
          m.assignment,
          'ASSIGNMENT_UNKNOWN',
          `«${m.assignment}» không phải một hình thức giao (${[...assignments].join(', ')}).`,
        ),
      );
  });
  const numbers = new Set(plan.movements.map((m) => m.no));
  plan.targets.forEach((t, i) => {
    if (t.movement !== null && !numbers.has(t.movement))
      problems.push(
        problem('targets', i + 1, 'movement', t.movement, 'MOVEMENT_UNKNOWN', `Kế hoạch không có phong trào số ${t.movement}.`),
      );
  });
  const existing = await queryRows(conn, 'SELECT no, number FROM movements WHERE plan_code = $plan', { plan: plan.code });
  const keyOf = new Map(existing.map((r) => [Number(r.number), Number(r.no)]));
  const dropped = existing.filter((r) => !numbers.has(Number(r.number))).map((r) => Number(r.no));
  if (dropped.length > 0) {
    const inUse = await queryRows(conn, SQL.movementsInUse, { keys: JSON.stringify(dropped) });
    for (const r of inUse) {
      top(
        'movements',
        r.number,
        'MOVEMENT_IN_USE',
        `Phong trào số ${String(r.number)} đã có ${String(r.exemplars)} điển hình: không thể bỏ khỏi kế hoạch.`,
      );
    }
  }
  if (problems.length > 0) return problems;

  await conn.run('DELETE FROM plans WHERE code = $code', { code: plan.code });
  await conn.run(
    `INSERT INTO plans VALUES ($code, $number, $title, $issued::DATE, $by, $province, $first, $last, $deadline::DATE, $kinds::VARCHAR[], $synthetic, $batch, $document)`,
    {
      code: plan.code,
      number: plan.number,
      title: plan.title,
      issued: plan.issuedOn,
      by: plan.issuedBy,
      province: plan.province,
      first: plan.firstYear,
      last: plan.lastYear,
      deadline: plan.submissionDeadline,
      kinds: JSON.stringify(plan.reportingKinds),
      synthetic: plan.synthetic,
      batch: batchId,
      document: JSON.stringify(plan),
    },
  );
  const [{ next } = { next: 1 }] = await queryRows(conn, 'SELECT coalesce(max(no), 0)::INTEGER + 1 AS next FROM movements');
  let nextKey = Number(next);
  for (const key of dropped) {
    await conn.run('DELETE FROM movement_parts WHERE movement_no = $key', { key });
    await conn.run('DELETE FROM movements WHERE no = $key', { key });
  }
  for (const m of plan.movements) {
    const key = keyOf.get(m.no) ?? nextKey++;
    keyOf.set(m.no, key);
    await conn.run('DELETE FROM movement_parts WHERE movement_no = $key', { key });
    await conn.run('DELETE FROM movements WHERE no = $key', { key });
    await conn.run(
      'INSERT INTO movements VALUES ($key, $plan, $number, $name, $short, $lead, $assignment, $households, $aliases::VARCHAR[])',
      {
        key,
        plan: plan.code,
        number: m.no,
        name: m.name,
        short: m.shortName,
        lead: m.leadAgency,
        assignment: m.assignment,
        households: m.households,
        aliases: JSON.stringify(m.aliases),
      },
    );
    for (const [i, part] of m.parts.entries()) {
      await conn.run('INSERT INTO movement_parts VALUES ($key, $part, $name)', { key, part: i + 1, name: part });
    }
  }
  await conn.run('DELETE FROM plan_goals WHERE plan_code = $plan', { plan: plan.code });
  for (const [i, t] of plan.targets.entries()) {
    const key = t.movement === null ? null : (keyOf.get(t.movement) ?? null);
    await conn.run('INSERT INTO plan_goals VALUES ($plan, $ord, $text, $movement, $value, $unit)', {
      plan: plan.code,
      ord: i + 1,
      text: t.text,
      movement: key,
      value: t.value,
      unit: t.unit,
    });
  }
  return [];
}

export async function registerCongress(
  conn: DuckDBConnection,
  congress: CongressFile,
  batchId: number | null,
): Promise<CatalogueProblem[]> {
  const state = await readState(conn);
  const problems: CatalogueProblem[] = [];
  congress.provinces.forEach((p) => {
    if (!state.provinces.has(p))
      problems.push(problem('', 0, 'provinces', p, 'PROVINCE_UNKNOWN', `Tỉnh «${p}» chưa có trong danh mục tỉnh.`));
  });
  if (!(state.vocabulary.get('form') ?? new Set()).has(congress.form))
    problems.push(problem('', 0, 'form', congress.form, 'FORM_UNKNOWN', `Hình thức «${congress.form}» không có trong danh mục.`));
  if (problems.length > 0) return problems;
  await conn.run('DELETE FROM congresses WHERE code = $code', { code: congress.code });
  await conn.run(
    'INSERT INTO congresses VALUES ($code, $name, $number, $held::DATE, $first, $last, $provinces::VARCHAR[], $rule, $form, $synthetic, $batch)',
    {
      code: congress.code,
      name: congress.name,
      number: congress.number,
      held: congress.heldOn,
      first: congress.firstYear,
      last: congress.lastYear,
      provinces: JSON.stringify(congress.provinces),
      rule: congress.rule,
      form: congress.form,
      synthetic: congress.synthetic,
      batch: batchId,
    },
  );
  return [];
}
