/** A4 (210 mm) less the margins of Vietnamese administrative documents (left 30 mm, right
 *  15 mm, as in the Word report): the width an A4 figure is printed at. */
export const A4_TEXT_WIDTH_MM = 165;
const MM_PER_INCH = 25.4;

/** The A4 figure's width in CSS px at 96 px to the inch: drawn at this width and printed at
 *  the text width, 1 px is 0.75 pt, so the charts' 12 px text prints at 9 pt and the smallest
 *  caption text (11 px) at 8.25 pt: readable on paper (at least 8 pt). */
export const A4_FIGURE_PX = Math.floor((A4_TEXT_WIDTH_MM / MM_PER_INCH) * 96);

/** The size in points of `px` of text in an image `imageWidthPx` wide printed `printedMm` wide. */
export function printedPt(px: number, imageWidthPx: number, printedMm = A4_TEXT_WIDTH_MM): number {
  return (px * ((printedMm / MM_PER_INCH) * 72)) / imageWidthPx;
}
