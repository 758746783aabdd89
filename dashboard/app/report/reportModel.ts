import type * as Plot from '@observablehq/plot';

/** The five-year report as data: the page renders it as HTML, the .docx writer as Word. One
 *  model for both, so the printed page and the Word file say the same thing. */
export interface ReportTable {
  type: 'table';
  /** "Bảng N": numbered in order of appearance. */
  no: number;
  id: string;
  caption: string;
  columns: Array<{ label: string; numeric?: boolean }>;
  rows: string[][];
  note?: string;
}

export interface ReportFigure {
  type: 'figure';
  /** "Hình N". */
  no: number;
  id: string;
  caption: string;
  spec: Plot.PlotOptions;
  ariaLabel: string;
}

export interface ReportParagraph {
  type: 'paragraph';
  text: string;
}

export type ReportBlock = ReportTable | ReportFigure | ReportParagraph;

export interface ReportSection {
  /** "1", "2", …: section numbers in the headings. */
  no: number;
  id: string;
  heading: string;
  blocks: ReportBlock[];
}

export interface ReportModel {
  title: string;
  subtitle: string;
  /** Period, scope and agency view, one line each. */
  scopeLines: string[];
  source: string;
  snapshot: string;
  synthetic: boolean;
  sections: ReportSection[];
}
