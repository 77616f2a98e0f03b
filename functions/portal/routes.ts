import { Hono } from "hono";
import { isWellFormedToken } from "../domain/tokens";
import type { AppEnv } from "../http/app-env";
import { acceptedLanguage, languageOf, messagesFor } from "../i18n/messages";
import { checkoutParam, checkoutReturn } from "../payments/checkout-return";
import { payableOf } from "../payments/payable";
import { businessView } from "./business-view";
import { invoicePage } from "./invoice-page";
import { brandingOf } from "./invoice-view";
import type { InvoicePage } from "./page-model";
import { verifyPreview } from "./preview";
import { recordView } from "./record-view";
import { resolvePortalLink } from "./resolve-portal-link";
import { clientKind, isPreviewAgent } from "./visitor";

export const portalRoutes = new Hono<AppEnv>();

// GET never writes: link scanners and previews follow links. Views come from the beacon.
portalRoutes.get("/:token", async (c) => {
  const { db, config, now, renderPage, scriptNonce } = c.var;
  const token = c.req.param("token");
  const resolved = await resolvePortalLink(db, token);
  if (resolved.kind === "not_found") {
    const lang = acceptedLanguage(c.req.header("Accept-Language"));
    return renderPage(c, { kind: "not_found", status: 404, lang, messages: messagesFor(lang) });
  }
  if (resolved.kind === "revoked") {
    const messages = messagesFor(resolved.invoice.locale);
    return renderPage(c, {
      kind: "revoked",
      status: 410,
      lang: languageOf(resolved.invoice.locale),
      messages,
      business: businessView(brandingOf(resolved)),
      invoiceNumber: resolved.invoice.number,
    });
  }
  const at = now();
  const preview = await verifyPreview(
    config.SIGNING_SECRET,
    resolved.link.id,
    c.req.query("preview"),
    at,
  );
  // Without a checkout parameter the page stays at the one database read above.
  let facts = resolved;
  let notice: InvoicePage["notice"] = null;
  const param = checkoutParam(c.req.query("checkout"));
  if (param) {
    const stripe = await c.var.stripe();
    const back = await checkoutReturn(
      { db, stripe, now },
      { token, facts, param, sessionId: c.req.query("session_id") },
    );
    facts = back.facts;
    notice = back.notice;
  }
  const payable = payableOf(facts, config);
  // "Not completed, try again" speaks only while there is something to try again: a stale
  // cancel link (or a retry after the payment went through elsewhere) must not contradict Paid.
  if (notice === "payment_canceled" && payable.blocker) notice = null;
  const page = invoicePage({
    facts,
    token,
    config,
    now: at,
    preview,
    scriptNonce,
    payUrl: payable.blocker ? null : `/p/${token}/pay`,
    notice,
  });
  return renderPage(c, page);
});

// The view beacon, sent by the page's script once a browser shows it. Answers at once; the
// write happens after the response and never fails the request.
portalRoutes.post("/:token/seen", (c) => {
  const userAgent = c.req.header("User-Agent");
  // A token that cannot exist is not worth a database write (the page makes the same check).
  if (isWellFormedToken(c.req.param("token")) && !isPreviewAgent(userAgent)) {
    const { db, now } = c.var;
    const write = recordView(db, {
      token: c.req.param("token"),
      at: now(),
      clientKind: clientKind(userAgent),
    }).catch((error: unknown) => console.error("Recording a view failed:", error));
    waitUntil(c, write);
  }
  return c.body(null, 204);
});

function waitUntil(
  c: { executionCtx: { waitUntil(promise: Promise<unknown>): void } },
  promise: Promise<unknown>,
): void {
  try {
    c.executionCtx.waitUntil(promise);
  } catch {
    // No execution context outside the Workers runtime (unit tests): the promise still runs.
  }
}
