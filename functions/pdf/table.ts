import type { PDFPage } from "pdf-lib";
import type { PdfRow } from "./content";
import { drawLine, type Frame, fillRect, hRule } from "./frame";
import { type FlowBlock, linesBlock } from "./paginate";
import { hex, INK, RULE, TABLE } from "./theme";
import { truncate, wrapText } from "./wrap";

// The line-items table. Numeric columns are as wide as their widest value (within limits), so
// long currency amounts never collide; the description takes the rest and wraps inside it.
// Every cell wraps, so no value is ever cut off or runs into its neighbour.

const PAD_X = 8;
const HEADER_SIZE = 8.5;

export interface Column {
  key: keyof PdfRow;
  x: number;
  width: number;
  align: "left" | "right";
}

export interface Table {
  columns: Column[];
  blocks: FlowBlock[];
  drawHeader(page: PDFPage, top: number): void;
  drawRow(page: PDFPage, row: number, from: number, to: number, top: number): void;
}

/** Column widths: numbers sized to content (between a floor and a cap), description the rest. */
export function columnWidths(
  natural: number[],
  total: number,
  options = { min: 44, maxShare: 0.24, descriptionShare: 0.36 },
): number[] {
  const numeric = natural.map((w) => Math.min(Math.max(w, options.min), total * options.maxShare));
  const used = numeric.reduce((a, b) => a + b, 0);
  const room = total * (1 - options.descriptionShare);
  const scale = used > room ? room / used : 1;
  const scaled = numeric.map((w) => w * scale);
  return [total - scaled.reduce((a, b) => a + b, 0), ...scaled];
}

export function itemsTable(frame: Frame, rows: PdfRow[], itemized: boolean): Table {
  const { ts, content, left } = frame;
  const keys: (keyof PdfRow)[] = itemized
    ? ["description", "quantity", "unitPrice", "amount"]
    : ["description", "amount"];
  const body = ts.measure(TABLE.size);
  const head = ts.measure(HEADER_SIZE, "bold");
  const natural = keys.slice(1).map((key) => {
    let widest = head(content.columns[key]);
    for (const row of rows) widest = Math.max(widest, body(row[key]));
    return widest + 2 * PAD_X;
  });
  const widths = columnWidths(natural, frame.width);
  let x = left;
  const columns: Column[] = keys.map((key, i) => {
    const column: Column = { key, x, width: widths[i] ?? 0, align: i === 0 ? "left" : "right" };
    x += column.width;
    return column;
  });

  const cells = rows.map((row) =>
    columns.map((column) => wrapText(row[column.key], column.width - 2 * PAD_X, body)),
  );
  const blocks = cells.map((lines) =>
    linesBlock(Math.max(...lines.map((cell) => cell.length)), TABLE.line, TABLE.padding, {
      split: "oversize",
      inTable: true,
    }),
  );

  const textX = (column: Column) =>
    column.align === "right" ? column.x + column.width - PAD_X : column.x + PAD_X;

  return {
    columns,
    blocks,
    drawHeader(page, top) {
      const brand = content.colors;
      fillRect(
        frame,
        page,
        { x: left, top, width: frame.width, height: TABLE.header },
        hex(brand.brand),
      );
      for (const column of columns) {
        const label = truncate(content.columns[column.key], column.width - 2 * PAD_X, head);
        drawLine(frame, page, label, textX(column), top, {
          size: HEADER_SIZE,
          line: TABLE.header,
          weight: "bold",
          color: hex(brand.onBrand),
          align: column.align,
        });
      }
    },
    drawRow(page, row, from, to, top) {
      const rowCells = cells[row] ?? [];
      columns.forEach((column, i) => {
        const lines = rowCells[i] ?? [];
        for (let line = from; line < Math.min(to, lines.length); line++) {
          const lineTop = top + TABLE.padding + (line - from) * TABLE.line;
          drawLine(frame, page, lines[line] ?? "", textX(column), lineTop, {
            size: TABLE.size,
            line: TABLE.line,
            color: INK,
            align: column.align,
          });
        }
      });
      const bottom = top + 2 * TABLE.padding + (to - from) * TABLE.line;
      hRule(frame, page, left, left + frame.width, bottom, RULE, 0.5);
    },
  };
}
