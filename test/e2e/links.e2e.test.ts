import { expect, it } from "vitest";
import { sendInvoice } from "../../functions/invoices/send-invoice";
import {
  browserSuite,
  createInvoice,
  linkFor,
  openPage,
  screenshot,
  shown,
  stack,
  useBrowser,
  useDb,
  type ViewportName,
} from "./support";

// Links that do not open an invoice: a revoked link tells the customer how to reach the
// business for a new one; an unknown link says nothing about what exists.

browserSuite("revoked and unknown links", () => {
  const browser = useBrowser();
  const db = useDb();

  it("shows the revoked page with the business's phone for a revoked link", async () => {
    const revoked = stack.links.find((l) => l.revoked);
    expect(revoked?.number).toBe("GL-2002");
    for (const viewport of ["phone", "desktop"] as ViewportName[]) {
      const { context, page, status } = await openPage(browser(), linkFor("GL-2002"), viewport);
      try {
        expect(status).toBe(410);
        expect(await shown(page.locator("h1"))).toBe("This link is no longer active");
        expect(await shown(page.locator("main"))).toContain("GL-2002");
        const call = page.locator('a[href^="tel:"]');
        expect(await call.isVisible()).toBe(true);
        expect(await shown(call)).toContain("+1 503 555 0199");
        expect(await call.getAttribute("href")).toBe("tel:+15035550199");
        expect(await shown(page.locator("address"))).toContain("Greenleaf Landscaping");
        // Nothing of the invoice itself: no amounts, no PDF, no beacon.
        expect(await page.locator("table, .amount, a[href$='/pdf'], script").count()).toBe(0);
        await screenshot(page, `revoked-${viewport}`);
      } finally {
        await context.close();
      }
    }
  });

  it("answers Pay on a revoked or replaced link with the same 410 page as opening it", async () => {
    const created = await createInvoice(db(), {
      business: "pro",
      number: "ZM-LINK-410",
      items: [{ description: "Boiler service", quantity: 1, unitPrice: 12_000 }],
    });
    await sendInvoice(db(), {
      businessId: created.businessId,
      invoiceId: created.invoiceId,
      newLink: true,
      signingSecret: stack.signingSecret,
      now: new Date(),
    });
    // The main content, without the per-answer nonce, is what the customer sees.
    const mainOf = (html: string) =>
      (html.match(/<main[\s\S]*<\/main>/)?.[0] ?? "").replace(/nonce="[^"]*"/g, "");
    for (const path of [linkFor("GL-2002"), created.path]) {
      const opened = await fetch(`${stack.baseUrl}${path}`);
      const paid = await fetch(`${stack.baseUrl}${path}/pay`, {
        method: "POST",
        redirect: "manual",
      });
      const [openedHtml, paidHtml] = [await opened.text(), await paid.text()];
      expect([opened.status, paid.status], path).toEqual([410, 410]);
      expect(mainOf(openedHtml), path).toContain("This link is no longer active");
      expect(mainOf(paidHtml), path).toBe(mainOf(openedHtml));
      expect(paid.headers.get("Content-Type"), path).toMatch(/^text\/html/);
    }
  });

  it("shows the 404 page for an unknown or malformed link, revealing nothing", async () => {
    for (const path of ["/p/AAAAAAAAAAAAAAAAAAAAAA", "/p/not-a-token", "/no/such/page"]) {
      const { context, page, status } = await openPage(browser(), path, "phone");
      try {
        expect(status, path).toBe(404);
        const text = await shown(page.locator("body"));
        expect(text).toMatch(/not found/i);
        for (const secret of ["Greenleaf", "Zoë", "GL-", "ZM-", "$"]) {
          expect(text, `${path} mentions ${secret}`).not.toContain(secret);
        }
        if (path === "/p/AAAAAAAAAAAAAAAAAAAAAA") await screenshot(page, "not-found-phone");
      } finally {
        await context.close();
      }
    }
  });

  it("words every not-found page from the catalogue, in the browser's language", async () => {
    for (const path of ["/no/such/page", "/p/AAAAAAAAAAAAAAAAAAAAAA"]) {
      const res = await fetch(`${stack.baseUrl}${path}`, {
        headers: { "Accept-Language": "es-MX,es;q=0.9,en;q=0.8" },
      });
      expect(res.status, path).toBe(404);
      const html = await res.text();
      expect(html, path).toContain('lang="es"');
      expect(html, path).toContain("no encontrada");
      expect(html, path).not.toMatch(/not found/i);
    }
  });
});
