import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { payments, stripeEvents } from "../../db/schema";
import { fakeStripeClient } from "../../tools/fake-stripe/client";
import type { DeliveryMode } from "../../tools/fake-stripe/delivery";
import { popplerText } from "../support/pdf-text";
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

// Pay Now, end to end: the page's button leads to (fake) Stripe Checkout; paying there sends
// signed webhooks to the Worker and returns the customer to the page, which then says Paid and
// offers no second payment. Run twice: with webhooks delivered in order, and delivered late,
// twice and out of order (as Stripe may), with the same outcome.

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

const MODES: [string, DeliveryMode][] = [
  ["webhooks in order", { mode: "in_order" }],
  ["webhooks late, doubled and shuffled", { mode: "shuffled", seed: 41, maxDelayMs: 3_000 }],
];

for (const [label, mode] of MODES) {
  browserSuite(`Pay Now (${label})`, () => {
    const browser = useBrowser();
    const db = useDb();

    beforeAll(async () => {
      await fakeStripeClient(stack.stripe?.apiUrl ?? "").setDeliveryMode(mode);
    });

    it("runs on the fake Stripe API", () => {
      expect(stack.stripe, "tools/fake-stripe was not started").not.toBeNull();
    });

    it("goes to Checkout, and after payment and its webhook the page shows Paid", async () => {
      const { invoiceId, path } = await payableInvoice(db());
      const view = await expectedView(db(), path);
      const { context, page } = await openPage(browser(), path, "phone");
      try {
        const pay = page.locator("form button[type=submit]");
        expect(await pay.isVisible()).toBe(true);
        expect(await shown(pay)).toContain(view.balanceDue.amount.replace(/\s/g, " ").trim());
        await screenshot(page, `pay-1-invoice-${mode.mode}`);

        await Promise.all([page.waitForURL(`${stack.stripe?.apiUrl}/**`), pay.click()]);
        expect(page.url()).toMatch(/\/pay\/cs_/);
        const amount = await page.locator("[data-amount]").getAttribute("data-amount");
        expect(Number(amount)).toBe(14_500 + 2 * 2_250);
        await screenshot(page, `pay-2-checkout-${mode.mode}`);

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
        // The receipt: the card Stripe charged, on the page and in the PDF (read with pdftotext).
        const receipt = await eventually(async () => {
          await page.reload();
          const text = await shown(page.locator(".receipt"));
          return text.includes("Visa ending in 4242") ? text : undefined;
        }, 10_000);
        expect(receipt).toContain("Receipt");
        expect(receipt).toContain("Receipt number");
        const pdf = await fetch(`${stack.baseUrl}${path}/pdf`);
        const pdfText = (await popplerText(new Uint8Array(await pdf.arrayBuffer()))).replace(
          /\s+/g,
          " ",
        );
        expect(pdfText).toContain("Payment method: Visa ending in 4242");
        expect(pdfText).toMatch(/Receipt number: \d{4}-\d{4}/);
        await screenshot(page, `pay-3-paid-${mode.mode}`);

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
        // The session's checkout.session.completed arrives (late, maybe twice) and is recorded.
        const sessionId = sessions[0]?.session.id ?? "";
        const events = await fakeStripeClient(stack.stripe?.apiUrl ?? "").events();
        const completedId = events.find(
          (e) => e.type === "checkout.session.completed" && e.data.object.id === sessionId,
        )?.id;
        expect(completedId).toMatch(/^evt_/);
        const recorded = await eventually(async () => {
          const rows = await db()
            .select()
            .from(stripeEvents)
            .where(eq(stripeEvents.id, completedId ?? ""));
          return rows.length ? rows : undefined;
        }, 15_000);
        expect(recorded).toHaveLength(1);
      } finally {
        await context.close();
      }
    });
  });
}
