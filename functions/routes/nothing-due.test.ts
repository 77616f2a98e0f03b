import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storePdfInvoice } from "../../test/support/pdf-fixtures";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../../test/support/test-app";
import type { InvoicePage, PortalPage } from "../views/page-model";

// An invoice with nothing to pay (a 100% discount, not void): the page says so in plain words,
// never offers Pay Now and never calls it overdue, even on a Pro plan with Stripe set up.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { STRIPE_SECRET_KEY: "sk_test_nothing_due", STRIPE_WEBHOOK_SECRET: "whsec_nothing_due" },
  });
});
afterAll(() => t.close());

const free = {
  business: { plan: "pro" as const, stripeAccountId: null },
  invoice: { dueDate: "2026-11-01", discountKind: "percent" as const, discountValue: 100_000 },
  items: [["Goodwill visit", 1000, 5_000]] as [string, number, number][],
};

async function invoicePage(token: string): Promise<InvoicePage> {
  const res = await t.request(`/p/${token}`);
  const { page } = (await res.json()) as { page: PortalPage };
  if (page.kind !== "invoice") throw new Error(`expected an invoice page, got ${page.kind}`);
  return page;
}

describe("an invoice with nothing to pay", () => {
  it("says nothing to pay, without Pay Now, even past its due date", async () => {
    const { token } = await storePdfInvoice(t.db, free, TEST_SIGNING_SECRET);
    const page = await invoicePage(token);
    expect(page.invoice).toMatchObject({
      state: "nothing_due",
      stateLabel: "Nothing to pay",
      stateDetail: "There is nothing to pay on this invoice.",
      balanceDue: { amount: "$0.00" },
      total: { amount: "$0.00" },
    });
    expect(page.links.pay).toBeNull();
    // The form posted anyway goes back to the page, never to Checkout.
    const pay = await t.request(`/p/${token}/pay`, { method: "POST" });
    expect([pay.status, pay.headers.get("Location")]).toEqual([303, `/p/${token}`]);

    // The same invoice with something to pay offers Pay Now, so the check above is real.
    const due = await storePdfInvoice(
      t.db,
      { ...free, invoice: { ...free.invoice, discountKind: "none" as const, discountValue: 0 } },
      TEST_SIGNING_SECRET,
    );
    const duePage = await invoicePage(due.token);
    expect(duePage.invoice.state).toBe("overdue");
    expect(duePage.links.pay).toBe(`/p/${due.token}/pay`);
  });

  it("says it in Spanish too", async () => {
    const { token } = await storePdfInvoice(
      t.db,
      { ...free, invoice: { ...free.invoice, locale: "es-MX", currency: "MXN" } },
      TEST_SIGNING_SECRET,
    );
    const page = await invoicePage(token);
    expect(page.invoice.stateLabel).toBe("Nada que pagar");
    expect(page.invoice.stateDetail).toBe("No hay nada que pagar en esta factura.");
  });
});
