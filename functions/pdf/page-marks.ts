import { degrees, type PDFPage } from "pdf-lib";
import { boxX, drawLine, type Frame, fillRect, fitSize, hRule } from "./frame";
import {
  CONTINUATION_HEADER,
  FAINT,
  FOOTER_BASELINE,
  hex,
  MARGIN_TOP,
  MUTED,
  RULE,
  SMALL,
  STAMPS,
} from "./theme";
import { truncate } from "./wrap";

// Marks that are not part of the flow: the footer on every page ("Page n of m", and whose
// invoice it is, so a printed page that goes astray can be matched), the slim header of the
// pages after the first, and the state stamp.

export function drawFooter(frame: Frame, page: PDFPage, pageNumber: number, pages: number): void {
  const { content, ts, left, right, width } = frame;
  const top = frame.pageHeight - FOOTER_BASELINE - SMALL.line;
  hRule(frame, page, left, right, top - 6, RULE, 0.5);
  const style = { ...SMALL, color: FAINT };
  const pageText = content.pageOf(pageNumber, pages);
  drawLine(frame, page, pageText, right, top, { ...style, align: "right" });
  const room = width - ts.width(pageText, SMALL.size) - 24;
  const who = truncate(`${content.business.name} · ${content.title}`, room, ts.measure(SMALL.size));
  drawLine(frame, page, who, left, top, style);
}

/**
 * A rubber-stamp mark (PAID, VOID, …) tilted in the free space of the bill-to row, next to the
 * balance box; translucent, so anything under it (a very long customer name) stays readable.
 * Text and frame are rotated together about the stamp's centre.
 */
export function drawStamp(
  frame: Frame,
  page: PDFPage,
  area: { left: number; right: number; middle: number },
): void {
  const stamp = frame.content.stamp;
  const spec = stamp ? STAMPS[stamp.state] : undefined;
  if (!stamp || !spec) return;
  const size = fitSize(frame, stamp.text, 200, 22, 12, "bold");
  const textWidth = frame.ts.width(stamp.text, size, "bold");
  const box = { width: textWidth + 28, height: size + 18 };
  const angle = 12;
  const rad = (angle * Math.PI) / 180;
  const halfSpan = (box.width * Math.cos(rad) + box.height * Math.sin(rad)) / 2;
  // Centred in the free space when it is wide enough, else against the balance box.
  const x = Math.max(area.left + halfSpan, (area.left + area.right) / 2);
  const center = {
    x: boxX(frame, Math.min(x, area.right - halfSpan)),
    y: frame.pageHeight - area.middle,
  };
  const rotate = (dx: number, dy: number) => ({
    x: center.x + dx * Math.cos(rad) - dy * Math.sin(rad),
    y: center.y + dx * Math.sin(rad) + dy * Math.cos(rad),
  });
  page.drawRectangle({
    ...rotate(-box.width / 2, -box.height / 2),
    width: box.width,
    height: box.height,
    borderColor: spec.color,
    borderWidth: 2.5,
    borderOpacity: 0.75,
    rotate: degrees(angle),
  });
  const origin = rotate(-textWidth / 2, -size * 0.355);
  frame.ts.draw(page, stamp.text, origin.x, origin.y, {
    size,
    weight: "bold",
    color: spec.color,
    opacity: 0.75,
    rotate: angle,
  });
}

/** Where the flow starts on every page after the first, below the slim header. */
export const CONTINUATION_TOP = MARGIN_TOP + CONTINUATION_HEADER;

/** The slim header of every later page: who and which invoice, so a loose page is traceable. */
export function continuationHeader(frame: Frame, page: PDFPage): void {
  const { content, ts, left, right, width } = frame;
  const name = truncate(content.business.name, width * 0.6, ts.measure(10, "bold"));
  const style = {
    size: 10,
    line: 16,
    weight: "bold" as const,
    color: hex(content.colors.brandText),
  };
  fillRect(
    frame,
    page,
    { x: 0, top: 0, width: frame.pageWidth, height: 4 },
    hex(content.colors.brand),
  );
  drawLine(frame, page, name, left, MARGIN_TOP - 14, style);
  const title = truncate(content.title, width * 0.38, ts.measure(9));
  drawLine(frame, page, title, right, MARGIN_TOP - 14, {
    size: 9,
    line: 16,
    color: MUTED,
    align: "right",
  });
  hRule(frame, page, left, right, MARGIN_TOP + 6, RULE);
}
