import { describe, expect, it } from 'vitest';
import { columnWidths } from '../dashboard/app/report/columnWidths.ts';

// dashboard/app/report/columnWidths.ts: .docx table columns sized by content, so a name column is not squeezed to the width of a number.
describe('columnWidths', () => {
  const table = {
    columns: [{ label: 'TT' }, { label: 'Cơ quan, đơn vị' }, { label: 'Khối thi đua' }, { label: 'Lượt công nhận', numeric: true }],
    rows: [
      ['1', 'Sở Giáo dục và Đào tạo', 'Khối các sở, ngành văn hóa - xã hội', '1.234'],
      ['12', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'Khối Đảng, đoàn thể', '56'],
    ],
  };

  it('gives "TT" a narrow column and the names wide ones, filling the width exactly', () => {
    const w = columnWidths(table, 9354);
    expect(w.reduce((a, b) => a + b, 0)).toBe(9354);
    expect(w[0]!).toBeLessThan(w[1]! / 4);
    expect(w[1]!).toBeGreaterThan(w[3]!);
    expect(w[2]!).toBeGreaterThan(w[3]!);
  });

  it('keeps room for a header word and caps one very long cell', () => {
    const w = columnWidths({ columns: [{ label: 'TT' }, { label: 'Tên' }, { label: 'Số' }], rows: [['1', 'x'.repeat(400), '7']] }, 1000);
    expect(w[1]!).toBeLessThan(1000 * 0.9);
    expect(w[0]!).toBeGreaterThan(0);
  });
});
