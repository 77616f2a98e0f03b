import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Db } from "../../db/client";
import { payments, stripeEvents } from "../../db/schema";
import { fakeStripeClient } from "../fake-stripe/client";
import {
  browserSuite,
  createInvoice,
  eventually,
  expectedView,
  openPage,
  screenshot,
  shown,
  stack,
  useBrowser,
  useDb,
} from "./support";

// Pay Now, end to end: the page's button leads to (fake) Stripe Checkout; paying there sends a
// signed webhook to the Worker and returns the customer to the page, which then says Paid and
// offers no second payment.

async function payableInvoice(db: Db) {
  return createInvoice(db, {
    business: "pro",
    number: `PAY-${Date.now()}`,
    values: { customerName: "Noor Haddad", customerEmail: "noor@example.com" },
    items: [
      { description: "Boiler service", quantity: 1000, unitPrice: 14_500 },
      { description: "Replacement valve", quantity: 2000, unitPrice: 2_250 },
    ],
  });
}

browserSuite("Pay Now", () => {
  const browser = useBrowser();
  const db = useDb();

  it("runs on the fake Stripe API", () => {
    expect(stack.stripe, "test/fake-stripe was not started").not.toBeNull();
  });

  it("goes to Checkout, and after payment and its webhook the page shows Paid", async () => {
    const { invoiceId, path } = await payableInvoice(db());
    const view = await expectedView(db(), path);
    const { context, page } = await openPage(browser(), path, "phone");
    try {
      const pay = page.locator("form button[type=submit]");
      expect(await pay.isVisible()).toBe(true);
      expect(await shown(pay)).toContain(view.balanceDue.amount.replace(/\s/g, " ").trim());
      await screenshot(page, "pay-1-invoice");

      await Promise.all([page.waitForURL(`${stack.stripe?.apiUrl}/**`), pay.click()]);
      expect(page.url()).toMatch(/\/pay\/cs_/);
      const amount = await page.locator("[data-amount]").getAttribute("data-amount");
      expect(Number(amount)).toBe(14_500 + 2 * 2_250);
      await screenshot(page, "pay-2-checkout");

      // Paying completes the session, sends the signed checkout.session.completed webhook to
      // the Worker and redirects back to the invoice.
      await Promise.all([
        page.waitForURL(`${stack.baseUrl}${path}**`),
        page.getByRole("button", { name: "Pay", exact: true }).click(),
      ]);
      await eventually(async () => {
        await page.reload();
        return (await shown(page.locator(".status .badge"))) === "Paid" ? true : undefined;
      }, 10_000);
      expect(await page.locator("form button[type=submit]").count()).toBe(0);
      await screenshot(page, "pay-3-paid");

      // One Checkout Session for the invoice, and its signed webhook was accepted and recorded.
      const sessions = await fakeStripeClient(stack.stripe?.apiUrl ?? "").sessionsFor(invoiceId);
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.session.amount_total).toBe(14_500 + 2 * 2_250);
      const paid = await eventually(async () => {
        const rows = await db()
          .select()
          .from(payments)
          .where(and(eq(payments.invoiceId, invoiceId), eq(payments.status, "succeeded")));
        return rows.length ? rows : undefined;
      });
      expect(paid).toHaveLength(1);
      expect(paid[0]?.provider).toBe("stripe");
      expect(paid[0]?.amount).toBe(14_500 + 2 * 2_250);
      const completed = await db()
        .select()
        .from(stripeEvents)
        .where(eq(stripeEvents.type, "checkout.session.completed"));
      expect(completed.length).toBeGreaterThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});
