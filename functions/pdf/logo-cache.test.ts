import { inflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFRawStream, type PDFRef } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { demoLogoPng } from "../../test/fixtures/demo-logo";
import { embedPngCached, LOGO_CACHE_ENTRIES } from "./logo-cache";

// The kept logo must be exactly what pdf-lib would embed for those bytes, and never another
// business's: a cache hit is only for the same file, whatever buffer it arrives in.

async function pixels(embed: (doc: PDFDocument) => Promise<{ ref: PDFRef }>) {
  const doc = await PDFDocument.create();
  const { ref } = await embed(doc);
  await doc.flush();
  const object = doc.context.lookup(ref);
  if (!(object instanceof PDFRawStream)) throw new Error("expected an image stream");
  const filtered = object.dict.get(PDFName.of("Filter")) !== undefined;
  return Buffer.from(filtered ? inflateSync(object.contents) : object.contents).toString("hex");
}

const logo = (color: string) => new Uint8Array(demoLogoPng(color));

describe("embedPngCached", () => {
  it("embeds the same pixels as pdf-lib, per logo, on a miss and on a hit", async () => {
    const teal = await pixels((doc) => doc.embedPng(logo("#0e7490")));
    const green = await pixels((doc) => doc.embedPng(logo("#3f7d20")));
    expect(teal).not.toBe(green);
    for (let round = 0; round < 2; round++) {
      // A fresh buffer every time, as each request reads the logo from the database anew.
      expect(await pixels((doc) => embedPngCached(doc, logo("#0e7490")))).toBe(teal);
      expect(await pixels((doc) => embedPngCached(doc, logo("#3f7d20")))).toBe(green);
    }
  });

  it("still gives the right logo after more logos than it keeps have passed through", async () => {
    const first = await pixels((doc) => doc.embedPng(logo("#000001")));
    for (let i = 0; i <= LOGO_CACHE_ENTRIES + 1; i++) {
      const color = `#0000${(i + 2).toString(16).padStart(2, "0")}`;
      await pixels((doc) => embedPngCached(doc, logo(color)));
    }
    expect(await pixels((doc) => embedPngCached(doc, logo("#000001")))).toBe(first);
  });
});
