import type { PDFPage } from "pdf-lib";
import type { PdfTotal } from "./content";
import { drawLine, type Frame, fillRect, fitSize, hRule } from "./frame";
import { hex, INK, MUTED, RULE, TOTALS } from "./theme";
import { truncate } from "./wrap";

// The totals, right-aligned under the table: subtotal, discount, tax, the total in bold, what
// was paid, and the balance due on a band of the brand colour. Always drawn in one piece.

const SIZE = 9.5;
const PAD_X = 8;

export interface TotalsBlock {
  height: number;
  draw(page: PDFPage, top: number): void;
}

export function totalsBlock(frame: Frame, totals: PdfTotal[]): TotalsBlock {
  const { ts, content } = frame;
  const natural = Math.max(
    ...totals.map((row) => ts.width(row.label, SIZE) + ts.width(row.amount, 11, "bold") + 36),
  );
  const width = Math.min(frame.width, Math.max(TOTALS.width, natural));
  const x = frame.right - width;
  const rowHeight = (row: PdfTotal) => (row.emphasis === "band" ? TOTALS.band : TOTALS.row);
  const height = totals.reduce(
    (sum, row) => sum + rowHeight(row) + (row.emphasis === "band" ? 6 : 0),
    0,
  );

  return {
    height,
    draw(page, top) {
      let y = top;
      for (const row of totals) {
        const band = row.emphasis === "band";
        const bold = row.emphasis !== "none";
        const size = band ? 11 : SIZE;
        if (band) {
          y += 6;
          fillRect(
            frame,
            page,
            { x, top: y, width, height: TOTALS.band },
            hex(content.colors.brand),
          );
        }
        if (row.emphasis === "strong") hRule(frame, page, x, frame.right, y, RULE, 0.8);
        const color = band ? hex(content.colors.onBrand) : bold ? INK : MUTED;
        const amountSize = fitSize(
          frame,
          row.amount,
          width * 0.6,
          size,
          7,
          bold ? "bold" : "regular",
        );
        const amountWidth = ts.width(row.amount, amountSize, bold ? "bold" : "regular");
        const label = truncate(
          row.label,
          width - amountWidth - 3 * PAD_X,
          ts.measure(size, bold ? "bold" : "regular"),
        );
        const line = rowHeight(row);
        const weight = bold ? ("bold" as const) : ("regular" as const);
        drawLine(frame, page, label, x + PAD_X, y, { size, line, weight, color });
        drawLine(frame, page, row.amount, frame.right - PAD_X, y, {
          size: amountSize,
          line,
          weight,
          color: band ? color : INK,
          align: "right",
        });
        y += line;
      }
    },
  };
}
