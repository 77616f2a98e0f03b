import { describe, expect, it } from "vitest";
import { PDF_NOW, pdfFacts } from "../../test/support/pdf-fixtures";
import { popplerText } from "../../test/support/pdf-text";
import { buildInvoiceView } from "../views/invoice-view";
import { nodeFontReader } from "./node-font-files";
import { renderInvoicePdf } from "./render-invoice-pdf";

// The receipt in the PDF, read back with pdftotext.
const flat = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

async function pdfText(payment: Record<string, unknown>, paid: number[]) {
  const facts = pdfFacts({ items: [["Service", 1000, 10_000]], paid });
  facts.payments = facts.payments.map((p) => ({ ...p, ...payment }));
  const view = buildInvoiceView(facts, PDF_NOW);
  const bytes = await renderInvoicePdf(view, {
    logo: null,
    now: PDF_NOW,
    producer: "Test",
    fonts: nodeFontReader(),
  });
  return flat(await popplerText(bytes));
}

describe("PDF receipt", () => {
  it("carries the paid day, amount, card and receipt number once paid", async () => {
    const text = await pdfText(
      {
        provider: "stripe",
        method: "card",
        methodBrand: "mastercard",
        methodLast4: "4444",
        receiptNumber: "2291-0071",
        completedAt: new Date("2026-11-24T12:00:00Z"),
      },
      [10_000],
    );
    for (const expected of [
      "Receipt",
      "Paid on: Nov 24, 2026",
      "Amount: $100.00",
      "Payment method: Mastercard ending in 4444",
      "Receipt number: 2291-0071",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("has no receipt while a balance is due", async () => {
    const text = await pdfText({ method: "cash" }, [2_500]);
    expect(text).not.toContain("Receipt");
    expect(text).not.toContain("Paid on");
  });
});
