import { beforeAll, describe, expect, it } from 'vitest';
import { useShippedMovements } from './shippedMovements.ts';
import { matchMovement } from '../ingest/match/matchMovement.ts';
import { matchCategory, matchForm, matchKind, matchStage } from '../ingest/match/matchValues.ts';
import { parseDecisionDate } from '../ingest/match/parseDate.ts';
import { matchHeaderRow, looksLikeHeader } from '../ingest/parse/headerMap.ts';
import { findToken, mayWrite, parseTokens } from '../ingest/auth/tokens.ts';

beforeAll(useShippedMovements);

describe('matchMovement', () => {
  it.each([
    ['3', 3],
    ['PT số 3', 3],
    ['PT 15', 15],
    ['pt15', 15],
    ['Phong trào số 7', 7],
    ['Lao dong gioi, lao dong sang tao', 14],
    ['"Vì một Hưng Yên không còn đói nghèo"', 8],
    ['Phong trào thi đua "Thi đua quyết thắng"', 5],
    ['Diễn hình trong phong trào Thi đua quyết thắng', 5],
    ['Điển hình trong phong trào Doanh nghiệp Hưng Yên hội nhập và phát triển', 7],
    ['Xây dựng Đảng trong sạch vững mạnh', 2],
    ['Ngành Y tế chung tay phòng, chống dịch bệnh Covid-19', 3],
    ['Cựu chiến binh giúp nhau làm kinh tế, xóa đói giảm nghèo', 18],
    ['Lập thân, lập nghiệp', 19],
    ['Thi đua quyết thăng', 5],
    ['Doanh nghiep hoi nhap va phat trienn', 7],
    ['Cuộc vận động "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"', 13],
  ])('%s → %i', (typed, no) => {
    expect(matchMovement(typed)).toMatchObject({ ok: true, no });
  });

  it('refuses what it cannot tell, with the three closest movements', () => {
    for (const typed of ['Phong trào bóng đá', '21', 'Nông thôn mới']) {
      const m = matchMovement(typed);
      expect(m.ok, typed).toBe(false);
      if (!m.ok) expect(m.candidates.length, typed).toBeGreaterThan(0);
    }
    const ambiguous = matchMovement('Nông thôn mới');
    expect(ambiguous.ok ? [] : ambiguous.candidates.map((c) => c.no)).toEqual([4, 13]);
  });
});

describe('values as typed', () => {
  it('kinds, categories, stages and forms', () => {
    expect(['Tập thể', 'tập thể', 'TT', 'Cá nhân', 'CN', 'Hộ gia đình', 'hgđ', 'Đại đội'].map(matchKind)).toEqual([
      'tap_the',
      'tap_the',
      'tap_the',
      'ca_nhan',
      'ca_nhan',
      'ho_gia_dinh',
      'ho_gia_dinh',
      null,
    ]);
    expect(['Mô hình mới', 'nhan to moi', 'ĐHTT'].map(matchCategory)).toEqual(['mo_hinh_moi', 'nhan_to_moi', 'dien_hinh_tien_tien']);
    expect(['Bồi dưỡng', 'nhân rộng', 'x'].map(matchStage)).toEqual(['boi_duong', 'nhan_rong', null]);
    expect(['Công nhận ĐHTT', 'Bằng khen của Chủ tịch UBND tỉnh', 'Bằng khen'].map(matchForm)).toEqual([
      'cong_nhan_dhtt',
      'bang_khen_ubnd',
      'bang_khen_ubnd',
    ]);
  });

  it('dates day first, ISO or Excel serial; impossible dates are null', () => {
    expect(['5/6/2023', '05/06/2023', '05-06-2023', '5.6.2023', '2023-06-05', '45082'].map(parseDecisionDate)).toEqual(
      Array(6).fill('2023-06-05'),
    );
    expect(['31/02/2023', '29/02/2023', '13/13/2023', 'hôm qua', '2023/06/05'].map(parseDecisionDate)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(parseDecisionDate('29/02/2024')).toBe('2024-02-29');
  });

  it('header variants, ignoring case, spacing and diacritics', () => {
    const m = matchHeaderRow([
      'TT',
      'HỌ VÀ TÊN',
      'loai doi tuong',
      'Chức vụ,  đơn vị',
      'Phong trào',
      'Năm',
      'Số quyết định',
      'Ngày ký',
      'Ghi chú',
      'Xếp loại',
    ]);
    expect(m.columns).toEqual({ name: 1, kind: 2, unit: 3, movement: 4, year: 5, decision_no: 6, decision_date: 7 });
    expect(m.unknown).toEqual(['Xếp loại']);
    expect(looksLikeHeader(m)).toBe(true);
    expect(looksLikeHeader(matchHeaderRow(['DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN NĂM 2023']))).toBe(false);
  });
});

describe('tokens', () => {
  const tokens = parseTokens(
    JSON.stringify([
      { label: 'a', token: 'aaaaaaaaaaaaaaaa1', agency: 'SYT' },
      { label: 'snv', token: 'bbbbbbbbbbbbbbbb2', agency: '*' },
      { label: 'old', token: 'cccccccccccccccc3', agency: 'SYT', expiresAt: '2021-01-01T00:00:00Z' },
    ]),
    new Set(['SYT']),
  );
  it('finds, expires and scopes', () => {
    expect(findToken(tokens, 'aaaaaaaaaaaaaaaa1')?.label).toBe('a');
    expect(findToken(tokens, 'aaaaaaaaaaaaaaaa')).toBeNull();
    expect(findToken(tokens, 'cccccccccccccccc3')).toBeNull();
    expect(mayWrite(tokens[0]!, 'SYT')).toBe(true);
    expect(mayWrite(tokens[0]!, 'SGDDT')).toBe(false);
    expect(mayWrite(tokens[1]!, 'SGDDT')).toBe(true);
    expect(() => parseTokens('[{"label":"x","token":"short","agency":"SYT"}]', new Set(['SYT']))).toThrow(/16/);
  });
});
