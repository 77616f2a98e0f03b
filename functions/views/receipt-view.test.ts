import { describe, expect, it } from "vitest";
import { PDF_NOW, pdfFacts } from "../../test/support/pdf-fixtures";
import { buildInvoiceView } from "./invoice-view";

// The receipt the page and the PDF show, from the stored payments and the ledger's "paid".
const cardPayment = {
  provider: "stripe" as const,
  method: "card" as const,
  methodBrand: "visa",
  methodLast4: "4242",
  receiptNumber: "1853-2249",
  paymentIntentId: "pi_1",
  // 02:30 UTC on the 25th is still the 24th in Los Angeles.
  completedAt: new Date("2026-11-25T02:30:00Z"),
};

function viewWith(
  payment: Partial<ReturnType<typeof pdfFacts>["payments"][number]>,
  options: { paid?: number[]; timezone?: string; locale?: string } = {},
) {
  const facts = pdfFacts({
    items: [["Service", 1000, 10_000]],
    paid: options.paid ?? [10_000],
    business: { timezone: options.timezone ?? "America/Los_Angeles" },
    invoice: { locale: options.locale ?? "en-US" },
  });
  facts.payments = facts.payments.map((p) => ({ ...p, ...payment }));
  return buildInvoiceView(facts, PDF_NOW);
}

describe("receipt", () => {
  it("names the day in the business's time zone, the amount, the card and Stripe's receipt number", () => {
    expect(viewWith(cardPayment).receipt).toEqual({
      heading: "Receipt",
      labels: { paidOn: "Paid on", amount: "Amount", method: "Payment method" },
      lines: [
        {
          paidOn: "Nov 24, 2026",
          amount: "$100.00",
          method: "Visa ending in 4242",
          reference: { label: "Receipt number", value: "1853-2249" },
        },
      ],
    });
  });

  it("names the bank and its last four, and the payment's id when Stripe sent no receipt", () => {
    const line = viewWith({
      ...cardPayment,
      method: "us_bank_account",
      methodBrand: "STRIPE TEST BANK",
      methodLast4: "6789",
      receiptNumber: null,
    }).receipt?.lines[0];
    expect(line).toMatchObject({
      method: "STRIPE TEST BANK, account ending in 6789",
      reference: { label: "Reference", value: "pi_1" },
    });
  });

  it("shows an offline payment's method and the reference the owner recorded, in Spanish", () => {
    const line = viewWith(
      { method: "check", reference: "Cheque 1042", completedAt: new Date("2026-11-24T20:00:00Z") },
      { locale: "es-MX" },
    ).receipt?.lines[0];
    expect(line).toMatchObject({
      method: "Cheque",
      reference: { label: "Referencia", value: "Cheque 1042" },
    });
  });

  it("is absent until the invoice is paid", () => {
    expect(viewWith(cardPayment, { paid: [4_000] }).receipt).toBeNull();
    expect(viewWith(cardPayment, { paid: [] }).receipt).toBeNull();
  });

  it("is gone again when a dispute is lost, and back when one is won", () => {
    const lost = viewWith({ ...cardPayment, disputeStatus: "lost", disputeAmount: 10_000 });
    expect(lost.receipt).toBeNull();
    expect(lost.balanceDue.amount).toBe("$100.00");
    const won = viewWith({ ...cardPayment, disputeStatus: "won", disputeAmount: 10_000 });
    expect(won.receipt?.lines).toHaveLength(1);
  });
});
