import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { isDatabaseUnavailable } from "../http/errors";
import { acceptedLanguage, languageOf, messagesFor } from "../i18n/messages";
import { startCheckout } from "../payments/start-checkout";
import { businessView } from "../views/business-view";
import { brandingOf } from "../views/invoice-view";

export const payRoutes = new Hono<AppEnv>();

// Pay Now: a plain form POST, so it works without JavaScript. Nothing from the request is read
// but the token in the path: no amount, no field, no query parameter, so nothing can be
// tampered with. It takes no CSRF token on purpose: a cross-site POST can do no more than create
// a Checkout Session for the amount stored in the database and answer with a redirect the
// attacker's page cannot read; paying still needs the customer on Stripe's page.
payRoutes.post("/:token/pay", async (c) => {
  const { db, config, now, renderPage } = c.var;
  const token = c.req.param("token");
  const portal = `/p/${token}`;
  let result: Awaited<ReturnType<typeof startCheckout>>;
  try {
    result = await startCheckout({ db, config, now, stripe: c.var.stripe }, { token });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    // Each write is one atomic batch, so nothing is half-done: back to the page to try again.
    console.error("Pay Now failed, the database is unavailable:", error);
    return c.redirect(`${portal}?checkout=retry`, 303);
  }
  switch (result.kind) {
    case "not_found": {
      const lang = acceptedLanguage(c.req.header("Accept-Language"));
      return renderPage(c, { kind: "not_found", status: 404, lang, messages: messagesFor(lang) });
    }
    case "revoked": {
      const { invoice } = result.link;
      return renderPage(c, {
        kind: "revoked",
        status: 410,
        lang: languageOf(invoice.locale),
        messages: messagesFor(invoice.locale),
        business: businessView(brandingOf(result.link)),
        invoiceNumber: invoice.number,
      });
    }
    case "checkout":
      return c.redirect(result.url, 303);
    // Already paid, processing, void, or not payable online: the page says which.
    case "not_payable":
      return c.redirect(portal, 303);
    // Being prepared by another click, or Stripe failed: back to the page, which offers a retry.
    case "busy":
    case "stripe_failed":
      return c.redirect(`${portal}?checkout=retry`, 303);
  }
});
