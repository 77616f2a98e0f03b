import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeStripeClient } from "./client";
import { type FakeStripe, startFakeStripe } from "./server";

// The fake Stripe API checked against Stripe's documented behaviour, through the real SDK:
// form-encoded requests, the Checkout Session lifecycle (open → complete | expired; ACH stays
// unpaid while processing), expansion, Connect scoping, idempotency, errors and signed events.

let fake: FakeStripe;
let stripe: Stripe;
const hour = 3600;

function sdk(maxNetworkRetries = 0) {
  const url = new URL(fake.url);
  return new Stripe(fake.secretKey, {
    host: url.hostname,
    port: url.port,
    protocol: "http",
    maxNetworkRetries,
    httpClient: Stripe.createFetchHttpClient(),
  });
}

function sessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: { currency: "usd", unit_amount: 12_500, product_data: { name: "Invoice A-1" } },
      },
    ],
    allowed_payment_method_types: ["card", "us_bank_account"],
    client_reference_id: "inv_1",
    metadata: { invoice_id: "inv_1", payment_id: "pay_1" },
    payment_intent_data: { metadata: { invoice_id: "inv_1", payment_id: "pay_1" } },
    success_url: "https://portal.test/p/tok?checkout=success&session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "https://portal.test/p/tok?checkout=canceled",
    expires_at: Math.floor(Date.now() / 1000) + hour,
    ...overrides,
  };
}

const expandAll = { expand: ["payment_intent.payment_method"] };

async function expectStripeError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected a Stripe error");
}

beforeAll(async () => {
  fake = await startFakeStripe();
  stripe = sdk();
});
afterAll(() => fake.close());

describe("fake Stripe: Checkout Sessions", () => {
  it("creates an open, unpaid session with a URL, from a form-encoded request", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams({ locale: "es-419" }));
    expect(session).toMatchObject({
      object: "checkout.session",
      status: "open",
      payment_status: "unpaid",
      amount_total: 12_500,
      currency: "usd",
      payment_intent: null,
      client_reference_id: "inv_1",
      locale: "es-419",
      metadata: { invoice_id: "inv_1", payment_id: "pay_1" },
      payment_method_types: ["card", "us_bank_account"],
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${fake.url}/pay/${session.id}`);
    expect(fake.sessions.get(session.id)?.request.lineItems[0]?.name).toBe("Invoice A-1");
  });

  it("offers ACH only for US dollars, and refuses the removed payment_method_types", async () => {
    const eur = await stripe.checkout.sessions.create(
      sessionParams({
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "eur", unit_amount: 900, product_data: { name: "B" } },
          },
        ],
      }),
    );
    expect(eur.payment_method_types).toEqual(["card"]);
    const error = await expectStripeError(
      stripe.checkout.sessions.create({
        ...sessionParams({ allowed_payment_method_types: undefined }),
        payment_method_types: ["card"],
      } as Stripe.Checkout.SessionCreateParams),
    );
    expect(error.code).toBe("parameter_unknown");
  });

  it("answers documented 400s for missing and invalid parameters", async () => {
    const missing = await expectStripeError(
      stripe.checkout.sessions.create(sessionParams({ line_items: undefined })),
    );
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({
      statusCode: 400,
      code: "parameter_missing",
      param: "line_items",
    });
    const soon = await expectStripeError(
      stripe.checkout.sessions.create(
        sessionParams({ expires_at: Math.floor(Date.now() / 1000) + 60 }),
      ),
    );
    expect(soon.param).toBe("expires_at");
    const locale = await expectStripeError(
      stripe.checkout.sessions.create(
        sessionParams({ locale: "xx" as Stripe.Checkout.SessionCreateParams.Locale }),
      ),
    );
    expect(locale.param).toBe("locale");
  });

  it("replays an idempotent request and refuses the key with other parameters", async () => {
    const key = `key-${Date.now()}`;
    const first = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: key });
    const again = await stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    // With the fetch HTTP client the raw response is a fetch Response.
    const headers = again.lastResponse.headers as unknown as Headers;
    expect(headers.get("idempotent-replayed")).toBe("true");
    const other = await expectStripeError(
      stripe.checkout.sessions.create(sessionParams({ client_reference_id: "inv_2" }), {
        idempotencyKey: key,
      }),
    );
    expect(other).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it("scopes objects to the Stripe-Account they were made on", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(), {
      stripeAccount: "acct_1Business",
    });
    const same = await stripe.checkout.sessions.retrieve(session.id, undefined, {
      stripeAccount: "acct_1Business",
    });
    expect(same.id).toBe(session.id);
    const platform = await expectStripeError(stripe.checkout.sessions.retrieve(session.id));
    expect(platform).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  it("expires only open sessions, and sends checkout.session.expired", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const expired = await stripe.checkout.sessions.expire(session.id);
    expect(expired).toMatchObject({ status: "expired", url: null });
    expect(fake.events.at(-1)?.event).toMatchObject({
      type: "checkout.session.expired",
      data: { object: { id: session.id, status: "expired" } },
    });
    const again = await expectStripeError(stripe.checkout.sessions.expire(session.id));
    expect(again.statusCode).toBe(400);
  });

  it("refuses a key that is not a test secret key", async () => {
    const url = new URL(fake.url);
    const bad = new Stripe("sk_live_nope", {
      host: url.hostname,
      port: url.port,
      protocol: "http",
      maxNetworkRetries: 0,
    });
    const error = await expectStripeError(bad.checkout.sessions.create(sessionParams()));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it("answers an injected failure once, in Stripe's error shape", async () => {
    fake.failNext({ method: "POST", path: "/v1/checkout/sessions", status: 500 });
    const error = await expectStripeError(stripe.checkout.sessions.create(sessionParams()));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    await expect(stripe.checkout.sessions.create(sessionParams())).resolves.toBeTruthy();
  });
});

describe("fake Stripe: payments, events and the hosted page", () => {
  it("completes a card payment: paid session, succeeded intent, signed event", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const signed = await fake.completeSession(session.id, { paymentStatus: "paid" });
    const event = await Stripe.webhooks.constructEventAsync(
      signed.payload,
      signed.signature,
      fake.webhookSecret,
    );
    expect(event.type).toBe("checkout.session.completed");
    const now = await stripe.checkout.sessions.retrieve(session.id, expandAll);
    expect(now).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    const intent = now.payment_intent as Stripe.PaymentIntent;
    expect(intent).toMatchObject({
      object: "payment_intent",
      status: "succeeded",
      amount: 12_500,
      metadata: { payment_id: "pay_1" },
    });
    expect((intent.payment_method as Stripe.PaymentMethod).type).toBe("card");
  });

  it("leaves an ACH debit unpaid while processing, then settles it either way", async () => {
    const ok = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(ok.id, { paymentStatus: "unpaid" });
    const processing = await stripe.checkout.sessions.retrieve(ok.id, expandAll);
    expect(processing).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect((processing.payment_intent as Stripe.PaymentIntent).status).toBe("processing");
    const succeeded = await fake.settleBankPayment(ok.id, "succeeded");
    expect(succeeded.event.type).toBe("checkout.session.async_payment_succeeded");
    expect((await stripe.checkout.sessions.retrieve(ok.id)).payment_status).toBe("paid");

    const bad = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(bad.id, { paymentStatus: "unpaid" });
    const failed = await fake.settleBankPayment(bad.id, "failed");
    expect(failed.event.type).toBe("checkout.session.async_payment_failed");
    const after = await stripe.checkout.sessions.retrieve(bad.id, expandAll);
    expect(after.payment_status).toBe("unpaid");
    expect((after.payment_intent as Stripe.PaymentIntent).status).toBe("requires_payment_method");
  });

  it("refunds in parts, reporting the charge's running total", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(session.id);
    const part = await fake.refund(session.id, 2_500);
    const charge = part.event.data.object as unknown as Stripe.Charge;
    expect(part.event.type).toBe("charge.refunded");
    expect(charge).toMatchObject({ amount_refunded: 2_500, refunded: false });
    const rest = await fake.refund(session.id);
    expect(rest.event.data.object).toMatchObject({ amount_refunded: 12_500, refunded: true });
    const current = await stripe.charges.retrieve(charge.id, { expand: ["payment_intent"] });
    expect(current.amount_refunded).toBe(12_500);
    expect((current.payment_intent as Stripe.PaymentIntent).metadata.payment_id).toBe("pay_1");
    await expect(fake.refund(session.id, 1)).rejects.toThrow(/greater than unrefunded/);
  });

  it("signs Connect events with the Connect endpoint's secret", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams(), {
      stripeAccount: "acct_1Connected",
    });
    const signed = await fake.completeSession(session.id);
    expect(signed.event.account).toBe("acct_1Connected");
    await expect(
      Stripe.webhooks.constructEventAsync(signed.payload, signed.signature, fake.webhookSecret),
    ).rejects.toThrow();
    const event = await Stripe.webhooks.constructEventAsync(
      signed.payload,
      signed.signature,
      fake.connectWebhookSecret,
    );
    expect(event.account).toBe("acct_1Connected");
  });

  it("serves a Pay page whose button completes the session, posts the event and redirects", async () => {
    const received: { signature: string; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ signature: String(req.headers["stripe-signature"]), body });
        res.writeHead(200).end("{}");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    fake.setWebhookUrl(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe`);
    try {
      const session = await stripe.checkout.sessions.create(sessionParams());
      const page = await fetch(session.url ?? "");
      expect(await page.text()).toContain(">Pay</button>");
      const paid = await fetch(session.url ?? "", {
        method: "POST",
        body: new URLSearchParams({ method: "card" }),
        redirect: "manual",
      });
      expect(paid.status).toBe(303);
      expect(paid.headers.get("location")).toBe(
        `https://portal.test/p/tok?checkout=success&session_id=${session.id}`,
      );
      expect(received).toHaveLength(1);
      const event = await Stripe.webhooks.constructEventAsync(
        received[0]?.body ?? "",
        received[0]?.signature ?? "",
        fake.webhookSecret,
      );
      expect(event.type).toBe("checkout.session.completed");
    } finally {
      fake.setWebhookUrl(null);
      await new Promise<void>((resolve) => hook.close(() => resolve()));
    }
  });

  it("is driven the same way over HTTP by the control client", async () => {
    const control = fakeStripeClient(fake.url);
    const session = await stripe.checkout.sessions.create(
      sessionParams({ client_reference_id: "inv_http" }),
    );
    expect((await control.sessionsFor("inv_http")).map((s) => s.session.id)).toEqual([session.id]);
    const signed = await control.completeSession(session.id, { paymentStatus: "unpaid" });
    expect(signed.event.type).toBe("checkout.session.completed");
    const custom = await control.event("customer.created", { id: "cus_1", object: "customer" });
    const event = await Stripe.webhooks.constructEventAsync(
      custom.payload,
      custom.signature,
      fake.webhookSecret,
    );
    expect(event.type).toBe("customer.created");
    expect((await control.requests("/v1/checkout/sessions")).length).toBeGreaterThan(0);
  });
});
