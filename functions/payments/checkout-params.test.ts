import { describe, expect, it } from "vitest";
import { type CheckoutParamsInput, checkoutParams } from "./checkout-params";

const input: CheckoutParamsInput = {
  invoice: {
    id: "inv_1",
    number: "ZM-1042",
    currency: "USD",
    locale: "es-MX",
    customerEmail: "sam@example.com",
    version: 3,
  },
  businessName: "Zoë Müller Plumbing",
  paymentId: "pay_1",
  amount: 12_500,
  expiresAt: new Date("2026-11-25T19:00:00Z"),
  publicBaseUrl: "https://portal.test",
  token: "tok",
};

describe("checkoutParams", () => {
  it("charges the given balance for the invoice, in lower-case currency", () => {
    const params = checkoutParams(input);
    expect(params.mode).toBe("payment");
    expect(params.line_items).toEqual([
      {
        quantity: 1,
        price_data: {
          currency: "usd",
          unit_amount: 12_500,
          product_data: { name: "Factura ZM-1042", description: "Zoë Müller Plumbing" },
        },
      },
    ]);
    expect(params.expires_at).toBe(Date.parse("2026-11-25T19:00:00Z") / 1000);
  });

  it("offers ACH only for US dollars", () => {
    expect(checkoutParams(input).allowed_payment_method_types).toEqual(["card", "us_bank_account"]);
    const eur = checkoutParams({ ...input, invoice: { ...input.invoice, currency: "EUR" } });
    expect(eur.allowed_payment_method_types).toEqual(["card"]);
  });

  it("ties the session to the invoice and payment, on the session and its PaymentIntent", () => {
    const params = checkoutParams(input);
    const metadata = { invoice_id: "inv_1", payment_id: "pay_1", invoice_version: "3" };
    expect(params.client_reference_id).toBe("inv_1");
    expect(params.metadata).toEqual(metadata);
    expect(params.payment_intent_data?.metadata).toEqual(metadata);
    expect(params.locale).toBe("es-419");
    expect(params.success_url).toBe(
      "https://portal.test/p/tok?checkout=success&session_id={CHECKOUT_SESSION_ID}",
    );
    expect(params.cancel_url).toBe("https://portal.test/p/tok?checkout=canceled");
  });

  it("passes the customer's email only when it looks like one", () => {
    expect(checkoutParams(input).customer_email).toBe("sam@example.com");
    const none = checkoutParams({ ...input, invoice: { ...input.invoice, customerEmail: "" } });
    expect(none.customer_email).toBeUndefined();
    const bad = checkoutParams({
      ...input,
      invoice: { ...input.invoice, customerEmail: "sam at" },
    });
    expect(bad.customer_email).toBeUndefined();
  });

  it("asks Stripe to email its receipt when the customer's email is known", () => {
    expect(checkoutParams(input).payment_intent_data?.receipt_email).toBe("sam@example.com");
    const none = checkoutParams({ ...input, invoice: { ...input.invoice, customerEmail: " " } });
    expect(none.payment_intent_data).not.toHaveProperty("receipt_email");
    expect(none.payment_intent_data?.metadata).toEqual(checkoutParams(input).metadata);
  });
});
