import { describe, expect, it } from "vitest";
import { readConfig } from "../../functions/env";
import { resolvePortalLink } from "../../functions/links/resolve-portal-link";
import { checkoutReturn } from "../../functions/payments/checkout-return";
import { createStripeClient } from "../../functions/platform/stripe-client";
import { paymentsOf } from "../support/payment-fixtures";
import {
  bindings,
  db,
  deliverOk,
  invoicePage,
  payAndFollow,
  payable,
  stripe,
} from "./payments-harness";

// The customer's return from Checkout: the banner comes from stored state, and when Stripe's
// webhook has not arrived yet, from the session read from Stripe — never from the query string.

const success = (sessionId: string) => `?checkout=success&session_id=${sessionId}`;

describe("return from Checkout", () => {
  it("says payment received once the webhook has recorded it", async () => {
    const { token } = await payable();
    const { sessionId } = await payAndFollow(token);
    await deliverOk(await stripe.completeSession(sessionId, { paymentStatus: "paid" }));
    const shown = await invoicePage(token, success(sessionId));
    expect(shown.notice).toBe("payment_received");
    expect(shown.invoice.state).toBe("paid");
  });

  it("reads the session from Stripe when the webhook has not arrived yet", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    const shown = await invoicePage(token, success(sessionId));
    expect(shown.notice).toBe("payment_received");
    expect(shown.invoice.state).toBe("paid");
    expect(shown.links.pay).toBeNull();
    expect((await paymentsOf(db, invoice.id))[0]).toMatchObject({ status: "succeeded" });
    // The webhook, arriving later, finds it done and records its id.
    expect(await deliverOk(completed)).toBe("unchanged");
  });

  it("says processing for a bank payment on its way", async () => {
    const { token } = await payable();
    const { sessionId } = await payAndFollow(token);
    await stripe.completeSession(sessionId, { paymentStatus: "unpaid" });
    const shown = await invoicePage(token, success(sessionId));
    expect(shown.notice).toBe("payment_processing");
    expect(shown.invoice.state).toBe("processing");
  });

  it("trusts no query string: an unpaid session, or one of another invoice, says nothing", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const unpaid = await invoicePage(token, success(sessionId));
    expect(unpaid.notice).toBeNull();
    expect(unpaid.links.pay).toBe(`/p/${token}/pay`);

    const other = await payable();
    const elsewhere = await payAndFollow(other.token);
    await stripe.completeSession(elsewhere.sessionId, { paymentStatus: "paid" });
    expect((await invoicePage(token, success(elsewhere.sessionId))).notice).toBeNull();
    expect((await invoicePage(token, success("cs_test_made_up"))).notice).toBeNull();
    expect((await invoicePage(token, "?checkout=success")).notice).toBeNull();
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
    expect((await paymentsOf(db, other.invoice.id))[0]?.status).toBe("open");
  });

  it("says canceled after Cancel on Checkout, and changes nothing", async () => {
    const { invoice, token } = await payable();
    await payAndFollow(token);
    const shown = await invoicePage(token, "?checkout=canceled");
    expect(shown.notice).toBe("payment_canceled");
    expect(shown.links.pay).toBe(`/p/${token}/pay`);
    expect((await paymentsOf(db, invoice.id))[0]?.status).toBe("open");
  });

  it("says nothing of a cancel or a retry once there is nothing left to pay", async () => {
    const { token } = await payable();
    const { sessionId } = await payAndFollow(token);
    await deliverOk(await stripe.completeSession(sessionId, { paymentStatus: "paid" }));
    for (const param of ["?checkout=canceled", "?checkout=retry"]) {
      const shown = await invoicePage(token, param);
      expect(shown.notice).toBeNull();
      expect(shown.invoice.state).toBe("paid");
    }
  });
});

describe("return from Checkout, racing the webhook", () => {
  it("says received when the webhook lands between the page's read and its sync", async () => {
    const { invoice, token } = await payable();
    const { sessionId } = await payAndFollow(token);
    const completed = await stripe.completeSession(sessionId, { paymentStatus: "paid" });
    // The page read the invoice while the payment was still open...
    const stale = await resolvePortalLink(db, token);
    if (stale.kind !== "active") throw new Error("expected an active link");
    // ...then the webhook recorded it, before the page's own sync ran.
    expect(await deliverOk(completed)).toBe("applied");
    const back = await checkoutReturn(
      { db, stripe: await createStripeClient(readConfig(bindings)), now: () => new Date() },
      { token, facts: stale, param: "success", sessionId },
    );
    expect(back.notice).toBe("payment_received");
    expect(back.facts.payments.find((p) => p.invoiceId === invoice.id)?.status).toBe("succeeded");
  });
});
