import { describe, expect, it } from "vitest";
import { acceptedLanguage, fill, languageOf, messagesFor } from "./messages";

describe("message catalogue", () => {
  it("has a Spanish text for every English key, all non-empty and with the same placeholders", () => {
    const en = messagesFor("en-US");
    const es = messagesFor("es-MX");
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key], key).toBeTruthy();
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("falls back to English for unknown languages", () => {
    expect(languageOf("de-DE")).toBe("en");
    expect(languageOf("es")).toBe("es");
    expect(messagesFor("fr").payNow).toBe("Pay now");
  });

  it("treats names of built-in object properties as unknown languages", () => {
    // Accept-Language is whatever the client sends; "constructor" must not find Object's.
    for (const header of ["constructor", "__proto__", "hasOwnProperty", "toString"]) {
      expect(languageOf(header), header).toBe("en");
      expect(messagesFor(header).notFoundTitle, header).toBe("Invoice not found");
    }
  });

  it("picks the language a browser prefers from its whole Accept-Language header", () => {
    expect(acceptedLanguage("es,en-US;q=0.9,en;q=0.8")).toBe("es");
    expect(acceptedLanguage("es-419,es;q=0.9")).toBe("es");
    expect(acceptedLanguage("fr-CH, fr;q=0.9, es;q=0.8, en;q=0.7")).toBe("es");
    expect(acceptedLanguage("en;q=0.5, es;q=0.9")).toBe("es");
    expect(acceptedLanguage("es;q=0, en")).toBe("en");
    expect(acceptedLanguage("de-DE")).toBe("en");
    for (const odd of [undefined, "", "*", ";;;,,", "es;q=abc", "x".repeat(5_000)]) {
      expect(["en", "es"]).toContain(acceptedLanguage(odd));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("Pay {amount} {x}", { amount: "$5.00" })).toBe("Pay $5.00 {x}");
  });
});
