import type { PDFImage, PDFPage } from "pdf-lib";
import { boxX, drawLine, type Frame, fillRect, fitSize, hRule } from "./frame";
import { FAINT, hex, INK, MARGIN_TOP, MUTED, RULE } from "./theme";
import { truncate, wrapText } from "./wrap";

// The top of the first page, laid out like the portal page: logo and business (name in the
// brand colour, contact lines below) on the left; the title and the invoice facts on the
// right; then who it is billed to, beside the balance due in a brand-coloured box.

const LOGO = { maxHeight: 52, maxWidth: 160, gap: 10 };
const NAME = { size: 15, line: 19 };
const CONTACT = { size: 9, line: 12.5 };
const META = { size: 9, line: 14.5, gap: 14 };
const BALANCE = { width: 196, height: 60, padding: 12 };

export interface Header {
  /** Where the flow (the table) starts, measured from the top of the page. */
  height: number;
  /** Where a stamp goes: the free space left of the balance box, in the bill-to row. */
  stampArea: { left: number; right: number; middle: number };
  draw(page: PDFPage): void;
}

export function firstPageHeader(frame: Frame, logo: PDFImage | null): Header {
  const { content, ts, left, right, width } = frame;
  const colors = content.colors;
  const steps: ((page: PDFPage) => void)[] = [];
  const leftWidth = width * 0.55;
  const rightWidth = width * 0.4;

  // Brand bar across the top edge.
  steps.push((page) =>
    fillRect(frame, page, { x: 0, top: 0, width: frame.pageWidth, height: 6 }, hex(colors.brand)),
  );

  let y = MARGIN_TOP;
  if (logo) {
    const scale = Math.min(LOGO.maxHeight / logo.height, LOGO.maxWidth / logo.width, 1);
    const [w, h] = [logo.width * scale, logo.height * scale];
    const top = y;
    steps.push((page) =>
      page.drawImage(logo, {
        x: boxX(frame, left, w),
        y: frame.pageHeight - top - h,
        width: w,
        height: h,
      }),
    );
    y += h + LOGO.gap;
  }
  for (const line of wrapText(content.business.name, leftWidth, ts.measure(NAME.size, "bold"))) {
    const top = y;
    const color = hex(colors.brandText);
    steps.push((page) =>
      drawLine(frame, page, line, left, top, { ...NAME, weight: "bold", color }),
    );
    y += NAME.line;
  }
  y += 2;
  for (const text of content.business.lines) {
    for (const line of wrapText(text, leftWidth, ts.measure(CONTACT.size))) {
      const top = y;
      steps.push((page) => drawLine(frame, page, line, left, top, { ...CONTACT, color: MUTED }));
      y += CONTACT.line;
    }
  }
  const leftBottom = y;

  // Title and meta, right-aligned.
  const headingSize = fitSize(frame, content.heading, rightWidth, 26, 14, "bold");
  steps.push((page) =>
    drawLine(frame, page, content.heading, right, MARGIN_TOP - 4, {
      size: headingSize,
      line: 32,
      weight: "bold",
      color: hex(colors.accent),
      align: "right",
    }),
  );
  let metaY = MARGIN_TOP + 38;
  const labelWidth = Math.max(...content.meta.map((row) => ts.width(row.label, META.size)));
  const valueWidth = Math.max(40, rightWidth - labelWidth - META.gap);
  for (const row of content.meta) {
    const lines = wrapText(row.value, valueWidth, ts.measure(META.size, "bold"));
    const top = metaY;
    steps.push((page) => {
      const labelRight = right - valueWidth - META.gap;
      const label = truncate(row.label, labelWidth, ts.measure(META.size));
      drawLine(frame, page, label, labelRight, top, { ...META, color: FAINT, align: "right" });
      lines.forEach((line, i) => {
        const style = { ...META, weight: "bold" as const, color: INK, align: "right" as const };
        drawLine(frame, page, line, right, top + i * META.line, style);
      });
    });
    metaY += lines.length * META.line;
  }

  // Bill to, and the balance due.
  const billToTop = Math.max(leftBottom, metaY) + 16;
  steps.push((page) => hRule(frame, page, left, right, billToTop - 8, RULE));
  y = billToTop + 6;
  const label = content.billTo.label.toLocaleUpperCase(content.locale);
  steps.push((page) =>
    drawLine(frame, page, label, left, billToTop + 6, {
      size: 8,
      line: 12,
      weight: "bold",
      color: FAINT,
    }),
  );
  y += 14;
  let billToRight = left + ts.width(label, 8, "bold");
  content.billTo.lines.forEach((text, i) => {
    const style = i === 0 ? { size: 11, line: 15, weight: "bold" as const } : { ...CONTACT };
    const measure = ts.measure(style.size, style.weight);
    for (const line of wrapText(text, leftWidth, measure)) {
      billToRight = Math.max(billToRight, left + measure(line));
      const top = y;
      steps.push((page) => drawLine(frame, page, line, left, top, { ...style, color: INK }));
      y += style.line;
    }
  });

  const box = { x: right - BALANCE.width, top: billToTop + 6, ...BALANCE };
  steps.push((page) => {
    fillRect(frame, page, box, hex(colors.brand));
    const color = hex(colors.onBrand);
    const inner = BALANCE.width - 2 * BALANCE.padding;
    const x = box.x + BALANCE.padding;
    const labelText = truncate(content.balance.label, inner, ts.measure(9));
    drawLine(frame, page, labelText, x, box.top + 8, { size: 9, line: 14, color });
    const size = fitSize(frame, content.balance.amount, inner, 20, 9, "bold");
    drawLine(frame, page, content.balance.amount, x, box.top + 24, {
      size,
      line: 28,
      weight: "bold",
      color,
    });
  });

  const height = Math.max(y, box.top + box.height) + 22;
  return {
    height,
    stampArea: { left: billToRight + 12, right: box.x - 12, middle: box.top + box.height / 2 },
    draw: (page) => {
      for (const step of steps) step(page);
    },
  };
}
