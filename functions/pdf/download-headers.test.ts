import { describe, expect, it } from "vitest";
import {
  asciiFileName,
  contentDisposition,
  matchesIfNoneMatch,
  PDF_FORMAT_VERSION,
  pdfEtag,
} from "./download-headers";

describe("contentDisposition", () => {
  it("names the file after the invoice number", () => {
    expect(contentDisposition("ZM-1042")).toBe(
      "attachment; filename=\"Invoice-ZM-1042.pdf\"; filename*=UTF-8''Invoice-ZM-1042.pdf",
    );
  });

  it("gives an ASCII fallback and the exact name in RFC 5987 form", () => {
    const header = contentDisposition("Łódź/2026 №7");
    expect(header).toContain('filename="Invoice-Lodz-2026-No7.pdf"');
    expect(header).toContain(`filename*=UTF-8''${encodeURIComponent("Invoice-Łódź-2026 №7.pdf")}`);
  });

  it("never lets quotes, separators, control characters or header breaks through", () => {
    const header = contentDisposition('a"b\\c\r\nSet-Cookie: x=1;\u0000../../etc');
    for (const char of ["\r", "\n", "\u0000"]) expect(header).not.toContain(char);
    const fallback = /filename="([^"]*)"/.exec(header)?.[1] ?? "";
    expect(fallback).toMatch(/^Invoice-[A-Za-z0-9._-]+\.pdf$/);
    const exact = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? "");
    expect(exact).not.toMatch(/["\\/\r\n]/);
    expect(/filename\*=UTF-8''([^;\s]*)$/.test(header)).toBe(true);
  });

  it("falls back to Invoice.pdf when nothing usable is left", () => {
    expect(contentDisposition("")).toContain('filename="Invoice.pdf"');
    expect(contentDisposition("中文")).toContain('filename="Invoice.pdf"');
    expect(contentDisposition("中文")).toContain(`''${encodeURIComponent("Invoice-中文.pdf")}`);
  });

  it("keeps file names short", () => {
    expect(asciiFileName("x".repeat(500)).length).toBe(80);
  });
});

describe("ETag", () => {
  it("is weak, stable for one version and different for another", async () => {
    const a = await pdfEtag("inv_1.1.due.0.0");
    expect(a).toMatch(new RegExp(`^W/"pdf${PDF_FORMAT_VERSION}-[0-9a-f]{32}"$`));
    expect(await pdfEtag("inv_1.1.due.0.0")).toBe(a);
    expect(await pdfEtag("inv_1.2.due.0.0")).not.toBe(a);
    expect(a).not.toContain("inv_1");
  });

  it("matches If-None-Match weakly, in lists and for *", () => {
    const tag = 'W/"pdf1-abc"';
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch('"pdf1-abc"', tag)).toBe(true);
    expect(matchesIfNoneMatch('"x", W/"pdf1-abc"', tag)).toBe(true);
    expect(matchesIfNoneMatch("*", tag)).toBe(true);
    expect(matchesIfNoneMatch('W/"pdf1-abd"', tag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
  });
});
