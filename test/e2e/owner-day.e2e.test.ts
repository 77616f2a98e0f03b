import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { businesses, invoices } from "../../db/schema";
import { createSetupLink, setupUrl } from "../../functions/owners/setup-links";
import {
  addAuthenticator,
  browserSuite,
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

// The owner's day on a phone: set up a passkey from a one-time link, sign out and in again,
// write an invoice, send it and text it, watch the customer look at it, replace its link and
// record the payment. WebAuthn needs a host name, so the app is opened on localhost.

browserSuite("the owner's day", () => {
  const browser = useBrowser();
  const db = useDb();

  it("registers a passkey, signs in, invoices, texts, sees the view, renews the link and is paid", async () => {
    const appBase = stack.baseUrl.replace("127.0.0.1", "localhost");
    const [business] = await db()
      .select({ id: businesses.id })
      .from(businesses)
      .where(eq(businesses.name, "Greenleaf Landscaping"));
    if (!business) throw new Error("Demo business missing");
    const { token } = await createSetupLink(db(), { businessId: business.id, now: new Date() });

    const context = await newContext(browser(), "phone");
    const page = await context.newPage();
    await addAuthenticator(context, page);
    try {
      // The one-time setup link registers the passkey and signs in.
      await page.goto(setupUrl(appBase, token));
      await page.fill("#f-name", "Dana's phone");
      await page.click("text=Create passkey");
      await page.waitForURL(`${appBase}/app`);
      expect(await shown(page.locator(".brand"))).toBe("Greenleaf Landscaping");

      // The link works once.
      const again = await fetch(setupUrl(appBase, token));
      expect(again.status).toBe(410);

      // Sign out, then back in with the passkey.
      await page.click("text=Sign out");
      await page.waitForURL(`${appBase}/app/sign-in`);
      await page.goto(`${appBase}/app`);
      await page.waitForURL(`${appBase}/app/sign-in`);
      await page.click("text=Sign in with a passkey");
      await page.waitForURL(`${appBase}/app`);

      // A new invoice: three items, tax and a discount.
      await page.click("text=New invoice");
      await page.waitForURL(`${appBase}/app/invoices/new`);
      const number = await page.inputValue("#f-number");
      expect(number).toMatch(/\d$/);
      await page.fill("#f-customer_name", "Dana Whitfield");
      await page.fill("#f-customer_phone", "+1 (555) 010-0199");
      const items = [
        ["Lawn mowing", "2", "45.00"],
        ["Hedge trimming", "1.5", "60.00"],
        ["Green waste removal", "1", "35.50"],
      ];
      for (const [i, [description, quantity, price]] of items.entries()) {
        await page.fill(`#f-item_description-${i}`, description ?? "");
        await page.fill(`#f-item_quantity-${i}`, quantity ?? "");
        await page.fill(`#f-item_unit_price-${i}`, price ?? "");
      }
      await page.fill("#f-tax_rate", "8.25");
      await page.selectOption("#f-discount_kind", "percent");
      await page.fill("#f-discount_value", "10");
      // (90 + 90 + 35.50) = 215.50; −10% = 193.95; +8.25% tax = 209.95 (the server's sum).
      await eventually(async () =>
        (await shown(page.locator("#live-total"))).includes("$209.95") ? true : undefined,
      );
      expect(await horizontalOverflow(page)).toMatchObject({ offenders: [] });
      await screenshot(page, "owner-new-invoice-phone");
      await page.click("button:has-text('Save')");
      await page.waitForURL(/\/app\/invoices\/inv_[\w-]+\?done=created$/);
      const detailUrl = page.url().replace(/\?.*$/, "");
      expect(plain(await shown(page.locator("main")))).toContain("Total $209.95");
      expect(await shown(page.locator("h1 .badge"))).toBe("Draft");

      // Send, then text it: the sms: link carries the number and the ready message.
      await page.click("button:has-text('Send')");
      await page.waitForURL(/\?done=sent$/);
      const sms = await page.locator("a:has-text('Text to customer')").getAttribute("href");
      const match = /^sms:(\+\d+)\?&body=(.+)$/.exec(sms ?? "");
      expect(match?.[1]).toBe("+15550100199");
      const body = decodeURIComponent(match?.[2] ?? "");
      const customerUrl = await shown(page.locator(".link-box"));
      expect(body).toBe(
        `Hi Dana, here is your invoice ${number} from Greenleaf Landscaping: ${customerUrl}`,
      );
      expect(customerUrl).toMatch(/\/p\/[\w-]{22}$/);
      await screenshot(page, "owner-detail-sent-phone");

      // The customer opens the link on their own phone.
      const customer = await newContext(browser(), "phone");
      try {
        const customerPage = await customer.newPage();
        await customerPage.goto(customerUrl);
        expect(plain(await shown(customerPage.locator("body")))).toContain(number);
        await eventually(async () => {
          const [row] = await db()
            .select({ at: invoices.firstViewedAt })
            .from(invoices)
            .where(eq(invoices.id, detailUrl.split("/").pop() ?? ""));
          return row?.at ?? undefined;
        });
      } finally {
        await customer.close();
      }

      // The owner's list shows the Viewed badge; the detail says when.
      await page.goto(`${appBase}/app`);
      const row = page.locator(".rows li", { hasText: number });
      expect(plain(await shown(row))).toContain("Viewed");
      await screenshot(page, "owner-list-phone");
      await row.locator("a").click();
      expect(plain(await shown(page.locator("main")))).toMatch(
        /Customer viewed on \w{3} \d{1,2}, \d{4}/,
      );

      // New Link: the old link shows the revoked page at once.
      await page.click("summary:has-text('New Link')");
      await page.click("button:has-text('Confirm: New Link')");
      await page.waitForURL(/\?done=link_renewed$/);
      const newUrl = await shown(page.locator(".link-box"));
      expect(newUrl).not.toBe(customerUrl);
      const old = await fetch(customerUrl);
      expect(old.status).toBe(410);
      expect(await old.text()).toContain("This link is no longer active");

      // Cash for the whole balance: Paid.
      await page.click("summary:has-text('Record payment')");
      await page.fill("#f-amount", "209.95");
      await page.selectOption("#f-method", "cash");
      await page.click("form[action$='/payments'] button[type=submit]");
      await page.waitForURL(/\?done=payment_recorded$/);
      expect(await shown(page.locator("h1 .badge"))).toBe("Paid");
      expect(await horizontalOverflow(page)).toMatchObject({ offenders: [] });
      await screenshot(page, "owner-detail-paid-phone");

      // A full page of the list (25 rows) fits the first round trip of a slow connection.
      for (let i = 0; i < 25; i++) {
        await db()
          .insert(invoices)
          .values({
            id: `inv_size${i}`,
            businessId: business.id,
            number: `SZ-${1000 + i}`,
            customerName: `Alexandra Montgomery-Fitzgerald ${i}`,
            customerEmail: `alexandra.${i}@example.com`,
            issueDate: "2026-11-01",
            dueDate: "2026-11-30",
            currency: "USD",
            locale: "en-US",
            amountMode: "fixed",
            fixedAmount: 123_456 + i,
            status: "sent",
          });
      }
      const list = await context.request.get(`${appBase}/app`);
      const html = await list.body();
      expect((html.toString().match(/class="num"/g) ?? []).length).toBe(25);
      expect(gzipSync(html).length).toBeLessThanOrEqual(14 * 1024);
    } finally {
      await context.close();
    }
  });
});
