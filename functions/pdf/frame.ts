import type { PDFPage, RGB } from "pdf-lib";
import type { PdfContent } from "./content";
import type { Weight } from "./font-set";
import type { TextStyle, Typesetter } from "./typesetter";

// What every drawing step shares: the typesetter, the content and the page geometry. Layout
// works top-down (y grows downwards from the top edge, like the page is read); only these
// helpers turn that into PDF coordinates, whose origin is the bottom-left corner.
//
// Layout is also written left to right, as for English. For a right-to-left language the
// frame is mirrored: these helpers flip every x about the page's centre and swap left and right
// alignment, so the business and the description column are on the right, the amounts and
// totals on the left, as the portal page does with logical CSS properties.

export interface Frame {
  ts: Typesetter;
  content: PdfContent;
  pageWidth: number;
  pageHeight: number;
  /** The text column: x from `left` to `right`. */
  left: number;
  right: number;
  width: number;
  /** Right to left: drawn as the mirror image of the layout. */
  mirrored: boolean;
}

/** Where a box laid out at `x` (with `width`) is drawn: itself, or its mirror image. */
export function boxX(frame: Frame, x: number, width = 0): number {
  return frame.mirrored ? frame.pageWidth - x - width : x;
}

export interface LineStyle {
  size: number;
  weight?: Weight;
  color: RGB;
  /** Height of the line box the text is centred in. */
  line: number;
  align?: "left" | "right";
}

/** Draws one line of text in a line box whose top is at `top`. */
export function drawLine(
  frame: Frame,
  page: PDFPage,
  text: string,
  x: number,
  top: number,
  style: LineStyle,
): void {
  if (!text) return;
  // Centres capital letters in the line box: cap height is about 0.71 em in Noto Sans.
  const baseline = frame.pageHeight - (top + style.line / 2 + style.size * 0.355);
  const textStyle: TextStyle = { size: style.size, weight: style.weight, color: style.color };
  const right = (style.align === "right") !== frame.mirrored;
  const at = boxX(frame, x);
  if (right) frame.ts.drawRight(page, text, at, baseline, textStyle);
  else frame.ts.draw(page, text, at, baseline, textStyle);
}

export function fillRect(
  frame: Frame,
  page: PDFPage,
  box: { x: number; top: number; width: number; height: number },
  color: RGB,
): void {
  page.drawRectangle({
    x: boxX(frame, box.x, box.width),
    y: frame.pageHeight - box.top - box.height,
    width: box.width,
    height: box.height,
    color,
  });
}

export function hRule(
  frame: Frame,
  page: PDFPage,
  from: number,
  to: number,
  top: number,
  color: RGB,
  thickness = 0.6,
): void {
  const y = frame.pageHeight - top;
  const [start, end] = [boxX(frame, from), boxX(frame, to)];
  page.drawLine({ start: { x: start, y }, end: { x: end, y }, thickness, color });
}

/** The largest size (down to `min`) at which a line fits `width`. */
export function fitSize(
  frame: Frame,
  text: string,
  width: number,
  size: number,
  min: number,
  weight: Weight = "regular",
): number {
  const natural = frame.ts.width(text, size, weight);
  return natural <= width ? size : Math.max(min, (size * width) / natural);
}
