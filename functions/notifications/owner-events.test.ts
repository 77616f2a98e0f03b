import { describe, expect, it } from "vitest";
import { type NoticeFacts, noticeFor } from "./owner-events";

// The words of each notice, in the business's language, with money formatted as in the app.

const facts: NoticeFacts = {
  businessId: "biz_1",
  defaultLocale: "en-US",
  invoiceId: "inv_1",
  number: "GL-2001",
  customerName: "Sam Rivera",
  amount: 53_349,
  currency: "USD",
};

describe("noticeFor", () => {
  it("words each event in English, opening the invoice in the app", () => {
    const titles = (["paid", "bank_failed", "disputed"] as const).map(
      (kind) => noticeFor({ kind, paymentId: "pay_1" }, facts).title,
    );
    expect(titles).toEqual([
      "GL-2001 paid $533.49",
      "Bank payment for GL-2001 failed",
      "GL-2001 disputed",
    ]);
    expect(noticeFor({ kind: "viewed", invoiceId: "inv_1" }, facts)).toEqual({
      title: "Sam opened invoice GL-2001",
      body: "",
      url: "/app/invoices/inv_1",
      tag: "viewed-inv_1",
    });
  });

  it("speaks Spanish for a Spanish business, with its money format", () => {
    const es = { ...facts, defaultLocale: "es-ES", currency: "EUR" };
    expect(noticeFor({ kind: "paid", paymentId: "pay_1" }, es).title).toBe(
      "GL-2001 pagada: 533,49\u00a0€",
    );
    expect(noticeFor({ kind: "viewed", invoiceId: "inv_1" }, es).title).toBe(
      "Sam abrió la factura GL-2001",
    );
  });

  it("falls back to English for another language, and to 'your customer' without a name", () => {
    const fr = { ...facts, defaultLocale: "fr-FR", customerName: "  " };
    expect(noticeFor({ kind: "viewed", invoiceId: "inv_1" }, fr).title).toBe(
      "Your customer opened invoice GL-2001",
    );
  });
});
