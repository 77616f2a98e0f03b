import type Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { chargeReceipt, checkoutOutcome } from "./session-outcome";

function session(
  fields: Partial<Record<"status" | "payment_status", string>> & {
    intent?: { status: string; method?: string; charge?: Record<string, unknown> } | string | null;
  },
): Stripe.Checkout.Session {
  const intent =
    fields.intent && typeof fields.intent === "object"
      ? {
          id: "pi_1",
          object: "payment_intent",
          status: fields.intent.status,
          payment_method: fields.intent.method
            ? { id: "pm_1", object: "payment_method", type: fields.intent.method }
            : null,
          latest_charge: fields.intent.charge ?? "ch_1",
        }
      : (fields.intent ?? null);
  return {
    id: "cs_test_1",
    object: "checkout.session",
    status: fields.status ?? "open",
    payment_status: fields.payment_status ?? "unpaid",
    amount_total: 12_500,
    currency: "usd",
    payment_intent: intent,
  } as unknown as Stripe.Checkout.Session;
}

describe("checkoutOutcome", () => {
  it("reads open and expired sessions", () => {
    expect(checkoutOutcome(session({}))).toEqual({ status: "open" });
    expect(checkoutOutcome(session({ status: "expired" }))).toEqual({ status: "expired" });
  });

  it("reads a paid card session as succeeded, with what Stripe charged", () => {
    expect(
      checkoutOutcome(
        session({
          status: "complete",
          payment_status: "paid",
          intent: {
            status: "succeeded",
            method: "card",
            charge: {
              id: "ch_1",
              object: "charge",
              payment_method_details: { type: "card", card: { brand: "visa", last4: "4242" } },
              receipt_number: "1234-5678",
            },
          },
        }),
      ),
    ).toEqual({
      status: "succeeded",
      amount: 12_500,
      currency: "USD",
      paymentIntentId: "pi_1",
      method: "card",
      receipt: { brand: "visa", last4: "4242", receiptNumber: "1234-5678" },
    });
  });

  it("reads a complete, unpaid ACH session by its intent: processing, succeeded or failed", () => {
    const ach = (status: string) =>
      checkoutOutcome(
        session({
          status: "complete",
          payment_status: "unpaid",
          intent: { status, method: "us_bank_account" },
        }),
      );
    expect(ach("processing")).toMatchObject({ status: "processing", method: "us_bank_account" });
    expect(ach("succeeded")).toMatchObject({ status: "succeeded" });
    expect(ach("requires_payment_method")).toMatchObject({ status: "failed" });
    expect(ach("canceled")).toMatchObject({ status: "failed" });
  });

  it("treats an unexpanded unpaid completion as processing (a bank debit)", () => {
    expect(
      checkoutOutcome(session({ status: "complete", payment_status: "unpaid", intent: "pi_9" })),
    ).toMatchObject({ status: "processing", paymentIntentId: "pi_9", method: "us_bank_account" });
  });

  it("ignores a completion that needed no payment", () => {
    expect(
      checkoutOutcome(session({ status: "complete", payment_status: "no_payment_required" })),
    ).toEqual({ status: "no_payment" });
  });
});

describe("chargeReceipt", () => {
  const charge = (fields: Record<string, unknown>) => fields as unknown as Stripe.Charge;

  it("reads a card's brand and last four, and Stripe's receipt number", () => {
    expect(
      chargeReceipt(
        charge({
          id: "ch_1",
          payment_method_details: { type: "card", card: { brand: "visa", last4: "4242" } },
          receipt_number: "1234-5678",
        }),
      ),
    ).toEqual({ brand: "visa", last4: "4242", receiptNumber: "1234-5678" });
  });

  it("reads a bank account's bank name and last four", () => {
    expect(
      chargeReceipt(
        charge({
          id: "ch_2",
          payment_method_details: {
            type: "us_bank_account",
            us_bank_account: { bank_name: "STRIPE TEST BANK", last4: "6789" },
          },
          receipt_number: null,
        }),
      ),
    ).toEqual({ brand: "STRIPE TEST BANK", last4: "6789", receiptNumber: null });
  });

  it("says nothing for a charge that was not expanded, or odd values", () => {
    expect(chargeReceipt("ch_3")).toEqual({ brand: null, last4: null, receiptNumber: null });
    expect(chargeReceipt(null)).toEqual({ brand: null, last4: null, receiptNumber: null });
    expect(
      chargeReceipt(charge({ payment_method_details: { card: { brand: 7, last4: "" } } })),
    ).toEqual({ brand: null, last4: null, receiptNumber: null });
  });
});
