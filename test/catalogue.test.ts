import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalogueFolder } from '../ingest/catalogue/readCatalogueFolder.ts';
import { CATEGORIES, FORMS, KINDS, STAGES, ASSIGNMENTS } from '../ingest/catalogue/vocabulary.ts';
import { foldKey } from '../ingest/text/normalise.ts';

// The shipped catalogue files (catalogue/), read and checked as the migration reads them.
const shipped = readCatalogueFolder();
const plan90 = shipped.plans.find((p) => p.code === '90/KH-UBND')!;
const MOVEMENTS = plan90.movements;
const AGENCIES = shipped.organisations.flatMap((o) => o.agencies);
const BLOCS = shipped.organisations.flatMap((o) => o.blocs);
const SUCCESSIONS = shipped.organisations.flatMap((o) => o.successions);

// The plan's own text (test/fixtures/plan-90-KH-UBND-2021.txt, see its README): Section III names each movement and its lead agency.
const seed = readFileSync(new URL('./fixtures/plan-90-KH-UBND-2021.txt', import.meta.url), 'utf8').normalize('NFC');

/** Lead agencies as the plan names them in "Giao X chủ trì" / "Đề nghị X chủ trì". */
const LEADS_IN_PLAN: Record<number, [string, 'giao' | 'de_nghi']> = {
  1: ['Ban Tuyên giáo Tỉnh ủy', 'de_nghi'],
  2: ['Ban Tổ chức Tỉnh ủy', 'de_nghi'],
  3: ['Sở Y tế', 'giao'],
  4: ['Sở Nông nghiệp và Phát triển nông thôn', 'giao'],
  5: ['Bộ Chỉ huy Quân sự tỉnh', 'giao'],
  6: ['Công an tỉnh', 'giao'],
  7: ['Hiệp hội Doanh nghiệp tỉnh', 'giao'],
  8: ['Sở Lao động - Thương binh và Xã hội', 'giao'],
  9: ['Sở Nội vụ', 'giao'],
  10: ['Sở Nội vụ', 'giao'],
  11: ['Sở Kế hoạch và Đầu tư', 'giao'],
  12: ['Sở Văn hóa, Thể thao và Du lịch', 'giao'],
  13: ['Ủy ban MTTQ Việt Nam tỉnh', 'de_nghi'],
  14: ['Liên đoàn Lao động tỉnh', 'de_nghi'],
  15: ['Sở Giáo dục và Đào tạo', 'giao'],
  16: ['Hội Liên hiệp Phụ nữ tỉnh', 'de_nghi'],
  17: ['Hội Nông dân tỉnh', 'de_nghi'],
  18: ['Hội Cựu chiến binh tỉnh', 'de_nghi'],
  19: ['Tỉnh đoàn Hưng Yên', 'de_nghi'],
  20: ['Sở Khoa học và Công nghệ', 'giao'],
};

const agencyByCode = new Map(AGENCIES.map((a) => [a.code, a]));

describe('the movement catalogue', () => {
  it('has the 20 movements of Section III, numbered 1–20 in order', () => {
    expect(MOVEMENTS.map((m) => m.no)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('names each movement as the plan does (every name or sub-movement appears in the seed text)', () => {
    const plan = foldKey(seed);
    for (const m of MOVEMENTS) {
      const pieces = m.parts.length > 0 ? m.parts : [m.name];
      for (const piece of pieces) expect(plan, `movement ${m.no}: ${piece}`).toContain(foldKey(piece));
    }
  });

  it('gives each movement the lead agency and assignment of the plan', () => {
    for (const m of MOVEMENTS) {
      const [leadName, assignment] = LEADS_IN_PLAN[m.no]!;
      expect(agencyByCode.get(m.leadAgency)?.name, `movement ${m.no}`).toBe(leadName);
      expect(m.assignment, `movement ${m.no}`).toBe(assignment);
    }
  });

  it('has Sở Nội vụ leading exactly movements 9 and 10', () => {
    expect(MOVEMENTS.filter((m) => m.leadAgency === 'SNV').map((m) => m.no)).toEqual([9, 10]);
  });

  it('lists the two sub-movements of movements 3, 6, 18 and 19', () => {
    expect(MOVEMENTS.filter((m) => m.parts.length === 2).map((m) => m.no)).toEqual([3, 6, 18, 19]);
    expect(MOVEMENTS.filter((m) => m.households).map((m) => m.no)).toEqual([8]);
  });
});

describe('the agency catalogue', () => {
  it('has unique codes, known blocs, and the 10 district-level localities of 2021', () => {
    expect(new Set(AGENCIES.map((a) => a.code)).size).toBe(AGENCIES.length);
    const blocs = new Set(BLOCS.map((b) => b.code));
    for (const a of AGENCIES) expect(blocs.has(a.bloc), a.code).toBe(true);
    const localities = AGENCIES.filter((a) => a.kind === 'dia_phuong').map((a) => a.name);
    expect(localities).toEqual([
      'Thành phố Hưng Yên',
      'Thị xã Mỹ Hào',
      'Huyện Văn Lâm',
      'Huyện Văn Giang',
      'Huyện Yên Mỹ',
      'Huyện Khoái Châu',
      'Huyện Ân Thi',
      'Huyện Kim Động',
      'Huyện Tiên Lữ',
      'Huyện Phù Cừ',
    ]);
  });

  it('never lets one typed variant name two agencies', () => {
    const owner = new Map<string, string>();
    for (const a of AGENCIES) {
      for (const v of [a.name, a.code, ...a.variants]) {
        const key = foldKey(v);
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous, `"${v}"`).toBe(a.code);
        owner.set(key, a.code);
      }
    }
  });

  it('links every merged agency to an existing successor that exists after the merger', () => {
    expect(SUCCESSIONS.length).toBeGreaterThanOrEqual(2);
    for (const s of SUCCESSIONS) {
      const before = agencyByCode.get(s.predecessor);
      const after = agencyByCode.get(s.successor);
      expect(before?.validTo, s.predecessor).toBeTruthy();
      expect(before!.validTo! < s.effective).toBe(true);
      expect(after?.validTo === null || after!.validTo! >= s.effective, s.successor).toBe(true);
    }
  });

  it('splits the former Sở Thông tin và Truyền thông between three successors, each stating its part', () => {
    const parts = SUCCESSIONS.filter((s) => s.predecessor === 'STTTT').map((s) => [s.successor, s.takes.by]);
    expect(parts).toEqual([
      ['SKHCN', 'rest'],
      ['SVHTTDL', 'list'],
      ['CAT', 'list'],
    ]);
  });
});

describe('the vocabulary file', () => {
  it('has the codes the schema and the ingest know, with the same labels', () => {
    const lists = shipped.vocabulary.lists;
    expect(lists.kind).toEqual(KINDS);
    expect(lists.category).toEqual(CATEGORIES);
    expect(lists.stage).toEqual(STAGES);
    expect(lists.form).toEqual(FORMS);
    expect(lists.assignment).toEqual(ASSIGNMENTS);
  });
});
