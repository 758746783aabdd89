// The parts of a Vietnamese administrative document around the report's body, laid out per
// Decree 30/2020/NĐ-CP (Appendix I): Quốc hiệu and Tiêu ngữ, the issuing body, number and
// symbol, place and date, document kind and summary, recipients and signature. What Sở Nội vụ
// fills in when it issues the report (number, day, signer) is left as dotted blanks. One
// definition for the print view and the .docx, so both say the same thing.

export const BLANK = '……';

export interface AdminFrame {
  /** Quốc hiệu: capitals, bold, 12–13 pt. */
  nation: string;
  /** Tiêu ngữ: bold, 13–14 pt, a solid line below as long as the text. */
  motto: string;
  /** Cơ quan chủ quản: capitals, upright, 12–13 pt. */
  superiorBody: string;
  /** Cơ quan ban hành: capitals, bold, 12–13 pt, a short line below (1/3 to 1/2 of the text). */
  issuingBody: string;
  /** "Số: ……/BC-SNV", 13 pt, centred under the issuing body. */
  number: string;
  /** "Hưng Yên, ngày …… tháng …… năm ……", italic, 13–14 pt, on the same row as the number. */
  placeDate: string;
  /** Nơi nhận: heading bold italic 12 pt, lines 11 pt, each "- …;", the last "- Lưu: …". */
  recipientsHeading: string;
  recipients: string[];
  /** Quyền hạn, chức vụ of the signer: capitals, bold, 13–14 pt. */
  signerTitle: string[];
  /** A hint in the space left for the signature and seal. */
  signatureHint: string;
  /** Họ và tên of the signer: bold, 13–14 pt; dotted until Sở Nội vụ fills it in. */
  signerName: string;
}

export const ADMIN_FRAME: AdminFrame = {
  nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  motto: 'Độc lập - Tự do - Hạnh phúc',
  superiorBody: 'UBND TỈNH HƯNG YÊN',
  issuingBody: 'SỞ NỘI VỤ',
  number: `Số: ${BLANK}/BC-SNV`,
  placeDate: `Hưng Yên, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`,
  recipientsHeading: 'Nơi nhận:',
  recipients: [
    '- UBND tỉnh (để báo cáo);',
    '- Hội đồng Thi đua - Khen thưởng tỉnh;',
    '- Các sở, ban, ngành, đoàn thể tỉnh;',
    '- UBND các xã, phường;',
    `- Lưu: VT, ${BLANK}.`,
  ],
  signerTitle: ['GIÁM ĐỐC'],
  signatureHint: '(Ký, ghi rõ họ tên, đóng dấu)',
  signerName: '…………………………',
};
