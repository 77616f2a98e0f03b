import { sha256Hex } from "../domain/tokens";

// Headers of the PDF download: a file name that is safe in every browser and OS, and an ETag
// so a second tap on Download answers 304 without building the PDF again.

/**
 * Bump when the PDF's look changes, so browsers holding the old file fetch the new one even
 * though the invoice itself did not change.
 */
export const PDF_FORMAT_VERSION = 2;

/** Latin letters that have no decomposition to strip accents from. */
const LATIN: Record<string, string> = {
  Ł: "L",
  ł: "l",
  Ø: "O",
  ø: "o",
  Đ: "D",
  đ: "d",
  Ħ: "H",
  ħ: "h",
  ı: "i",
  ß: "ss",
  Æ: "AE",
  æ: "ae",
  Œ: "OE",
  œ: "oe",
  Þ: "Th",
  þ: "th",
};

/** ASCII letters, digits, dot, dash and underscore; everything else becomes a dash. */
export function asciiFileName(text: string): string {
  return text
    .replace(/[ŁłØøĐđĦħıßÆæŒœÞþ]/g, (c) => LATIN[c] ?? "-")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
}

/** The name as typed, minus what no file system accepts (separators, controls, quotes). */
function unicodeFileName(text: string): string {
  return Array.from(
    text
      .normalize("NFC")
      .replace(/[\p{C}\\/:*?"<>|]+/gu, "-")
      .replace(/\s+/g, " ")
      .trim(),
  )
    .slice(0, 80)
    .join("");
}

/** RFC 5987 value: UTF-8, percent-encoded except for the attr-chars it allows. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="Invoice-<number>.pdf"; filename*=UTF-8''Invoice-<number>.pdf`: an ASCII
 * name for old clients, the exact name (accents and all) for every current browser.
 */
export function contentDisposition(invoiceNumber: string): string {
  const ascii = asciiFileName(invoiceNumber);
  const unicode = unicodeFileName(invoiceNumber);
  const fallback = ascii ? `Invoice-${ascii}.pdf` : "Invoice.pdf";
  const exact = unicode ? `Invoice-${unicode}.pdf` : "Invoice.pdf";
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(exact)}`;
}

/**
 * A weak ETag (the bytes differ between builds: creation date) from the view's content
 * version and the format version. Hashed, so internal ids never appear in a header.
 */
export async function pdfEtag(viewVersion: string): Promise<string> {
  const hash = await sha256Hex(`pdf:${PDF_FORMAT_VERSION}:${viewVersion}`);
  return `W/"pdf${PDF_FORMAT_VERSION}-${hash.slice(0, 32)}"`;
}

/** If-None-Match with weak comparison (RFC 9110 §13.1.2): `*` or any listed tag. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => opaque(tag) === opaque(etag));
}
