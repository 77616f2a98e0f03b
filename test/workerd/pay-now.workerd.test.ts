import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { payments } from "../../db/schema";
import { computeTotals } from "../../functions/domain/totals";
import { revokeLink } from "../../functions/invoices/send-invoice";
import { updateInvoice } from "../../functions/invoices/update-invoice";
import { voidInvoice } from "../../functions/invoices/void-invoice";
import { ABANDONED_AFTER_MS } from "../../functions/payments/start-checkout";
import { makePayment } from "../support/factories";
import { paymentsOf, timelineOf } from "../support/payment-fixtures";
import {
  app,
  bindings,
  db,
  invoicePage,
  noStripe,
  page,
  pay,
  payAndFollow,
  payable,
  sessionsOf,
  stripe,
} from "./payments-harness";

// Pay Now in workerd: POST /p/:token/pay → a Checkout Session on the fake Stripe API → 303.

describe("Pay Now", () => {
  it("creates a Checkout Session for the balance due and redirects to it", async () => {
    const { invoice, token } = await payable({
      invoice: { taxRate: 8_875, locale: "es-MX" },
      items: [
        { description: "Labour", quantity: 1_500, unitPrice: 9_000 },
        { description: "Parts", quantity: 2_000, unitPrice: 1_999 },
      ],
    });
    const shown = await invoicePage(token);
    expect(shown.links.pay).toBe(`/p/${token}/pay`);

    const { url, sessionId } = await payAndFollow(token);
    const expected = computeTotals({
      ...invoice,
      items: [
        { quantity: 1_500, unitPrice: 9_000 },
        { quantity: 2_000, unitPrice: 1_999 },
      ],
    }).total;
    const [created] = await sessionsOf(invoice.id);
    const [row] = await paymentsOf(db, invoice.id);
    expect(created?.session).toMatchObject({
      id: sessionId,
      url,
      amount_total: expected,
      currency: "usd",
      mode: "payment",
      status: "open",
      locale: "es-419",
      customer_email: "sam@example.com",
      client_reference_id: invoice.id,
      allowed_payment_method_types: ["card", "us_bank_account"],
      payment_method_types: ["card", "us_bank_account"],
      metadata: { invoice_id: invoice.id, payment_id: row?.id, invoice_version: "1" },
      success_url: `https://portal.test/p/${token}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `https://portal.test/p/${token}?checkout=canceled`,
    });
    expect(created?.intentMetadata).toEqual(created?.session.metadata);
    expect(created?.request.lineItems[0]?.name).toBe(`Factura ${invoice.number}`);
    const lifetime = (created?.session.expires_at ?? 0) - (created?.session.created ?? 0);
    expect(lifetime).toBeGreaterThanOrEqual(3_590);
    expect(lifetime).toBeLessThanOrEqual(3_600);

    expect(row).toMatchObject({
      provider: "stripe",
      status: "open",
      amount: expected,
      currency: "USD",
      invoiceVersion: 1,
      checkoutSessionId: sessionId,
      checkoutUrl: url,
      stripeAccountId: null,
    });
    const [request] = await stripe
      .requests(`/v1/checkout/sessions`)
      .then((all) =>
        all.filter((r) => r.method === "POST" && JSON.stringify(r.params).includes(invoice.id)),
      );
    expect(request?.idempotencyKey).toBe(`checkout-session-${row?.id}`);
    expect(await timelineOf(db, invoice.id)).toContain("payment_started");
  });

  it("reuses the open session on a second click", async () => {
    const { invoice, token } = await payable();
    const first = await payAndFollow(token);
    const second = await payAndFollow(token);
    expect(second.url).toBe(first.url);
    expect(await sessionsOf(invoice.id)).toHaveLength(1);
  });

  it("makes one session for two clicks at the same moment", async () => {
    const { invoice, token } = await payable();
    const answers = await Promise.all([pay(token), pay(token), pay(token)]);
    const locations = answers.map((r) => r.headers.get("Location"));
    expect(answers.map((r) => r.status)).toEqual([303, 303, 303]);
    expect(new Set(locations).size).toBe(1);
    expect(locations[0]?.startsWith(stripe.url)).toBe(true);
    expect(await sessionsOf(invoice.id)).toHaveLength(1);
    expect((await paymentsOf(db, invoice.id)).filter((p) => p.provider === "stripe")).toHaveLength(
      1,
    );
  });

  it("does not reuse a session made before the invoice was edited", async () => {
    const { business, invoice, token } = await payable();
    const old = await payAndFollow(token);
    await updateInvoice(
      { db: db, stripe: async () => null },
      {
        businessId: business.id,
        invoiceId: invoice.id,
        changes: { tax: { rate: 10_000, label: "Tax" } },
        now: new Date(),
      },
    );
    const fresh = await payAndFollow(token);
    expect(fresh.sessionId).not.toBe(old.sessionId);
    const sessions = await sessionsOf(invoice.id);
    const byId = new Map(sessions.map((s) => [s.session.id, s.session]));
    expect(byId.get(old.sessionId)?.status).toBe("expired");
    expect(byId.get(fresh.sessionId)).toMatchObject({ status: "open", amount_total: 13_750 });
    const rows = await paymentsOf(db, invoice.id);
    expect(rows.map((p) => [p.status, p.amount, p.invoiceVersion])).toEqual([
      ["expired", 12_500, 1],
      ["open", 13_750, 2],
    ]);
  });

  it("replaces a session about to expire", async () => {
    const { invoice, token } = await payable();
    const old = await payAndFollow(token);
    await db
      .update(payments)
      .set({ expiresAt: new Date(Date.now() + 5 * 60_000) })
      .where(eq(payments.checkoutSessionId, old.sessionId));
    const fresh = await payAndFollow(token);
    expect(fresh.sessionId).not.toBe(old.sessionId);
    expect((await stripe.session(old.sessionId)).session.status).toBe("expired");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired", "open"]);
  });

  it("records a stale session that was paid meanwhile instead of replacing it", async () => {
    const { business, invoice, token } = await payable();
    const old = await payAndFollow(token);
    await stripe.completeSession(old.sessionId, { paymentStatus: "paid" });
    await updateInvoice(
      { db: db, stripe: async () => null },
      {
        businessId: business.id,
        invoiceId: invoice.id,
        changes: { tax: { rate: 10_000, label: "Tax" } },
        now: new Date(),
      },
    );
    const response = await pay(token);
    expect(response.headers.get("Location")).toBe(`/p/${token}`);
    expect(await sessionsOf(invoice.id)).toHaveLength(1);
    // The old amount was received: recorded as it is, leaving the rest due.
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({
      status: "succeeded",
      amount: 12_500,
    });
    const shown = await invoicePage(token);
    expect(shown.invoice.state).toBe("partially_paid");
    expect(shown.links.pay).toBe(`/p/${token}/pay`);
  });

  it("takes over a reservation abandoned half-way, and waits for one in progress", async () => {
    const { invoice, token } = await payable();
    const reserve = (id: string, createdAt: Date) =>
      db.insert(payments).values({
        id,
        invoiceId: invoice.id,
        provider: "stripe",
        status: "open",
        amount: 12_500,
        currency: "USD",
        invoiceVersion: 1,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 3_600_000),
      });
    await reserve("pay_abandoned", new Date(Date.now() - ABANDONED_AFTER_MS - 1_000));
    await payAndFollow(token);
    expect((await paymentsOf(db, invoice.id)).map((p) => [p.id, p.status])).toEqual([
      ["pay_abandoned", "expired"],
      [expect.any(String), "open"],
    ]);

    const busy = await payable();
    await db.insert(payments).values({
      id: "pay_in_progress",
      invoiceId: busy.invoice.id,
      provider: "stripe",
      status: "open",
      amount: 12_500,
      currency: "USD",
      invoiceVersion: 1,
      createdAt: new Date(),
    });
    const waited = await pay(busy.token);
    expect(waited.headers.get("Location")).toBe(`/p/${busy.token}?checkout=retry`);
    expect(await sessionsOf(busy.invoice.id)).toHaveLength(0);
  });

  it("charges only the balance stored in the database, whatever the request says", async () => {
    const { invoice, token } = await payable();
    await makePayment(db, { invoiceId: invoice.id, amount: 5_000 });
    const response = await app.request(
      `/p/${token}/pay?amount=1&currency=eur&invoice_id=inv_other`,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "amount=1&unit_amount=1&currency=eur&invoice_version=99&payment_id=pay_x",
      },
      bindings,
    );
    expect(response.status).toBe(303);
    const [created] = await sessionsOf(invoice.id);
    expect(created?.session).toMatchObject({ amount_total: 7_500, currency: "usd" });
    expect(created?.session.metadata.invoice_version).toBe("1");
  });

  it("is not offered on the Free plan, and the POST refuses", async () => {
    const { invoice, token } = await payable({ business: { plan: "free" } });
    expect((await invoicePage(token)).links.pay).toBeNull();
    const response = await pay(token);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/p/${token}`);
    expect(await sessionsOf(invoice.id)).toHaveLength(0);
    expect(await paymentsOf(db, invoice.id)).toHaveLength(0);
  });

  it("is not offered on Pro without Stripe configured, and the POST refuses", async () => {
    const { invoice, token } = await payable();
    const model = await page(token, "", noStripe);
    expect(model.kind === "invoice" && model.links.pay).toBeNull();
    const response = await pay(token, {}, noStripe);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/p/${token}`);
    expect(await paymentsOf(db, invoice.id)).toHaveLength(0);
  });

  it("is not offered when the webhook of the account being paid cannot be verified", async () => {
    // A connected account's events come from the Connect endpoint only: without its secret an
    // ACH debit settling days later could never be recorded.
    const connected = await payable({ business: { stripeAccountId: "acct_1NoConnectSecret" } });
    const noConnect = { ...bindings, STRIPE_CONNECT_WEBHOOK_SECRET: "" };
    const model = await page(connected.token, "", noConnect);
    expect(model.kind === "invoice" && model.links.pay).toBeNull();
    const refused = await pay(connected.token, {}, noConnect);
    expect(refused.headers.get("Location")).toBe(`/p/${connected.token}`);
    expect(await sessionsOf(connected.invoice.id)).toHaveLength(0);

    const platform = await payable();
    const noPlatform = { ...bindings, STRIPE_WEBHOOK_SECRET: "" };
    const shown = await page(platform.token, "", noPlatform);
    expect(shown.kind === "invoice" && shown.links.pay).toBeNull();
    expect((await pay(platform.token, {}, noPlatform)).headers.get("Location")).toBe(
      `/p/${platform.token}`,
    );
    expect(await paymentsOf(db, platform.invoice.id)).toHaveLength(0);

    // Each needs only its own endpoint's secret.
    const viaConnect = await page(connected.token, "", noPlatform);
    expect(viaConnect.kind === "invoice" && viaConnect.links.pay).toBe(`/p/${connected.token}/pay`);
    await payAndFollow(platform.token);
    expect(await sessionsOf(platform.invoice.id)).toHaveLength(1);
  });

  it("is not offered once paid or void", async () => {
    const paid = await payable();
    await makePayment(db, { invoiceId: paid.invoice.id, amount: 12_500 });
    expect((await invoicePage(paid.token)).links.pay).toBeNull();
    expect((await pay(paid.token)).headers.get("Location")).toBe(`/p/${paid.token}`);

    const voided = await payable();
    await voidInvoice(
      { db: db, stripe: async () => null },
      {
        businessId: voided.business.id,
        invoiceId: voided.invoice.id,
        now: new Date(),
      },
    );
    expect((await invoicePage(voided.token)).links.pay).toBeNull();
    expect((await pay(voided.token)).status).toBe(303);
    expect(await sessionsOf(voided.invoice.id)).toHaveLength(0);
  });

  it("answers 404 for an unknown link and 410 for a revoked one", async () => {
    expect((await pay("AAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    const { business, invoice, token } = await payable();
    await revokeLink(db, { businessId: business.id, invoiceId: invoice.id, now: new Date() });
    const revoked = await pay(token);
    expect(revoked.status).toBe(410);
    expect(await sessionsOf(invoice.id)).toHaveLength(0);
  });

  it("releases the reservation when Stripe fails, so the next click works", async () => {
    const { invoice, token } = await payable();
    await stripe.failNext({
      method: "POST",
      path: "/v1/checkout/sessions",
      bodyIncludes: invoice.id,
      status: 500,
      times: 2,
    });
    const failed = await pay(token);
    expect(failed.status).toBe(303);
    expect(failed.headers.get("Location")).toBe(`/p/${token}?checkout=retry`);
    expect((await invoicePage(token, "?checkout=retry")).notice).toBe("payment_canceled");
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired"]);

    await payAndFollow(token);
    expect((await paymentsOf(db, invoice.id)).map((p) => p.status)).toEqual(["expired", "open"]);
  });

  it("sends the customer back to try again when the database is unreachable", async () => {
    const { invoice, token } = await payable();
    const down = { ...bindings, TURSO_DATABASE_URL: bindings.TEST_CLOSED_PORT_URL ?? "" };
    const response = await pay(token, {}, down);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/p/${token}?checkout=retry`);
    expect(await sessionsOf(invoice.id)).toHaveLength(0);
  });

  it("creates the session on the business's connected account", async () => {
    const { invoice, token } = await payable({ business: { stripeAccountId: "acct_1Plumber" } });
    await payAndFollow(token);
    const [created] = await sessionsOf(invoice.id);
    expect(created?.account).toBe("acct_1Plumber");
    expect((await paymentsOf(db, invoice.id))[0]?.stripeAccountId).toBe("acct_1Plumber");
  });

  it("offers only cards outside US dollars", async () => {
    const { invoice, token } = await payable({ invoice: { currency: "EUR", locale: "de-DE" } });
    await payAndFollow(token);
    const [created] = await sessionsOf(invoice.id);
    expect(created?.session).toMatchObject({
      currency: "eur",
      locale: "de",
      payment_method_types: ["card"],
    });
  });
});
