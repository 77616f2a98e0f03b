import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import {
  ARTIFACTS,
  browserSuite,
  horizontalOverflow,
  linkFor,
  openPage,
  screenshot,
  stack,
  useBrowser,
  type ViewportName,
} from "./support";

// An invoice in Arabic (ZM-1046): the page is laid out right to left, mirrored (amounts and
// totals on the left, the status badge on the right), never wider than a 320 px screen, and
// its PDF, built by the Worker with fonts read from its static assets, reads back in Arabic.

const run = promisify(execFile);

browserSuite("right-to-left invoice page", () => {
  const browser = useBrowser();

  it("declares Arabic, right to left, and keeps typed text in isolates", async () => {
    const { context, page } = await openPage(browser(), linkFor("ZM-1046"), "phone");
    try {
      const html = page.locator("html");
      expect(await html.getAttribute("lang")).toBe("ar");
      expect(await html.getAttribute("dir")).toBe("rtl");
      expect(await page.locator("dd bdi", { hasText: "محمد الأحمد" }).count()).toBe(1);
      expect(await page.getByRole("link", { name: "تنزيل ملف PDF" }).isVisible()).toBe(true);
      await screenshot(page, "invoice-ZM-1046-phone");
    } finally {
      await context.close();
    }
  });

  it("never overflows sideways at 320 and 390 px", async () => {
    for (const viewport of ["small-phone", "phone"] as ViewportName[]) {
      const { context, page } = await openPage(browser(), linkFor("ZM-1046"), viewport);
      try {
        const overflow = await horizontalOverflow(page);
        expect(overflow.offenders, viewport).toEqual([]);
        expect(overflow.scrollWidth, viewport).toBeLessThanOrEqual(overflow.innerWidth);
        expect(overflow.innerWidth, viewport).toBeLessThanOrEqual(390);
      } finally {
        await context.close();
      }
    }
  });

  it("mirrors the layout: amounts left of descriptions, totals on the left, badge on the right", async () => {
    const { context, page } = await openPage(browser(), linkFor("ZM-1046"), "desktop");
    try {
      const box = async (selector: string) => {
        const found = await page.locator(selector).first().boundingBox();
        if (!found) throw new Error(`${selector} is not shown`);
        return found;
      };
      const description = await box("tbody td.desc");
      const amount = await box("tbody td.num:last-child");
      expect(amount.x + amount.width).toBeLessThanOrEqual(description.x + 1);
      const main = await box("main");
      const totals = await box("table.totals");
      expect(Math.abs(totals.x - main.x)).toBeLessThan(2);
      expect(totals.x + totals.width).toBeLessThan(main.x + main.width - 50);
      const status = await box("section.status");
      const badge = await box("section.status .badge");
      expect(status.x + status.width - (badge.x + badge.width)).toBeLessThan(status.width / 2);
      expect(badge.x - status.x).toBeGreaterThan(status.width / 2);
      await screenshot(page, "invoice-ZM-1046-desktop");
    } finally {
      await context.close();
    }
  });

  it("serves its PDF with the Arabic drawn and read back in reading order", async () => {
    const response = await fetch(`${stack.baseUrl}${linkFor("ZM-1046")}/pdf`);
    expect(response.status).toBe(200);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}/ZM-1046.pdf`;
    writeFileSync(file, new Uint8Array(await response.arrayBuffer()));
    const { stdout } = await run("pdftotext", ["-enc", "UTF-8", file, "-"]);
    const text = stdout.replace(/[\u202a-\u202e]/g, "");
    for (const words of ["محمد الأحمد", "الرصيد المستحق", "زيارة طارئة لإصلاح تسرب المياه"]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain("\ufffd");
  });
});
