import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { fontReaderFor } from "../pdf/font-files";
import { showInvoicePdf } from "../pdf/show-invoice-pdf";

export const pdfRoutes = new Hono<AppEnv>();

// The invoice PDF. Hono answers HEAD through this GET handler; the verb then builds no PDF.
pdfRoutes.get("/:token/pdf", async (c) => {
  const { db, now, config } = c.var;
  const answer = await showInvoicePdf(
    { db, now, producer: config.PRODUCT_NAME, fonts: () => fontReaderFor(c.env ?? {}) },
    {
      token: c.req.param("token"),
      acceptLanguage: c.req.header("Accept-Language"),
      ifNoneMatch: c.req.header("If-None-Match"),
      headOnly: c.req.method === "HEAD",
    },
  );
  switch (answer.kind) {
    case "text":
      return c.text(answer.text, answer.status);
    case "not_modified":
      return c.body(null, 304, answer.headers);
    case "pdf":
      if (!answer.bytes) return c.body(null, 200, answer.headers);
      return c.body(answer.bytes as Uint8Array<ArrayBuffer>, 200, answer.headers);
  }
});
