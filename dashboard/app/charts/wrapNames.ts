import * as Plot from '@observablehq/plot';
import { FONT_PX } from './theme.ts';

// Long names in print: an A4 figure stands alone on paper, so a name is wrapped onto as many
// lines as it needs rather than cut with "…" as on a phone's screen.

/** Average advance of a Noto Sans glyph at FONT_PX, on the generous side so lines fit. */
const GLYPH_PX = 6.6;

/** Long names wrapped onto lines that fit `width` pixels (words kept whole; a word longer than
 *  a line is split), joined by "\n", which Plot draws as one line each. */
export function wrapToWidth(text: string, width: number): string {
  const max = Math.max(8, Math.floor(width / GLYPH_PX));
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (word.length > max) {
      if (line) lines.push(line);
      lines.push(word.slice(0, max));
      word = word.slice(max);
      line = '';
    }
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** How many lines the longest of these wrapped labels takes. */
export function maxLines(labels: Iterable<string>): number {
  let most = 1;
  for (const label of labels) most = Math.max(most, label.split('\n').length);
  return most;
}

// Plot's own line height (1 em) lets a line's stacked Vietnamese diacritics ("ộ", "ệ") touch
// the descenders of the line above.
const LINE_HEIGHT = 1.25;

/** A band row tall enough for names of `lines` lines (one line: `min` px). */
export function rowHeight(lines: number, min: number): number {
  return Math.max(min, Math.ceil(lines * FONT_PX * LINE_HEIGHT + 6));
}

/** The left axis of wrapped names, drawn as a mark: the scale's axis options take no line height. */
export function wrappedNamesAxis(tickFormat: (d: unknown) => string, label: string | null = null): Plot.CompoundMark {
  return Plot.axisY({ tickFormat, label, lineHeight: LINE_HEIGHT });
}
