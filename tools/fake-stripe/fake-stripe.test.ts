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
  fake = await startFakeStripe({ accounts: ["acct_1Business", "acct_1Connected"] });
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
    // The same parameters exactly (sessionParams() reads the clock for expires_at).
    const params = sessionParams();
    const first = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    const again = await stripe.checkout.sessions.create(params, { idempotencyKey: key });
    expect(again.id).toBe(first.id);
    // With the fetch HTTP client the raw response is a fetch Response.
    const headers = again.lastResponse.headers as unknown as Headers;
    expect(headers.get("idempotent-replayed")).toBe("true");
    const other = await expectStripeError(
      stripe.checkout.sessions.create(
        { ...params, client_reference_id: "inv_2" },
        {
          idempotencyKey: key,
        },
      ),
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
    await expect(fake.refund(session.id, 1)).rejects.toThrow(/already been refunded/);
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

  it("serves a Pay page whose button completes the session, posts the events and redirects", async () => {
    const hook = await endpoint(() => 200);
    const own = await startFakeStripe({ webhookUrl: hook.url, tickMs: 0 });
    try {
      const api = new Stripe(own.secretKey, {
        host: "127.0.0.1",
        port: own.port,
        protocol: "http",
        maxNetworkRetries: 0,
        httpClient: Stripe.createFetchHttpClient(),
      });
      const session = await api.checkout.sessions.create(sessionParams());
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
      await own.idle();
      for (const request of hook.requests) {
        await Stripe.webhooks.constructEventAsync(
          request.body,
          request.signature,
          own.webhookSecret,
        );
      }
      // Stripe's events for a card payment through Checkout, in the order it makes them.
      expect(hook.received.map((r) => r.type)).toEqual([
        "payment_intent.created",
        "charge.succeeded",
        "payment_intent.succeeded",
        "checkout.session.completed",
      ]);
    } finally {
      await own.close();
      await hook.close();
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

describe("fake Stripe: as strict as Stripe", () => {
  it("accepts only its own secret key, with Stripe's 401", async () => {
    const url = new URL(fake.url);
    for (const key of ["sk_test_someoneElsesKey1234", fake.secretKey.replace(/.$/, "9")]) {
      const other = new Stripe(key, {
        host: url.hostname,
        port: url.port,
        protocol: "http",
        maxNetworkRetries: 0,
      });
      const error = await expectStripeError(other.checkout.sessions.create(sessionParams()));
      expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
      expect(error.statusCode).toBe(401);
      expect(error.message).toBe(
        `Invalid API Key provided: sk_test_${"*".repeat(key.length - 12)}${key.slice(-4)}`,
      );
    }
    const none = await fetch(`${fake.url}/v1/charges/ch_1`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { type: string } }).error.type).toBe(
      "invalid_request_error",
    );
  });

  it("knows a connected account only once it exists, with Stripe's 403", async () => {
    const error = await expectStripeError(
      stripe.checkout.sessions.create(sessionParams(), { stripeAccount: "acct_1NotYet" }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
    expect(error).toMatchObject({ statusCode: 403, code: "account_invalid" });
    expect(error.message).toContain("does not have access to account 'acct_1NotYet'");
    fake.connectAccount("acct_1NotYet");
    const made = await stripe.checkout.sessions.create(sessionParams(), {
      stripeAccount: "acct_1NotYet",
    });
    expect(made.status).toBe("open");
    fake.disconnectAccount("acct_1NotYet");
    const gone = await expectStripeError(
      stripe.checkout.sessions.retrieve(made.id, undefined, { stripeAccount: "acct_1NotYet" }),
    );
    expect(gone.statusCode).toBe(403);
  });

  it("answers an endpoint it does not implement with Stripe's unrecognized-URL 404, no code", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const error = await expectStripeError(stripe.checkout.sessions.listLineItems(session.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(404);
    expect(error.code).toBeUndefined();
    expect(error.message).toMatch(/^Unrecognized request URL \(GET: .*line_items\)/);
    expect(error.message).toContain("not implemented by the fake Stripe API");
    const missing = await expectStripeError(stripe.checkout.sessions.retrieve("cs_test_nope"));
    expect(missing).toMatchObject({
      statusCode: 404,
      code: "resource_missing",
      doc_url: "https://docs.stripe.com/error-codes/resource-missing",
    });
  });

  it("uses Stripe's parameter error codes, each with its doc_url", async () => {
    const cases: [Partial<Stripe.Checkout.SessionCreateParams>, string, string][] = [
      [{ mode: undefined }, "parameter_missing", "mode"],
      [{ mode: "" as "payment" }, "parameter_invalid_empty", "mode"],
      [{ expires_at: "soon" as unknown as number }, "parameter_invalid_integer", "expires_at"],
      [{ customer_email: "not-an-email" }, "email_invalid", "customer_email"],
      [{ success_url: "ftp://x" }, "url_invalid", "success_url"],
      [
        { payment_intent_data: { description: "x" } },
        "parameter_unknown",
        "payment_intent_data[description]",
      ],
    ];
    for (const [overrides, code, param] of cases) {
      const error = await expectStripeError(
        stripe.checkout.sessions.create(sessionParams(overrides)),
      );
      expect(error, code).toMatchObject({
        statusCode: 400,
        code,
        param,
        doc_url: `https://docs.stripe.com/error-codes/${code.replaceAll("_", "-")}`,
      });
    }
  });
});

describe("fake Stripe: refunds and failed payments", () => {
  it("makes a Refund object per refund, with refund.created after charge.refunded", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(session.id);
    const before = fake.events.length;
    const part = await fake.refund(session.id, 2_000);
    const refund = await stripe.refunds.retrieve(part.refundId);
    expect(refund).toMatchObject({
      object: "refund",
      amount: 2_000,
      currency: "usd",
      status: "succeeded",
      reason: null,
    });
    expect(refund.id).toMatch(/^re_/);
    const charge = await stripe.charges.retrieve(String(refund.charge));
    expect(refund.payment_intent).toBe(charge.payment_intent);
    expect(fake.events.slice(before).map((e) => e.event.type)).toEqual([
      "charge.refunded",
      "refund.created",
    ]);
  });

  it("keeps a bank refund pending until it succeeds or fails, and a failed one is given back", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(session.id, { paymentStatus: "unpaid" });
    await fake.settleBankPayment(session.id, "succeeded");
    const { refundId, event } = await fake.refund(session.id, 5_000);
    const chargeId = (event.data.object as { id: string }).id;
    expect((await stripe.refunds.retrieve(refundId)).status).toBe("pending");
    const before = fake.events.length;
    const failed = await fake.settleRefund(refundId, "failed");
    expect(failed.event.type).toBe("refund.updated");
    expect(fake.events.slice(before).map((e) => e.event.type)).toEqual([
      "refund.failed",
      "charge.refund.updated",
      "refund.updated",
    ]);
    expect(await stripe.refunds.retrieve(refundId)).toMatchObject({
      status: "failed",
      failure_reason: "unknown",
    });
    expect((await stripe.charges.retrieve(chargeId)).amount_refunded).toBe(0);
  });

  it("says why a bank debit failed, on the PaymentIntent and on the charge", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(session.id, { paymentStatus: "unpaid" });
    const before = fake.events.length;
    await fake.settleBankPayment(session.id, "failed");
    expect(fake.events.slice(before).map((e) => e.event.type)).toEqual([
      "charge.failed",
      "payment_intent.payment_failed",
      "checkout.session.async_payment_failed",
    ]);
    const now = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ["payment_intent.latest_charge"],
    });
    const intent = now.payment_intent as Stripe.PaymentIntent;
    expect(intent.status).toBe("requires_payment_method");
    expect(intent.last_payment_error).toMatchObject({
      code: "insufficient_funds",
      doc_url: "https://docs.stripe.com/error-codes/insufficient-funds",
      payment_method_type: "us_bank_account",
    });
    expect(intent.last_payment_error?.payment_method?.type).toBe("us_bank_account");
    const charge = intent.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ status: "failed", failure_code: "insufficient_funds" });
    expect(charge.failure_message).toMatch(/insufficient funds/);
  });
});

/** A webhook endpoint on loopback whose answers the test decides, one request at a time. */
async function endpoint(answer: (type: string) => number | "hang") {
  const received: { type: string; id: string; answered: number | "hang" }[] = [];
  const requests: { body: string; signature: string }[] = [];
  const hook = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      requests.push({ body, signature: String(req.headers["stripe-signature"]) });
      const event = JSON.parse(body) as { id: string; type: string };
      const answered = answer(event.type);
      received.push({ type: event.type, id: event.id, answered });
      // "hang": never answer, as a Worker stuck past Stripe's timeout.
      if (answered !== "hang") res.writeHead(answered).end("{}");
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/webhooks/stripe`,
    received,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        hook.closeAllConnections();
        hook.close(() => resolve());
      }),
  };
}

describe("fake Stripe: receipts and disputes", () => {
  it("describes the method charged, and numbers a receipt only when it has an address", async () => {
    const withEmail = await stripe.checkout.sessions.create(
      sessionParams({
        payment_intent_data: { metadata: {}, receipt_email: "sam@example.com" },
      }),
    );
    const without = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(withEmail.id);
    await fake.completeSession(without.id);
    const chargeOf = async (id: string) => {
      const session = await stripe.checkout.sessions.retrieve(id, {
        expand: ["payment_intent.latest_charge"],
      });
      return (session.payment_intent as Stripe.PaymentIntent).latest_charge as Stripe.Charge;
    };
    const emailed = await chargeOf(withEmail.id);
    expect(emailed.payment_method_details).toEqual({
      type: "card",
      card: { brand: "visa", last4: "4242" },
    });
    expect(emailed.receipt_email).toBe("sam@example.com");
    expect(emailed.receipt_number).toMatch(/^\d{4}-\d{4}$/);
    expect((await chargeOf(without.id)).receipt_number).toBeNull();
    await expect(
      stripe.checkout.sessions.create(
        sessionParams({ payment_intent_data: { receipt_email: "sam at example" } }),
      ),
    ).rejects.toMatchObject({ code: "email_invalid" });
  });

  it("refuses a three-decimal amount whose last digit is not 0", async () => {
    const kwd = (unit_amount: number) =>
      sessionParams({
        line_items: [
          {
            quantity: 1,
            price_data: { currency: "kwd", unit_amount, product_data: { name: "A" } },
          },
        ],
        allowed_payment_method_types: ["card"],
      });
    await expect(stripe.checkout.sessions.create(kwd(12_345))).rejects.toMatchObject({
      type: "StripeInvalidRequestError",
    });
    await expect(stripe.checkout.sessions.create(kwd(12_350))).resolves.toMatchObject({
      amount_total: 12_350,
    });
  });

  it("opens a chargeback, moves it on, decides it, and sends Stripe's events", async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    await fake.completeSession(session.id);
    const before = fake.events.length;
    const { disputeId } = await fake.dispute(session.id, { reason: "fraudulent" });
    const opened = await stripe.disputes.retrieve(disputeId);
    expect(opened).toMatchObject({
      object: "dispute",
      amount: 12_500,
      currency: "usd",
      reason: "fraudulent",
      status: "needs_response",
    });
    expect(opened.id).toMatch(/^dp_/);
    await fake.updateDispute(disputeId, "under_review");
    await fake.updateDispute(disputeId, "won");
    expect((await stripe.disputes.retrieve(disputeId)).status).toBe("won");
    await expect(fake.updateDispute(disputeId, "lost")).rejects.toThrow(/won/);
    await expect(fake.dispute(session.id)).rejects.toThrow(/already been disputed/);
    expect(fake.events.slice(before).map((e) => e.event.type)).toEqual([
      "charge.dispute.created",
      "charge.dispute.funds_withdrawn",
      "charge.dispute.updated",
      "charge.dispute.closed",
      "charge.dispute.funds_reinstated",
    ]);
  });
});

describe("fake Stripe: webhook delivery", () => {
  it("retries a non-2xx answer on its clock, with growing delays, until it is accepted", async () => {
    let failing = 2;
    const hook = await endpoint((type) =>
      type === "checkout.session.completed" && failing-- > 0 ? 500 : 200,
    );
    const own = await startFakeStripe({ webhookUrl: hook.url, tickMs: 0 });
    try {
      const api = new Stripe(own.secretKey, {
        host: "127.0.0.1",
        port: own.port,
        protocol: "http",
        maxNetworkRetries: 0,
        httpClient: Stripe.createFetchHttpClient(),
      });
      const session = await api.checkout.sessions.create(sessionParams());
      const { event } = await own.completeSession(session.id);
      await own.idle();
      const tries = () => hook.received.filter((r) => r.id === event.id).map((r) => r.answered);
      expect(tries()).toEqual([500]);
      // Not before its delay: one minute after the first failure.
      await own.advanceClock(59_000);
      expect(tries()).toEqual([500]);
      await own.advanceClock(1_000);
      expect(tries()).toEqual([500, 500]);
      // Then five minutes.
      await own.advanceClock(4 * 60_000);
      expect(tries()).toEqual([500, 500]);
      await own.advanceClock(60_000);
      expect(tries()).toEqual([500, 500, 200]);
      const attempts = own.attempts.filter((a) => a.eventId === event.id);
      expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
        [1, 500],
        [2, 500],
        [3, 200],
      ]);
      await own.advanceClock(24 * 3_600_000);
      expect(tries()).toHaveLength(3);
    } finally {
      await own.close();
      await hook.close();
    }
  });

  it("counts no answer within the timeout as a failure, and sends the event again", async () => {
    let hung = false;
    const hook = await endpoint((type) => {
      if (type !== "customer.created" || hung) return 200;
      hung = true;
      return "hang";
    });
    const own = await startFakeStripe({ webhookUrl: hook.url, tickMs: 0, deliveryTimeoutMs: 200 });
    try {
      const { event } = await own.publish("customer.created", { id: "cus_1", object: "customer" });
      await own.idle();
      expect(own.attempts.map((a) => a.outcome)).toEqual(["timeout"]);
      await own.advanceClock(60_000);
      expect(hook.received.map((r) => [r.id, r.answered])).toEqual([
        [event.id, "hang"],
        [event.id, 200],
      ]);
    } finally {
      await own.close();
      await hook.close();
    }
  });

  it("gives up three days after the event", async () => {
    const hook = await endpoint(() => 503);
    const own = await startFakeStripe({ webhookUrl: hook.url, tickMs: 0 });
    try {
      await own.publish("customer.created", { id: "cus_2", object: "customer" });
      await own.idle();
      for (let hour = 0; hour < 80; hour++) await own.advanceClock(3_600_000);
      const count = hook.received.length;
      expect(count).toBeGreaterThan(5);
      expect(own.outbox.abandoned).toHaveLength(1);
      await own.advanceClock(7 * 24 * 3_600_000);
      expect(hook.received).toHaveLength(count);
    } finally {
      await own.close();
      await hook.close();
    }
  });

  it("delivers late, twice and out of order when shuffled, the same way for the same seed", async () => {
    const run = async (seed: number) => {
      const hook = await endpoint(() => 200);
      const own = await startFakeStripe({
        webhookUrl: hook.url,
        tickMs: 0,
        delivery: { mode: "shuffled", seed },
        now: () => 1_800_000_000_000,
      });
      try {
        for (let i = 0; i < 12; i++) {
          await own.publish("customer.created", { id: `cus_${i}`, object: "customer" });
        }
        await own.idle();
        for (let second = 0; second < 6; second++) await own.advanceClock(1_000);
        const sent = own.events.map((e) => e.event.id);
        const order = hook.received.map((r) => sent.indexOf(r.id));
        return order;
      } finally {
        await own.close();
        await hook.close();
      }
    };
    const order = await run(7);
    expect(await run(7)).toEqual(order);
    // Every event arrives, some twice, not in the order they happened.
    expect(new Set(order)).toEqual(new Set([...Array(12).keys()]));
    expect(order.length).toBeGreaterThan(12);
    expect(order).not.toEqual([...order].sort((a, b) => a - b));
  });

  it("expires an open session when its clock reaches expires_at, and sends the event", async () => {
    const own = await startFakeStripe({ tickMs: 0 });
    try {
      const api = new Stripe(own.secretKey, {
        host: "127.0.0.1",
        port: own.port,
        protocol: "http",
        maxNetworkRetries: 0,
        httpClient: Stripe.createFetchHttpClient(),
      });
      const session = await api.checkout.sessions.create(
        sessionParams({ expires_at: own.clock.seconds() + hour }),
      );
      await own.advanceClock(hour * 1000 - 1_000);
      expect(own.sessions.get(session.id)?.session.status).toBe("open");
      await own.advanceClock(1_000);
      expect(own.sessions.get(session.id)?.session.status).toBe("expired");
      expect(own.events.at(-1)?.event).toMatchObject({
        type: "checkout.session.expired",
        data: { object: { id: session.id, status: "expired", url: null } },
      });
      const due = await own.takeDue();
      expect(due.map((d) => d.event.type)).toEqual(["checkout.session.expired"]);
    } finally {
      await own.close();
    }
  });
});
