import { eq } from "drizzle-orm";
import type { BrowserContext } from "playwright-core";
import { expect, it } from "vitest";
import { businesses, invoices } from "../../db/schema";
import { newSession } from "../../functions/owners/sessions";
import { seriousViolations } from "./axe";
import {
  browserSuite,
  horizontalOverflow,
  newContext,
  screenshot,
  shown,
  smallTargets,
  stack,
  useBrowser,
  useDb,
  type ViewportName,
} from "./support";

// Every owner page, signed in as the demo Pro business: no serious axe finding, nothing wider
// than a 320 px phone, touch targets of at least 44 px, and the labels in the browser's language.

const appBase = () => stack.baseUrl.replace("127.0.0.1", "localhost");

async function signedInContext(
  browser: Parameters<typeof newContext>[0],
  viewport: ViewportName,
  businessId: string,
  db: Parameters<typeof newSession>[0],
  locale = "en-US",
): Promise<BrowserContext> {
  const session = await newSession(db, {
    businessId,
    passkeyId: "pk_e2e",
    clientKind: "phone",
    now: new Date(),
  });
  await session.insert;
  const context = await newContext(browser, viewport, { bypassCSP: true, locale });
  await context.addCookies([
    {
      name: "owner_session",
      value: session.token,
      url: `${appBase()}/app`,
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
    },
  ]);
  return context;
}

browserSuite("owner pages", () => {
  const browser = useBrowser();
  const db = useDb();

  // One test per width: each walks every page once, so neither comes near the time limit.
  it.each(["small-phone", "desktop"] as const)(
    "pass axe, fit 320 px and have 44 px targets (%s)",
    async (viewport) => {
      const [business] = await db()
        .select({ id: businesses.id })
        .from(businesses)
        .where(eq(businesses.name, "Zoë Müller Plumbing & Heating"));
      if (!business) throw new Error("Demo business missing");
      const [invoice] = await db()
        .select({ id: invoices.id })
        .from(invoices)
        .where(eq(invoices.number, "ZM-1042"));
      const pages = [
        ["list", "/app"],
        ["detail", `/app/invoices/${invoice?.id}`],
        ["qr", `/app/invoices/${invoice?.id}/qr`],
        ["new-invoice", "/app/invoices/new"],
        ["settings", "/app/settings"],
        ["payments", "/app/settings/payments"],
        ["keys", "/app/keys"],
        ["devices", "/app/devices"],
        ["sign-in", "/app/sign-in"],
      ] as const;
      const context = await signedInContext(browser(), viewport, business.id, db());
      try {
        const page = await context.newPage();
        for (const [name, path] of pages) {
          const response = await page.goto(`${appBase()}${path}`);
          expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
          expect({ name, violations: await seriousViolations(page) }).toEqual({
            name,
            violations: [],
          });
          if (viewport === "small-phone") {
            expect({ name, overflow: (await horizontalOverflow(page)).offenders }).toEqual({
              name,
              overflow: [],
            });
            expect({ name, small: await smallTargets(page) }).toEqual({ name, small: [] });
          }
          await screenshot(page, `owner-${name}-${viewport}`);
        }
      } finally {
        await context.close();
      }
    },
  );

  it("offer Text a reminder on the overdue invoice, in its list row and on its detail", async () => {
    const [business] = await db()
      .select({ id: businesses.id })
      .from(businesses)
      .where(eq(businesses.name, "Zoë Müller Plumbing & Heating"));
    const [overdue] = await db()
      .select({ id: invoices.id })
      .from(invoices)
      .where(eq(invoices.number, "ZM-1043"));
    if (!business || !overdue) throw new Error("Demo data missing");
    const context = await signedInContext(browser(), "small-phone", business.id, db());
    try {
      const page = await context.newPage();
      for (const [name, path] of [
        ["list-overdue", "/app?filter=overdue"],
        ["detail-overdue", `/app/invoices/${overdue.id}`],
      ] as const) {
        await page.goto(`${appBase()}${path}`);
        const reminder = page.getByRole("link", { name: "Text a reminder" });
        expect(await reminder.count()).toBeGreaterThan(0);
        const href = (await reminder.first().getAttribute("href")) ?? "";
        expect(href).toMatch(/^sms:[+\d]*\?&body=/);
        expect(decodeURIComponent(href.split("?&body=")[1] ?? "")).toContain("ZM-1043");
        expect({ name, violations: await seriousViolations(page) }).toEqual({
          name,
          violations: [],
        });
        expect({ name, overflow: (await horizontalOverflow(page)).offenders }).toEqual({
          name,
          overflow: [],
        });
        expect({ name, small: await smallTargets(page) }).toEqual({ name, small: [] });
        await screenshot(page, `owner-${name}-small-phone`);
      }
      // Not on an invoice that is due but not late.
      const [due] = await db()
        .select({ id: invoices.id })
        .from(invoices)
        .where(eq(invoices.number, "ZM-1042"));
      await page.goto(`${appBase()}/app/invoices/${due?.id}`);
      expect(await page.getByRole("link", { name: "Text a reminder" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("speaks Spanish to a Spanish browser", async () => {
    const [business] = await db()
      .select({ id: businesses.id })
      .from(businesses)
      .where(eq(businesses.name, "Greenleaf Landscaping"));
    if (!business) throw new Error("Demo business missing");
    const context = await signedInContext(browser(), "phone", business.id, db(), "es-MX");
    try {
      const page = await context.newPage();
      await page.goto(`${appBase()}/app`);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      expect(await shown(page.locator("h1"))).toBe("Facturas");
      expect(await shown(page.locator(".actions .btn").first())).toBe("Nueva factura");
      await screenshot(page, "owner-list-es-phone");
    } finally {
      await context.close();
    }
  });
});
