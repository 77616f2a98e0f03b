import { describe, expect, it } from "vitest";
import { MAX_FIELD_CHARS, sanitizeLine, sanitizeText } from "./sanitize";

describe("sanitizeText", () => {
  it("keeps ordinary text in any script as it is", () => {
    const text = "Zoë Müller, Łódź — Ελλάδα, Москва: €12,50 ₹ ₽ ₩ ₺ ₪ ₫ zł";
    expect(sanitizeText(text)).toBe(text);
  });

  it("unifies line breaks and keeps them", () => {
    expect(sanitizeText("one\r\ntwo\rthree\u2028four\u0085five")).toBe(
      "one\ntwo\nthree\nfour\nfive",
    );
  });

  it("keeps blank lines between paragraphs but trims the ends", () => {
    expect(sanitizeText("\n\nfirst  \n\nsecond\n\n")).toBe("first\n\nsecond");
  });

  it("turns tabs into spaces and drops control characters", () => {
    expect(sanitizeText("a\tb\u0000c\u0007d\u001be\u007ff\u009bg")).toBe("a bcdefg");
  });

  it("drops bidi overrides, isolates and marks, so text cannot display reversed", () => {
    expect(sanitizeText("Total \u202e0001\u202c \u2066x\u2069 \u200fy")).toBe("Total 0001 x y");
  });

  it("drops zero-width characters, BOM, soft hyphens and variation selectors", () => {
    expect(sanitizeText("a\u200bb\ufeffc\u00add\u2764\ufe0f")).toBe("abcd\u2764");
  });

  it("composes decomposed accents (NFC)", () => {
    expect(sanitizeText("Zoe\u0308")).toBe("Zoë");
  });

  it("replaces lone surrogates and keeps real pairs", () => {
    expect(sanitizeText("a\ud800b\udc00c 😀")).toBe("a\ufffdb\ufffdc 😀");
  });

  it("caps very long fields", () => {
    const text = sanitizeText("x".repeat(MAX_FIELD_CHARS * 2));
    expect(text.length).toBe(MAX_FIELD_CHARS + 1);
    expect(text.endsWith("…")).toBe(true);
  });

  it("accepts null and undefined", () => {
    expect(sanitizeText(null)).toBe("");
    expect(sanitizeText(undefined)).toBe("");
  });
});

describe("sanitizeLine", () => {
  it("folds line breaks into single spaces", () => {
    expect(sanitizeLine(" Acme\r\n  Plumbing \n")).toBe("Acme Plumbing");
  });
});
