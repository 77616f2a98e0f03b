import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { invoiceSnapshots } from "../../db/schema";
import {
  allShown,
  browserSuite,
  createInvoice,
  expectedView,
  horizontalOverflow,
  linkFor,
  openPage,
  plain,
  screenshot,
  shown,
  useBrowser,
  useDb,
  type ViewportName,
} from "./support";

// The invoice page as a customer sees it on a phone and on desktop: what is shown, that nothing
// is ever wider than the screen, that text a business typed stays text, and that the page works
// without JavaScript.

/** The hostile strings a business (or whoever holds its API key) could type. */
const SCRIPT = "<script>window.__pwned = 1</script>";
const IMG = `<img src=x onerror="window.__pwned = 1">`;
const RTL = "\u202Efdp.exe\u202C invoice\u202E ni gnirts desrever";
const EMOJI = "🔧🚿💧 👩🏽‍🔧 family 👨‍👩‍👧‍👦 flags 🇲🇽🇬🇷";
const UNBROKEN = "W".repeat(10_000);

async function expectNoOverflow(page: Page, label: string) {
  const overflow = await horizontalOverflow(page);
  expect(overflow.offenders, `${label}: elements past the right edge`).toEqual([]);
  expect(overflow.scrollWidth, `${label}: page wider than the viewport`).toBeLessThanOrEqual(
    overflow.innerWidth,
  );
}

browserSuite("invoice page", () => {
  const browser = useBrowser();
  const db = useDb();

  it("shows the business, number, line items and total of a seeded invoice", async () => {
    const path = linkFor("ZM-1042");
    const view = await expectedView(db(), path);
    for (const viewport of ["phone", "desktop"] as ViewportName[]) {
      const { context, page, status } = await openPage(browser(), path, viewport);
      try {
        expect(status).toBe(200);
        expect(await shown(page.locator("h1"))).toBe(view.business.name);
        expect(await page.locator("h1").isVisible()).toBe(true);
        expect(plain(await shown(page.locator("header .eyebrow")))).toBe(`Invoice ${view.number}`);
        const descriptions = page.locator("td.desc > bdi");
        expect(await allShown(descriptions)).toEqual(view.lines.map((l) => l.description));
        for (const [index, line] of view.lines.entries()) {
          const row = page.locator("tbody tr").nth(index);
          expect(await row.isVisible()).toBe(true);
          expect(plain(await shown(row.locator("td.num").last()))).toBe(plain(line.amount));
        }
        const total = page.locator(".totals tr.total td");
        expect(await total.isVisible()).toBe(true);
        expect(plain(await shown(total))).toBe(plain(view.total.amount));
        expect(await page.getByRole("link", { name: "Download PDF" }).isVisible()).toBe(true);
        await screenshot(page, `invoice-ZM-1042-${viewport}`);
      } finally {
        await context.close();
      }
    }
  });

  it("never overflows horizontally at 320 and 390 px, 20-line Spanish invoice included", async () => {
    for (const number of ["ZM-1042", "ZM-1043", "ZM-1044", "ZM-1045", "GL-2001", "GL-2003"]) {
      for (const viewport of ["small-phone", "phone"] as ViewportName[]) {
        const { context, page } = await openPage(browser(), linkFor(number), viewport);
        try {
          await expectNoOverflow(page, `${number} at ${viewport}`);
          if (number === "ZM-1045") {
            expect(await page.locator("td.desc").count()).toBe(20);
            expect(await page.locator("html").getAttribute("lang")).toBe("es");
            await screenshot(page, `invoice-ZM-1045-${viewport}`);
          }
        } finally {
          await context.close();
        }
      }
    }
  });

  it("shows a hostile invoice as plain text: no script runs, nothing overflows", async () => {
    const { path } = await createInvoice(db(), {
      business: "pro",
      number: `HX-1 ${SCRIPT} ${RTL}`,
      values: {
        customerName: `${IMG} ${RTL}`,
        notes: `${SCRIPT}\n${IMG}\n${RTL}\n${EMOJI}\n${"x".repeat(3_000)}`,
        terms: `</bdi></p></main>${SCRIPT}`,
      },
      items: [
        { description: `${SCRIPT} ${IMG}`, quantity: 2000, unitPrice: 2500 },
        { description: RTL, quantity: 1500, unitPrice: 999_999_999 },
        { description: EMOJI, quantity: 1000, unitPrice: 1 },
        { description: UNBROKEN, quantity: 1000, unitPrice: 100 },
      ],
    });
    for (const viewport of ["small-phone", "phone", "desktop"] as ViewportName[]) {
      const { context, page, status } = await openPage(browser(), path, viewport);
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      try {
        expect(status).toBe(200);
        expect(await page.evaluate(() => "__pwned" in window)).toBe(false);
        expect(dialogs).toEqual([]);
        // The only script is the page's own view beacon.
        const scripts = await page.evaluate(() =>
          Array.from(document.scripts).map((s) => s.textContent ?? ""),
        );
        expect(scripts).toHaveLength(1);
        expect(scripts[0]).not.toContain("__pwned");
        expect(await page.locator("img").count()).toBe(1); // the business logo only
        const text = await shown(page.locator("body"));
        expect(text).toContain(SCRIPT);
        expect(text).toContain(IMG);
        expect(text).toContain(EMOJI);
        expect(text).toContain(UNBROKEN);
        // Direction overrides stay isolated inside the text that carries them.
        const isolated = await page.evaluate(
          (rtl) =>
            Array.from(document.querySelectorAll("bdi")).filter((e) => e.textContent?.includes(rtl))
              .length,
          RTL,
        );
        expect(isolated).toBeGreaterThanOrEqual(2);
        // The title and preview metadata cannot isolate: they carry no direction controls.
        const head = [
          await page.title(),
          await page.locator('meta[property="og:title"]').getAttribute("content"),
        ].join(" ");
        expect(head).toContain("HX-1");
        expect(head).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
        await expectNoOverflow(page, `hostile invoice at ${viewport}`);
        // The 10,000-character line makes the full page very tall: keep the top of it.
        await screenshot(page, `invoice-hostile-${viewport}`, false);
      } finally {
        await context.close();
      }
    }
  });

  it("wraps an unbroken business name and invoice number in the header at 320 px", async () => {
    const { invoiceId, path } = await createInvoice(db(), {
      business: "pro",
      number: `N${"0".repeat(120)}`,
      items: [{ description: "Service", quantity: 1000, unitPrice: 100 }],
    });
    // The header shows the send-time snapshot, so the long name goes there.
    await db()
      .update(invoiceSnapshots)
      .set({ businessName: "W".repeat(300) })
      .where(eq(invoiceSnapshots.invoiceId, invoiceId));
    for (const viewport of ["small-phone", "phone"] as ViewportName[]) {
      const { context, page } = await openPage(browser(), path, viewport);
      try {
        await expectNoOverflow(page, `long header at ${viewport}`);
      } finally {
        await context.close();
      }
    }
  });

  it("is usable with JavaScript disabled", async () => {
    const path = linkFor("ZM-1042");
    const view = await expectedView(db(), path);
    const { context, page, status } = await openPage(browser(), path, "phone", {
      javaScriptEnabled: false,
    });
    try {
      expect(status).toBe(200);
      expect(await shown(page.locator("h1"))).toBe(view.business.name);
      expect(await page.locator("td.desc").count()).toBe(view.lines.length);
      expect(plain(await shown(page.locator(".totals tr.total td")))).toBe(
        plain(view.total.amount),
      );
      const pdf = page.getByRole("link", { name: "Download PDF" });
      expect(await pdf.isVisible()).toBe(true);
      expect(await pdf.getAttribute("href")).toBe(`${path}/pdf`);
      await expectNoOverflow(page, "no JavaScript");
      await screenshot(page, "invoice-ZM-1042-no-js");
    } finally {
      await context.close();
    }
  });
});
