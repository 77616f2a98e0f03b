import { Hono } from "hono";
import { isWellFormedToken } from "../domain/tokens";
import type { AppEnv } from "../http/app-env";
import { recordView } from "../portal/record-view";
import { showInvoicePage } from "../portal/show-invoice-page";
import { clientKind, isPreviewAgent } from "../portal/visitor";
import { ownerEventSender } from "./notify-owner";

export const portalRoutes = new Hono<AppEnv>();

// GET never writes: link scanners and previews follow links. Views come from the beacon.
portalRoutes.get("/:token", async (c) => {
  const { db, config, now, stripe, renderPage, scriptNonce } = c.var;
  const send = ownerEventSender(c);
  const page = await showInvoicePage(
    // A return from Checkout may record the payment before the webhook does: then it is this
    // request that tells the owner.
    { db, config, now, stripe, onPaymentNews: (news) => c.var.afterResponse(send(news)) },
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
// write (and, for the customer's first view, the owner's notice) happens after the response and
// never fails the request. Preview fetchers are turned away above, and the owner's own preview
// sends no beacon.
portalRoutes.post("/:token/seen", (c) => {
  const userAgent = c.req.header("User-Agent");
  // A token that cannot exist is not worth a database write (the page makes the same check).
  if (isWellFormedToken(c.req.param("token")) && !isPreviewAgent(userAgent)) {
    const { db, now } = c.var;
    const send = ownerEventSender(c);
    c.var.afterResponse(
      recordView(db, {
        token: c.req.param("token"),
        at: now(),
        clientKind: clientKind(userAgent),
      }).then(({ firstViewOf }) =>
        firstViewOf ? send({ kind: "viewed", invoiceId: firstViewOf }) : undefined,
      ),
    );
  }
  return c.body(null, 204);
});
