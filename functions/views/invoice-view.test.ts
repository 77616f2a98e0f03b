import { describe, expect, it } from "vitest";
import { PDF_NOW, pdfFacts, pdfView } from "../../test/support/pdf-fixtures";
import { buildInvoiceView } from "./invoice-view";

describe("buildInvoiceView", () => {
  it("declares the language its labels are written in, not only the locale's", () => {
    // A Swedish-locale invoice has English labels (no Swedish catalogue): lang="sv" would make
    // screen readers read the English page with Swedish pronunciation.
    for (const [locale, lang] of [
      ["sv-SE", "en"],
      ["he-IL", "en"],
      ["de-DE", "de"],
      ["ar-KW", "ar"],
      ["pt-BR", "pt"],
      ["es-MX", "es"],
      ["en-GB", "en"],
    ]) {
      const view = pdfView({ invoice: { locale } });
      expect(view.lang, locale).toBe(lang);
      expect(view.locale, locale).toBe(locale);
    }
  });

  it("isolates a percent label a business typed inside the sentence around the amount", () => {
    const view = pdfView({
      invoice: {
        amountMode: "percent",
        percentRate: 50_000,
        percentBase: 400_000,
        percentLabel: "\u202edeposit",
      },
    });
    // Without the isolate, the override would also reverse "of $4,000.00" after the label.
    expect(view.amountDescription).toBe("50% \u2068\u202edeposit\u2069 of $4,000.00");
  });

  it("does not show money refunded to the customer as a balance they still owe", () => {
    const facts = pdfFacts({ items: [["Service", 1000, 10_000]], paid: [10_000] });
    facts.payments = facts.payments.map((p) => ({ ...p, amountRefunded: 3_000 }));
    const view = buildInvoiceView(facts, PDF_NOW);
    expect(view.state).toBe("partially_refunded");
    expect(view.stateDetail).toBe("$30.00 of your payment was refunded.");
    // Total − amount paid = balance due, as on every other invoice.
    expect(view.total.amount).toBe("$100.00");
    expect(view.amountPaid?.amount).toBe("$100.00");
    expect(view.balanceDue.amount).toBe("$0.00");
  });

  it("still shows the unpaid part of a partly paid invoice after a refund", () => {
    const facts = pdfFacts({ items: [["Service", 1000, 10_000]], paid: [5_000] });
    facts.payments = facts.payments.map((p) => ({ ...p, amountRefunded: 1_000 }));
    const view = buildInvoiceView(facts, PDF_NOW);
    expect(view.amountPaid?.amount).toBe("$50.00");
    expect(view.balanceDue.amount).toBe("$50.00");
  });

  it("says an invoice with nothing to pay has nothing to pay, never due or overdue", () => {
    const late = { dueDate: "2026-11-01" };
    const hundredOff = { discountKind: "percent", discountValue: 100_000 } as const;
    const free = pdfView({
      invoice: { ...late, ...hundredOff },
      items: [["Goodwill visit", 1000, 5_000]],
    });
    expect(free.balanceDue.amount).toBe("$0.00");
    expect(free).toMatchObject({
      state: "nothing_due",
      stateLabel: "Nothing to pay",
      stateDetail: "There is nothing to pay on this invoice.",
    });
    const notYetDue = pdfView({ invoice: hundredOff, items: [["Goodwill visit", 1000, 5_000]] });
    expect(notYetDue.state).toBe("nothing_due");
    expect(pdfView({ invoice: late, items: [["Visit", 1000, 5_000]] }).state).toBe("overdue");
  });

  it("keeps void and money received ahead of nothing to pay", () => {
    const hundredOff = { discountKind: "percent", discountValue: 100_000 } as const;
    const items: [string, number, number][] = [["Goodwill visit", 1000, 5_000]];
    expect(pdfView({ invoice: { ...hundredOff, status: "void" }, items }).state).toBe("void");
    // Paid by an old Checkout Session before the discount was given: money to give back.
    const paid = pdfView({ invoice: hundredOff, items, paid: [5_000] });
    expect([paid.state, paid.balanceDue.amount]).toEqual(["paid", "$0.00"]);
  });
});
