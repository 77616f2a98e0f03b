import { PDFDocument, type PDFImage, type PDFPage } from "pdf-lib";
import { directionOf } from "../i18n/messages";
import type { InvoiceView } from "../views/page-model";
import { allText, type PdfContent, pdfContent } from "./content";
import { saveCompressed } from "./fast-paths";
import type { FontReader } from "./font-files";
import { loadFontSet, registerFonts } from "./font-set";
import type { Frame } from "./frame";
import { drawLine } from "./frame";
import { firstPageHeader } from "./header";
import type { LogoImage } from "./logo";
import { embedPngCached } from "./logo-cache";
import { CONTINUATION_TOP, continuationHeader, drawFooter, drawStamp } from "./page-marks";
import { type FlowBlock, linesBlock, paginate } from "./paginate";
import { itemsTable } from "./table";
import { BODY, INK, MARGIN_BOTTOM, MARGIN_X, pageSize, SECTION, TABLE, TOTALS } from "./theme";
import { totalsBlock } from "./totals";
import { Typesetter } from "./typesetter";
import { wrapText } from "./wrap";

// The invoice as a PDF, from the same view model as the page. Steps: load the fonts the text
// needs, measure and wrap everything, break it into pages, then draw. Page count is known
// before the first page is drawn, so every footer can say "Page n of m".

export interface RenderOptions {
  logo: LogoImage | null;
  now: Date;
  /** Written as the document's producer (the product's name). */
  producer: string;
  /** Where the font files are read from (the assets binding in the Worker, disk in Node). */
  fonts: FontReader;
}

type Draw = (page: PDFPage, from: number, to: number, top: number) => void;

export async function renderInvoicePdf(
  view: InvoiceView,
  options: RenderOptions,
): Promise<Uint8Array> {
  const content = pdfContent(view);
  const texts = allText(content);
  const fonts = await loadFontSet(texts.join("\n"), options.fonts, view.locale);
  const doc = await PDFDocument.create({ updateMetadata: false });
  registerFonts(doc);
  describe(doc, content, options);
  const ts = new Typesetter(doc, fonts);
  await ts.prepare(texts);
  const logo = await embedLogo(doc, options.logo);

  const [pageWidth, pageHeight] = pageSize(view.locale);
  const frame: Frame = {
    ts,
    content,
    pageWidth,
    pageHeight,
    left: MARGIN_X,
    right: pageWidth - MARGIN_X,
    width: pageWidth - 2 * MARGIN_X,
    mirrored: directionOf(content.lang) === "rtl",
  };
  const header = firstPageHeader(frame, logo);
  const table = itemsTable(frame, content.rows, content.itemized);
  const totals = totalsBlock(frame, content.totals);

  const blocks: FlowBlock[] = [...table.blocks];
  const draws: Draw[] = table.blocks.map(
    (_, row) => (page, from, to, top) => table.drawRow(page, row, from, to, top),
  );
  const lastRow = blocks[blocks.length - 1];
  if (lastRow) lastRow.keepWithNext = TOTALS.gap + totals.height;
  blocks.push({ lines: 1, height: () => totals.height, split: "never", gapBefore: TOTALS.gap });
  draws.push((page, _from, _to, top) => totals.draw(page, top));
  for (const section of content.sections) {
    const lines = wrapText(section.text, frame.width, ts.measure(BODY.size));
    blocks.push({
      lines: 1,
      height: () => SECTION.heading,
      split: "never",
      gapBefore: SECTION.gap,
      keepWithNext: Math.min(lines.length, 2) * BODY.line,
    });
    draws.push((page, _from, _to, top) =>
      drawLine(frame, page, section.heading, frame.left, top, {
        size: 10,
        line: SECTION.heading,
        weight: "bold",
        color: INK,
      }),
    );
    blocks.push(linesBlock(lines.length, BODY.line, 0, { split: "lines" }));
    draws.push((page, from, to, top) => {
      for (let i = from; i < to; i++) {
        drawLine(frame, page, lines[i] ?? "", frame.left, top + (i - from) * BODY.line, {
          ...BODY,
          color: INK,
        });
      }
    });
  }

  const flowBottom = pageHeight - MARGIN_BOTTOM;
  const layout = paginate(blocks, {
    firstPage: flowBottom - header.height,
    otherPages: flowBottom - CONTINUATION_TOP,
    tableHeader: TABLE.header,
  });
  layout.forEach((pageLayout, index) => {
    const page = doc.addPage([pageWidth, pageHeight]);
    const top = index === 0 ? header.height : CONTINUATION_TOP;
    if (index === 0) header.draw(page);
    else continuationHeader(frame, page);
    if (pageLayout.tableHeaderY !== null) table.drawHeader(page, top + pageLayout.tableHeaderY);
    for (const placement of pageLayout.placements) {
      draws[placement.block]?.(page, placement.from, placement.to, top + placement.y);
    }
    drawFooter(frame, page, index + 1, layout.length);
    if (index === 0) drawStamp(frame, page, header.stampArea);
  });
  ts.finish();
  return saveCompressed(doc);
}

function describe(doc: PDFDocument, content: PdfContent, options: RenderOptions): void {
  doc.setTitle(content.title, { showInWindowTitleBar: true });
  doc.setAuthor(content.business.name);
  doc.setSubject(content.title);
  doc.setCreator(options.producer);
  doc.setProducer(options.producer);
  doc.setCreationDate(options.now);
  doc.setModificationDate(options.now);
  doc.setLanguage(content.lang);
}

/** A logo pdf-lib cannot decode (odd PNG variants, truncated files) is left out, not fatal. */
async function embedLogo(doc: PDFDocument, logo: LogoImage | null): Promise<PDFImage | null> {
  if (!logo) return null;
  try {
    const image =
      logo.kind === "png" ? await embedPngCached(doc, logo.bytes) : await doc.embedJpg(logo.bytes);
    return image.width > 0 && image.height > 0 ? image : null;
  } catch {
    return null;
  }
}
