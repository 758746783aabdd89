import ExcelJS from 'exceljs';
import { FIELDS, REQUIRED_FIELDS, TEMPLATE_HEADERS } from '../parse/headerMap.ts';
import { MOVEMENTS } from '../catalogue/movements.ts';
import { CATEGORIES, FORMS, KINDS, STAGES } from '../catalogue/vocabulary.ts';

const HINTS: Record<(typeof FIELDS)[number], string> = {
  name: 'Bắt buộc',
  kind: `Bắt buộc: ${Object.values(KINDS).join(' / ')} (hộ gia đình chỉ trong PT 8)`,
  unit: 'Chức vụ, đơn vị công tác hoặc địa chỉ',
  movement: 'Bắt buộc: số 1–20 hoặc tên phong trào (xem trang "Phong trào")',
  category: `${Object.values(CATEGORIES).join(' / ')} (mặc định: Điển hình tiên tiến)`,
  stage: `${Object.values(STAGES).join(' / ')} (mặc định: Phát hiện)`,
  year: 'Bắt buộc: 2021–2025, cả tệp một năm',
  form: `${Object.values(FORMS).join(' / ')} (mặc định: Công nhận ĐHTT)`,
  decision_no: 'Ví dụ: 321/QĐ-UBND',
  decision_date: 'ngày/tháng/năm, ví dụ 05/06/2023',
  code: 'Không bắt buộc: mã cố định của điển hình qua các năm',
};

/** The canonical upload template: one sheet with the Vietnamese headers, one of movements. */
export async function buildTemplateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hưng Yên – điển hình tiên tiến 2021–2025';
  const sheet = wb.addWorksheet('Danh sách');
  sheet.addRow(FIELDS.map((f) => TEMPLATE_HEADERS[f]));
  sheet.getRow(1).font = { bold: true };
  FIELDS.forEach((f, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = f === 'name' || f === 'unit' || f === 'movement' ? 40 : 18;
    sheet.getCell(1, i + 1).note = HINTS[f] + (REQUIRED_FIELDS.includes(f) ? '' : '');
  });
  const movements = wb.addWorksheet('Phong trào');
  movements.addRow(['Số', 'Tên phong trào thi đua', 'Tên ngắn']).font = { bold: true };
  for (const m of MOVEMENTS) movements.addRow([m.no, m.name, m.shortName]);
  movements.getColumn(2).width = 100;
  movements.getColumn(3).width = 40;
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.addRow(['Cột', 'Cách ghi']).font = { bold: true };
  for (const f of FIELDS) guide.addRow([TEMPLATE_HEADERS[f], HINTS[f]]);
  guide.getColumn(1).width = 30;
  guide.getColumn(2).width = 90;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
