import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { payments } from "../../db/schema";
import { newSession } from "../../functions/owners/sessions";
import { fakeStripeClient } from "../../tools/fake-stripe/client";
import { makeApiKey } from "../support/factories";
import { popplerText } from "../support/pdf-text";
import {
  browserSuite,
  createInvoice,
  eventually,
  horizontalOverflow,
  newContext,
  plain,
  screenshot,
  shown,
  stack,
  useBrowser,
  useDb,
} from "./support";

// A card payment the customer's bank takes back, end to end: paid through the (fake) Checkout,
// then disputed, with Stripe's signed webhooks sent to the Worker. Lost, the balance is due
// again everywhere the money shows: the customer's page (with Pay Now back), the PDF as a
// viewer reads it (pdftotext), the owner API and the owner app's detail page, which also shows
// the dispute on the payment and in the timeline. Won, all of them say Paid again.

const AMOUNT = "$145.00";

const OUTCOMES = {
  lost: {
    badge: "Due",
    balance: AMOUNT,
    api: { state: "due", balance_due: 14_500, paid: false, amount_disputed: 14_500 },
    payNow: 1,
    takenBack: `Taken back by a dispute −${AMOUNT}`,
    payment: `Dispute lost: ${AMOUNT} back to the customer`,
    timeline: "Dispute lost: the money went back to the customer",
  },
  won: {
    badge: "Paid",
    balance: "$0.00",
    api: { state: "paid", balance_due: 0, paid: true, amount_disputed: 0 },
    payNow: 0,
    takenBack: null,
    payment: "Dispute won",
    timeline: "Dispute won: the money is yours",
  },
} as const;

browserSuite("disputes on every surface", () => {
  const browser = useBrowser();
  const db = useDb();
  const stripe = () => fakeStripeClient(stack.stripe?.apiUrl ?? "");

  beforeAll(async () => {
    await stripe().setDeliveryMode({ mode: "in_order" });
  });

  for (const [outcome, want] of Object.entries(OUTCOMES)) {
    it(`shows a dispute ${outcome} after payment on the page, the PDF, the API and the owner app`, async () => {
      const { invoiceId, businessId, path } = await createInvoice(db(), {
        business: "pro",
        number: `DSP-${outcome}-${Date.now()}`,
        values: { customerName: "Noor Haddad", customerEmail: "noor@example.com" },
        items: [{ description: "Boiler service", quantity: 1000, unitPrice: 14_500 }],
      });
      const customer = await newContext(browser(), "phone");
      try {
        // Paid by card through Checkout.
        const page = await customer.newPage();
        await page.goto(`${stack.baseUrl}${path}`);
        await Promise.all([
          page.waitForURL(`${stack.stripe?.apiUrl}/**`),
          page.locator("form button[type=submit]").click(),
        ]);
        const sessionId = page.url().split("/").pop() ?? "";
        await Promise.all([
          page.waitForURL(`${stack.baseUrl}${path}**`),
          page.getByRole("button", { name: "Pay", exact: true }).click(),
        ]);
        await eventually(async () => {
          await page.reload();
          return (await shown(page.locator(".status .badge"))) === "Paid" ? true : undefined;
        }, 10_000);

        // The bank disputes it; days later, Stripe decides.
        const { disputeId } = await stripe().dispute(sessionId, { reason: "fraudulent" });
        await eventually(async () => {
          const [row] = await db()
            .select({ dispute: payments.disputeStatus })
            .from(payments)
            .where(eq(payments.invoiceId, invoiceId));
          return row?.dispute === "needs_response" ? true : undefined;
        }, 15_000);
        await stripe().updateDispute(disputeId, "under_review");
        await stripe().updateDispute(disputeId, outcome as "lost" | "won");

        // The customer's page.
        const status = await eventually(async () => {
          await page.reload();
          const text = plain(await shown(page.locator(".status")));
          return text.startsWith(want.badge) && text.includes(want.balance) ? text : undefined;
        }, 15_000);
        expect(status).toContain(want.balance);
        expect(await page.locator("form[action$='/pay'] button").count()).toBe(want.payNow);
        await screenshot(page, `dispute-${outcome}-customer-phone`);

        // The PDF, as pdftotext reads it.
        const pdf = await fetch(`${stack.baseUrl}${path}/pdf`);
        const text = plain(await popplerText(new Uint8Array(await pdf.arrayBuffer())));
        expect(text).toMatch(new RegExp(`Balance due:? \\${want.balance}`));
        expect(text).toMatch(new RegExp(`Status:? ${want.badge}\\b`));

        // The owner API.
        const { key } = await makeApiKey(db(), { businessId });
        const api = await fetch(`${stack.baseUrl}/api/v1/invoices/${invoiceId}`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        const answer = (await api.json()) as Record<string, unknown> & {
          payments: { dispute: { status: string } | null }[];
        };
        expect(answer).toMatchObject(want.api);
        expect(answer.payments.map((p) => p.dispute?.status)).toEqual([outcome]);
      } finally {
        await customer.close();
      }

      // The owner app's detail page.
      const appBase = stack.baseUrl.replace("127.0.0.1", "localhost");
      const session = await newSession(db(), {
        businessId,
        passkeyId: "pk_e2e",
        clientKind: "phone",
        now: new Date(),
      });
      await session.insert;
      const owner = await newContext(browser(), "small-phone");
      try {
        await owner.addCookies([
          {
            name: "owner_session",
            value: session.token,
            url: `${appBase}/app`,
            httpOnly: true,
            secure: true,
            sameSite: "Lax",
          },
        ]);
        const page = await owner.newPage();
        await page.goto(`${appBase}/app/invoices/${invoiceId}`);
        expect(await shown(page.locator("h1 .badge"))).toBe(want.badge);
        const totals = (await page.locator(".totals tr").allInnerTexts()).map(plain);
        expect(totals).toContain(`Balance due ${want.balance}`);
        if (want.takenBack) expect(totals).toContain(want.takenBack);
        else expect(totals.join("\n")).not.toContain("Taken back");
        const main = plain(await shown(page.locator("main")));
        expect(main).toContain(want.payment);
        expect(main).toContain("Payment disputed by the customer's bank");
        expect(main).toContain(want.timeline);
        // The dispute's words under the payment wrap within the card at 320 px.
        expect(await horizontalOverflow(page)).toMatchObject({ offenders: [] });
        await screenshot(page, `dispute-${outcome}-owner-small-phone`);
      } finally {
        await owner.close();
      }
    });
  }
});
