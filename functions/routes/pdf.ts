import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { acceptedLanguage, fill, messagesFor } from "../i18n/messages";
import { contentDisposition, matchesIfNoneMatch, pdfEtag } from "../pdf/download-headers";
import { fontReaderFor } from "../pdf/font-files";
import { loadLogo } from "../pdf/logo";
import { resolvePdfLink } from "../pdf/resolve-pdf-link";
import { businessView } from "../views/business-view";
import { brandingOf, buildInvoiceView } from "../views/invoice-view";

// The invoice PDF (/p/:token/pdf). GET never writes (link scanners fetch it too). The PDF
// builder, pdf-lib, fontkit and the font data are imported on demand, so a Worker isolate
// that only serves pages never loads them.

export const pdfRoutes = new Hono<AppEnv>();

pdfRoutes.get("/:token/pdf", async (c) => {
  const { db, now, config } = c.var;
  const resolved = await resolvePdfLink(db, c.req.param("token"));
  if (resolved.kind === "not_found") {
    // Says nothing about whether such an invoice exists.
    const messages = messagesFor(acceptedLanguage(c.req.header("Accept-Language")));
    return c.text(`${messages.notFoundTitle}. ${messages.notFoundBody}`, 404);
  }
  if (resolved.kind === "revoked") {
    const messages = messagesFor(resolved.invoice.locale);
    const values = {
      number: resolved.invoice.number,
      business: businessView(brandingOf(resolved)).name,
    };
    return c.text(`${messages.revokedTitle}. ${fill(messages.revokedBody, values)}`, 410);
  }

  const at = now();
  const view = buildInvoiceView(resolved, at);
  const etag = await pdfEtag(view.version);
  // `no-cache`: the browser may keep the file but must ask first, which the ETag makes cheap.
  const cache = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (matchesIfNoneMatch(c.req.header("If-None-Match"), etag)) return c.body(null, 304, cache);
  const headers = {
    ...cache,
    "Content-Type": "application/pdf",
    "Content-Disposition": contentDisposition(view.number),
  };
  if (c.req.method === "HEAD") return c.body(null, 200, headers);

  const [{ renderInvoicePdf }, logo] = await Promise.all([
    import("../pdf/render-invoice-pdf"),
    loadLogo(view.business.logoUrl, resolved.logo),
  ]);
  const options = {
    logo,
    now: at,
    producer: config.PRODUCT_NAME,
    fonts: fontReaderFor(c.env ?? {}),
  };
  let bytes: Uint8Array;
  try {
    bytes = await renderInvoicePdf(view, options);
  } catch (error) {
    // The logo is the one input pdf-lib decodes itself; without it the invoice still renders.
    if (!logo) throw error;
    console.error("PDF with logo failed, retrying without it:", error);
    bytes = await renderInvoicePdf(view, { ...options, logo: null });
  }
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
});
