import { Hono } from "hono";
import { isWellFormedToken } from "../domain/tokens";
import type { AppEnv } from "../http/app-env";
import { recordView } from "../portal/record-view";
import { showInvoicePage } from "../portal/show-invoice-page";
import { clientKind, isPreviewAgent } from "../portal/visitor";

export const portalRoutes = new Hono<AppEnv>();

// GET never writes: link scanners and previews follow links. Views come from the beacon.
portalRoutes.get("/:token", async (c) => {
  const { db, config, now, stripe, renderPage, scriptNonce } = c.var;
  const page = await showInvoicePage(
    { db, config, now, stripe },
    {
      token: c.req.param("token"),
      preview: c.req.query("preview"),
      checkout: c.req.query("checkout"),
      sessionId: c.req.query("session_id"),
      acceptLanguage: c.req.header("Accept-Language"),
      scriptNonce,
    },
  );
  return renderPage(c, page);
});

// The view beacon, sent by the page's script once a browser shows it. Answers at once; the
// write happens after the response and never fails the request.
portalRoutes.post("/:token/seen", (c) => {
  const userAgent = c.req.header("User-Agent");
  // A token that cannot exist is not worth a database write (the page makes the same check).
  if (isWellFormedToken(c.req.param("token")) && !isPreviewAgent(userAgent)) {
    const { db, now } = c.var;
    c.var.afterResponse(
      recordView(db, {
        token: c.req.param("token"),
        at: now(),
        clientKind: clientKind(userAgent),
      }),
    );
  }
  return c.body(null, 204);
});
