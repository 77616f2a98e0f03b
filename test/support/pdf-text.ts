import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

// Reads a generated PDF back the way a viewer does (PDF.js: fonts' ToUnicode maps, text
// positions), so tests check what a customer would see or copy, not how we drew it.

const execFileAsync = promisify(execFile);

export interface PdfReadout {
  pages: string[];
  /** All pages, joined. */
  text: string;
  title: string | undefined;
  author: string | undefined;
  producer: string | undefined;
  creationDate: Date | undefined;
  lang: string | undefined;
}

interface TextItem {
  str: string;
  width: number;
  transform: number[];
}

/** Lines of one page, top to bottom; pieces that touch are joined without a space. */
function pageLines(items: TextItem[]): string[] {
  const rows = new Map<number, TextItem[]>();
  for (const item of items) {
    if (!item.str) continue;
    const y = Math.round((item.transform[5] ?? 0) * 2) / 2;
    const key = [...rows.keys()].find((k) => Math.abs(k - y) < 2) ?? y;
    rows.set(key, [...(rows.get(key) ?? []), item]);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => b - a)
    .map(([, row]) => {
      row.sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0));
      let line = "";
      let end = Number.NEGATIVE_INFINITY;
      for (const item of row) {
        const x = item.transform[4] ?? 0;
        if (line && x - end > 1) line += " ";
        line += item.str;
        end = x + item.width;
      }
      return line;
    });
}

export async function readPdf(bytes: Uint8Array): Promise<PdfReadout> {
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    disableFontFace: true,
    useSystemFonts: false,
  });
  const pdf = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    pages.push(pageLines(content.items as TextItem[]).join("\n"));
  }
  await task.destroy();

  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const lang = doc.catalog.lookupMaybe(PDFName.of("Lang"), PDFString);
  return {
    pages,
    text: pages.join("\n"),
    title: doc.getTitle(),
    author: doc.getAuthor(),
    producer: doc.getProducer(),
    creationDate: doc.getCreationDate(),
    lang: lang?.decodeText(),
  };
}

/**
 * The text poppler's pdftotext reads from a PDF, as a customer's tools copy it, with the
 * embedding marks it puts around right-to-left runs (U+202A–U+202E) taken out.
 */
export async function popplerText(bytes: Uint8Array): Promise<string> {
  return (await pdftotext(bytes, [])).replace(/[\u202a-\u202e]/g, "");
}

/** The words of the first page with where each starts and ends (x, in points from the left). */
export async function popplerWords(
  bytes: Uint8Array,
): Promise<{ text: string; xMin: number; xMax: number; pageWidth: number }[]> {
  const xhtml = await pdftotext(bytes, ["-bbox", "-f", "1", "-l", "1"]);
  const pageWidth = Number(/<page width="([\d.]+)"/.exec(xhtml)?.[1]);
  return [
    ...xhtml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g),
  ].map((m) => ({ text: m[3] ?? "", xMin: Number(m[1]), xMax: Number(m[2]), pageWidth }));
}

async function pdftotext(bytes: Uint8Array, options: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pdftotext-"));
  const file = join(dir, "invoice.pdf");
  writeFileSync(file, bytes);
  try {
    const { stdout } = await execFileAsync("pdftotext", [...options, "-enc", "UTF-8", file, "-"]);
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        "pdftotext was not found: install poppler-utils (apt-get install poppler-utils)",
      );
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
