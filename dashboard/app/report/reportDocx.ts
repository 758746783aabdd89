import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { ADMIN_FRAME as F } from './adminFrame.ts';
import { columnWidths } from './columnWidths.ts';
import { SYNTHETIC_WARNING } from '../lib/describe.ts';
import type { FigureImage } from './figurePng.ts';
import type { ReportModel, ReportTable } from './reportModel.ts';

// A4 in twentieths of a point, with the margins Vietnamese administrative documents use
// (Nghị định 30/2020: top/bottom 20 mm, left 30 mm, right 15 mm).
const MM = 56.7;
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
/** Text width in pixels at 96 dpi (images are sized in pixels by docx). */
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);
const FONT = 'Times New Roman';
const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
const borders = { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border };

function cell(text: string, numeric: boolean | undefined, header: boolean, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [
      new Paragraph({
        alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header, size: 22 })],
      }),
    ],
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F7' } } : {}),
    margins: { top: 30, bottom: 30, left: 80, right: 80 },
  });
}

/** A real Word table: the header row repeats on every page and no row splits across pages. */
function wordTable(t: ReportTable): Array<Paragraph | Table> {
  const widths = columnWidths(t, TEXT_WIDTH);
  const out: Array<Paragraph | Table> = [
    new Paragraph({
      keepNext: true,
      spacing: { before: 160, after: 60 },
      children: [new TextRun({ text: `Bảng ${t.no}. ${t.caption}`, bold: true })],
    }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders,
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.label, c.numeric, true, widths[i]!)) }),
        ...t.rows.map(
          (row) => new TableRow({ cantSplit: true, children: row.map((v, i) => cell(v, t.columns[i]?.numeric, false, widths[i]!)) }),
        ),
      ],
    }),
  ];
  if (t.note) out.push(new Paragraph({ children: [new TextRun({ text: t.note, italics: true, size: 22 })] }));
  return out;
}

const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
/** Font sizes in half-points (docx): 12, 13 and 14 pt as Decree 30/2020 sets them. */
const PT = (pt: number) => pt * 2;

function centred(runs: TextRun[], spacing?: { before?: number; after?: number }): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, ...(spacing ? { spacing } : {}), children: runs });
}

/** A borderless one-row layout table (header and signature blocks), column widths in DXA. */
function layoutTable(cells: Paragraph[][], widths: number[]): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [
      new TableRow({
        children: cells.map(
          (children, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              borders: noBorders,
              verticalAlign: VerticalAlign.TOP,
              children,
            }),
        ),
      }),
    ],
  });
}

/** Decree 30/2020, Appendix I: issuing body and number left, Quốc hiệu, Tiêu ngữ and place/date right. */
function documentHeader(): Table {
  const left = 3600; // ~6.3 cm for the issuing body, the rest (~10.2 cm) for the Quốc hiệu
  const widths = [left, TEXT_WIDTH - left];
  const bodyLine = new TextRun({ text: '\u00A0'.repeat(14), underline: {}, size: PT(13) });
  const rows = [
    [
      centred([new TextRun({ text: F.superiorBody, size: PT(13) })]),
      centred([new TextRun({ text: F.issuingBody, bold: true, size: PT(13) })]),
      centred([bodyLine], { after: 120 }),
      centred([new TextRun({ text: F.number, size: PT(13) })]),
    ],
    [
      centred([new TextRun({ text: F.nation, bold: true, size: PT(12) })]),
      centred([new TextRun({ text: F.motto, bold: true, underline: {}, size: PT(13) })], { after: 240 }),
      centred([new TextRun({ text: F.placeDate, italics: true, size: PT(13) })]),
    ],
  ];
  return layoutTable(rows, widths);
}

/** Nơi nhận left (12 pt bold italic heading, 11 pt lines), the signer's title and name right. */
function signatureBlock(): Table {
  const widths = [Math.round(TEXT_WIDTH * 0.5), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.5)];
  const left = [
    new Paragraph({ children: [new TextRun({ text: F.recipientsHeading, bold: true, italics: true, size: PT(12) })] }),
    ...F.recipients.map((r) => new Paragraph({ children: [new TextRun({ text: r, size: PT(11) })] })),
  ];
  const right = [
    ...F.signerTitle.map((t) => centred([new TextRun({ text: t, bold: true, size: PT(13) })])),
    centred([new TextRun({ text: F.signatureHint, italics: true, size: PT(11) })], { after: 1200 }),
    centred([new TextRun({ text: F.signerName, bold: true, size: PT(13) })]),
  ];
  return layoutTable([left, right], widths);
}

/**
 * The report as a .docx (Office Open XML) that Sở Nội vụ edits into the official report:
 * numbered headings, real tables, figures as PNG images, and the snapshot in every page's
 * header. `images` maps figure numbers to their PNGs.
 */
export async function reportDocx(model: ReportModel, images: Map<number, FigureImage>): Promise<Blob> {
  const children: Array<Paragraph | Table> = [
    documentHeader(),
    // Tên loại and trích yếu ("BÁO CÁO Tổng kết …"): bold, 14 pt, centred.
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [new TextRun({ text: model.title, bold: true, size: PT(14), font: FONT, color: '000000' })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [new TextRun({ text: model.subtitle, bold: true, size: PT(14) })],
    }),
    ...model.scopeLines.map(
      (line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: line, size: 22 })] }),
    ),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: model.source, size: 22 })] }),
  ];
  if (model.synthetic)
    children.push(
      new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: SYNTHETIC_WARNING, bold: true, color: '8A1C1C' })] }),
    );

  for (const section of model.sections) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
        children: [new TextRun({ text: `${section.no}. ${section.heading}`, bold: true, font: FONT, size: 28, color: '000000' })],
      }),
    );
    for (const block of section.blocks) {
      if (block.type === 'paragraph') {
        children.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: { after: 120 },
            indent: { firstLine: 567 },
            children: [new TextRun(block.text)],
          }),
        );
      } else if (block.type === 'table') {
        children.push(...wordTable(block));
      } else {
        const image = images.get(block.no);
        if (!image) throw new Error(`Thiếu ảnh của Hình ${block.no}`);
        const scale = Math.min(1, TEXT_WIDTH_PX / image.width);
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            keepNext: true,
            spacing: { before: 160 },
            children: [
              new ImageRun({
                type: 'png',
                data: image.data,
                transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
                altText: { name: `Hình ${block.no}`, title: block.caption, description: block.ariaLabel },
              }),
            ],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 160 },
            children: [new TextRun({ text: `Hình ${block.no}. ${block.caption}`, italics: true })],
          }),
        );
      }
    }
  }
  children.push(new Paragraph({ spacing: { before: 360 }, children: [] }), signatureBlock());

  const small = { size: 16, font: FONT };
  const doc = new Document({
    creator: 'Hệ thống điển hình tiên tiến tỉnh Hưng Yên',
    title: model.title,
    description: `${model.subtitle}. ${model.source}`,
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: `${model.subtitle} · ${model.snapshot}`, ...small })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  ...(model.synthetic ? [new TextRun({ text: `${SYNTHETIC_WARNING} · `, ...small, bold: true, color: '8A1C1C' })] : []),
                  new TextRun({ children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], ...small }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBlob(doc);
}
