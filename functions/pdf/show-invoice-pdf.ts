import type { Db } from "../../db/client";
import { buildInvoiceView } from "../views/invoice-view";
import { linkPageText, notFoundPage, revokedPage } from "../views/link-pages";
import { contentDisposition, matchesIfNoneMatch, pdfEtag } from "./download-headers";
import type { FontReader } from "./font-files";
import { loadLogo } from "./logo";
import { resolvePdfLink } from "./resolve-pdf-link";

// The invoice PDF behind a secret link (/p/:token/pdf). GET never writes (link scanners fetch
// it too). The PDF builder, pdf-lib, fontkit and the fonts are loaded on demand, so a Worker
// isolate that only serves pages never loads them; a HEAD or a matching ETag never builds one.

export interface ShowPdfDeps {
  db: Db;
  now: () => Date;
  /** Where the fonts are read from, asked for only when a PDF is built. */
  fonts: () => FontReader;
  producer: string;
}

export interface ShowPdfInput {
  token: string;
  acceptLanguage: string | undefined;
  ifNoneMatch: string | undefined;
  /** A HEAD request: the headers only. */
  headOnly: boolean;
}

export type PdfAnswer =
  /** An unknown (404) or revoked (410) link, as one line of text. */
  | { kind: "text"; status: 404 | 410; text: string }
  | { kind: "not_modified"; headers: Record<string, string> }
  /** The file, or only its headers for a HEAD request (`bytes` null). */
  | { kind: "pdf"; headers: Record<string, string>; bytes: Uint8Array | null };

export async function showInvoicePdf(deps: ShowPdfDeps, input: ShowPdfInput): Promise<PdfAnswer> {
  const resolved = await resolvePdfLink(deps.db, input.token);
  if (resolved.kind === "not_found") {
    // Says nothing about whether such an invoice exists.
    return { kind: "text", status: 404, text: linkPageText(notFoundPage(input.acceptLanguage)) };
  }
  if (resolved.kind === "revoked") {
    return { kind: "text", status: 410, text: linkPageText(revokedPage(resolved)) };
  }

  const at = deps.now();
  const view = buildInvoiceView(resolved, at);
  const etag = await pdfEtag(view.version);
  // `no-cache`: the browser may keep the file but must ask first, which the ETag makes cheap.
  const cache = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (matchesIfNoneMatch(input.ifNoneMatch, etag)) return { kind: "not_modified", headers: cache };
  const headers = {
    ...cache,
    "Content-Type": "application/pdf",
    "Content-Disposition": contentDisposition(view.number),
  };
  if (input.headOnly) return { kind: "pdf", headers, bytes: null };

  const { renderInvoicePdf } = await import("./render-invoice-pdf");
  const options = {
    logo: loadLogo(view.business.logoUrl, resolved.logo),
    now: at,
    producer: deps.producer,
    fonts: deps.fonts(),
  };
  try {
    return { kind: "pdf", headers, bytes: await renderInvoicePdf(view, options) };
  } catch (error) {
    // The logo is the one input pdf-lib decodes itself; without it the invoice still renders.
    if (!options.logo) throw error;
    console.error("PDF with logo failed, retrying without it:", error);
    const bytes = await renderInvoicePdf(view, { ...options, logo: null });
    return { kind: "pdf", headers, bytes };
  }
}
