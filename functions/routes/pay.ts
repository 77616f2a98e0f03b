import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { payNow } from "../portal/pay-now";
import { ownerEventSender } from "./notify-owner";

export const payRoutes = new Hono<AppEnv>();

// Pay Now: a plain form POST, so it works without JavaScript. Nothing from the request is read
// but the token in the path: no amount, no field, no query parameter, so nothing can be
// tampered with. It takes no CSRF token on purpose: a cross-site POST can do no more than create
// a Checkout Session for the amount stored in the database and answer with a redirect the
// attacker's page cannot read; paying still needs the customer on Stripe's page.
payRoutes.post("/:token/pay", async (c) => {
  const { db, config, now, renderPage } = c.var;
  const send = ownerEventSender(c);
  const answer = await payNow(
    { db, config, now, stripe: c.var.stripe, onNews: (news) => c.var.afterResponse(send(news)) },
    { token: c.req.param("token"), acceptLanguage: c.req.header("Accept-Language") },
  );
  return answer.kind === "redirect" ? c.redirect(answer.location, 303) : renderPage(c, answer.page);
});
