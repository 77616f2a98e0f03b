import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { businesses, stripeEvents } from "../../db/schema";
import { createSetupLink, setupUrl } from "../../functions/owners/setup-links";
import { fakeStripeClient } from "../../tools/fake-stripe/client";
import { makePayableInvoice } from "../support/payment-fixtures";
import { seriousViolations } from "./axe";
import {
  addAuthenticator,
  browserSuite,
  eventually,
  horizontalOverflow,
  newContext,
  plain,
  screenshot,
  shown,
  smallTargets,
  stack,
  useBrowser,
  useDb,
} from "./support";

// Setting up online payments from the owner's phone: the owner signs in with a passkey, starts
// the setup in the app, completes Stripe's (fake) hosted onboarding and comes back to the app.
// The account is ready only once Stripe's account.updated webhook has said so, and the
// customer's page offers Pay Now from then on, not before.
//
// The stack's Worker also has the platform's own Stripe account, which pays a Pro business that
// has no account of its own; so Pay Now is checked absent from the moment the business has its
// own account until Stripe says it can take charges.

browserSuite("setting up online payments", () => {
  const browser = useBrowser();
  const db = useDb();

  beforeAll(async () => {
    await fakeStripeClient(stack.stripe?.apiUrl ?? "").setDeliveryMode({ mode: "in_order" });
  });

  it("goes through Stripe's onboarding, and Pay Now appears only after account.updated", async () => {
    const appBase = stack.baseUrl.replace("127.0.0.1", "localhost");
    const stripe = fakeStripeClient(stack.stripe?.apiUrl ?? "");
    const { business, token } = await makePayableInvoice(db(), {
      signingSecret: stack.signingSecret,
      business: { name: "Harbor Electric" },
    });
    const customerUrl = `${stack.baseUrl}/p/${token}`;
    const { token: setupToken } = await createSetupLink(db(), {
      businessId: business.id,
      now: new Date(),
    });

    const context = await newContext(browser(), "small-phone");
    const customer = await newContext(browser(), "phone");
    const page = await context.newPage();
    const customerPage = await customer.newPage();
    const payNow = customerPage.locator("form[action$='/pay'] button");
    await addAuthenticator(context, page);
    // axe is injected as a script, which the app's CSP refuses: it runs in a second context,
    // signed in with the same cookie, that bypasses CSP (the first keeps it, form-action too).
    const checkPage = async (url: string) => {
      const scan = await newContext(browser(), "small-phone", {
        bypassCSP: true,
        storageState: await context.storageState(),
      });
      try {
        const scanned = await scan.newPage();
        await scanned.goto(url);
        expect(await seriousViolations(scanned)).toEqual([]);
        expect(await horizontalOverflow(scanned)).toMatchObject({ offenders: [] });
        expect(await smallTargets(scanned)).toEqual([]);
      } finally {
        await scan.close();
      }
    };
    try {
      await page.goto(setupUrl(appBase, setupToken));
      await page.fill("#f-name", "Harbor phone");
      await page.click("text=Create passkey");
      await page.waitForURL(`${appBase}/app`);

      // Settings → Online payments.
      await page.click("nav >> text=Settings");
      await page.click("a:has-text('Online payments')");
      await page.waitForURL(`${appBase}/app/settings/payments`);
      expect(plain(await shown(page.locator("main")))).toContain(
        "The money goes to the Stripe account this portal runs on.",
      );

      // Stripe's events wait until the owner is back, so the return page is seen before them.
      await stripe.setWebhookUrl(null);
      await Promise.all([
        page.waitForURL(`${stack.stripe?.apiUrl}/onboarding/**`),
        page.click("button:has-text('Use your own Stripe account')"),
      ]);
      const [row] = await db()
        .select({ account: businesses.stripeAccountId })
        .from(businesses)
        .where(eq(businesses.id, business.id));
      expect(row?.account).toMatch(/^acct_/);
      await customerPage.goto(customerUrl);
      expect(await payNow.count()).toBe(0);

      // Not finished yet: the app lists what Stripe still needs, readably.
      const onboarding = page.url();
      await page.goto(`${appBase}/app/settings/payments`);
      const pending = plain(await shown(page.locator("main")));
      expect(pending).toContain("Stripe still needs a few things");
      expect(pending).toContain("A bank account for payouts");
      await checkPage(page.url());
      await screenshot(page, "owner-payments-pending-small-phone");

      // Back to the same link, finished there: Stripe returns the owner to the app.
      await page.goto(onboarding);
      await Promise.all([
        page.waitForURL(`${appBase}/app/settings/payments/return`),
        page.click("button:has-text('Complete onboarding')"),
      ]);
      expect(await shown(page.locator(".notice"))).toContain("Stripe is confirming your details");
      await customerPage.reload();
      expect(await payNow.count()).toBe(0);
      await screenshot(page, "owner-payments-confirming-small-phone");

      // Stripe's account.updated arrives and is recorded; the account is ready.
      await stripe.setWebhookUrl(`${stack.baseUrl}/webhooks/stripe`);
      const updated = (await stripe.events()).find(
        (e) => e.type === "account.updated" && e.account === row?.account,
      );
      expect(updated?.id).toMatch(/^evt_/);
      await eventually(async () => {
        const seen = await db()
          .select()
          .from(stripeEvents)
          .where(eq(stripeEvents.id, updated?.id ?? ""));
        return seen.length ? true : undefined;
      }, 15_000);
      await page.click("a:has-text('Check again')");
      const ready = plain(await shown(page.locator("main")));
      expect(ready).toContain("Ready: customers can pay online.");
      expect(ready).toContain("Stripe pays the money out to your bank account.");
      await checkPage(page.url());
      await screenshot(page, "owner-payments-ready-small-phone");

      await customerPage.reload();
      expect(await payNow.count()).toBe(1);
      expect(await payNow.isVisible()).toBe(true);
    } finally {
      await stripe.setWebhookUrl(`${stack.baseUrl}/webhooks/stripe`);
      await customer.close();
      await context.close();
    }
  });
});
