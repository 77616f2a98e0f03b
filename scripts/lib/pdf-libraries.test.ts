import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";

// The node test project applies the build's cuts to pdf-lib and fontkit (vitest.config.ts), so
// these read what the Worker ships. The build only warns when an edit no longer matches a
// library's code; these fail instead.

describe("pdf-lib and fontkit as bundled", () => {
  it("refuse a standard PDF font with a clear error, since its metrics are not bundled", async () => {
    const doc = await PDFDocument.create();
    expect(() => doc.embedStandardFont(StandardFonts.Helvetica)).toThrow(
      /standard PDF fonts are not bundled.*Helvetica/,
    );
  });

  it("no longer open WOFF2 files, whose Brotli decoder is not bundled", () => {
    const woff2Header = new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 1, 0, 0]);
    expect(() => fontkit.create(woff2Header)).toThrow(/Unknown font format/);
  });
});
