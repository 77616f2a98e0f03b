import { execFile } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ARTIFACTS, browserSuite, linkFor, openPage, stack, useBrowser } from "./support";

// Download PDF from the page, as a customer taps it: the file is a PDF whose text (read back
// with poppler's pdftotext) holds the invoice.

const run = promisify(execFile);

async function pdfText(file: string): Promise<string> {
  try {
    const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        "pdftotext was not found: install poppler-utils (apt-get install poppler-utils)",
      );
    }
    throw error;
  }
}

browserSuite("Download PDF", () => {
  const browser = useBrowser();

  it("downloads a PDF whose text holds the invoice number and business", async () => {
    for (const number of ["ZM-1042", "ZM-1045"]) {
      const { context, page } = await openPage(browser(), linkFor(number), "phone", {
        acceptDownloads: true,
      });
      try {
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.locator('a[href$="/pdf"]').click(),
        ]);
        const file = await download.path();
        const bytes = readFileSync(file);
        expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
        expect(download.suggestedFilename()).toMatch(/\.pdf$/);
        copyFileSync(file, `${ARTIFACTS}/${number}.pdf`);
        const text = await pdfText(file);
        expect(text).toContain(number);
        expect(text).toContain("Zoë Müller Plumbing & Heating");
      } finally {
        await context.close();
      }
    }
  });

  it("answers the PDF with private, unindexed headers", async () => {
    const response = await fetch(`${stack.baseUrl}${linkFor("ZM-1042")}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/pdf/);
    expect(response.headers.get("X-Robots-Tag")).toContain("noindex");
    expect(response.headers.get("Cache-Control")).toContain("private");
    expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
  });
});
