import { describe, expect, it } from "vitest";
import {
  acceptedLanguage,
  directionOf,
  fill,
  languageOf,
  messagesFor,
  SUPPORTED_LANGUAGES,
} from "./messages";

describe("message catalogue", () => {
  it("speaks English, Spanish, French, Portuguese, German and Arabic", () => {
    expect([...SUPPORTED_LANGUAGES].sort()).toEqual(["ar", "de", "en", "es", "fr", "pt"]);
  });

  it("has every key in every language, non-empty, with the same placeholders as English", () => {
    const en = messagesFor("en-US");
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of SUPPORTED_LANGUAGES) {
      const messages = messagesFor(language);
      expect(Object.keys(messages).sort(), language).toEqual(Object.keys(en).sort());
      for (const key of Object.keys(en) as (keyof typeof en)[]) {
        expect(messages[key]?.trim(), `${language}.${key}`).toBeTruthy();
        expect(placeholders(messages[key]), `${language}.${key}`).toEqual(placeholders(en[key]));
      }
      // A catalogue copied from English and never translated would pass the checks above.
      if (language !== "en") expect(messages.payNow, language).not.toBe(en.payNow);
    }
  });

  it("picks the catalogue by the locale's language, English for the rest", () => {
    expect(languageOf("de-DE")).toBe("de");
    expect(languageOf("pt-BR")).toBe("pt");
    expect(languageOf("ar-EG")).toBe("ar");
    expect(languageOf("fr_CA")).toBe("fr");
    expect(languageOf("es")).toBe("es");
    expect(languageOf("sw-KE")).toBe("en");
    expect(messagesFor("nl").payNow).toBe("Pay now");
    expect(messagesFor("fr-FR").payNow).toBe("Payer maintenant");
  });

  it("lays Arabic out right to left and every other catalogue left to right", () => {
    expect(directionOf("ar")).toBe("rtl");
    for (const language of ["en", "es", "fr", "pt", "de", "he"]) {
      expect(directionOf(language), language).toBe("ltr");
    }
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
    expect(acceptedLanguage("nl-BE, nl;q=0.9, es;q=0.8, en;q=0.7")).toBe("es");
    expect(acceptedLanguage("fr-CH, fr;q=0.9, es;q=0.8, en;q=0.7")).toBe("fr");
    expect(acceptedLanguage("en;q=0.5, es;q=0.9")).toBe("es");
    expect(acceptedLanguage("es;q=0, en")).toBe("en");
    expect(acceptedLanguage("sv-SE")).toBe("en");
    expect(acceptedLanguage("ar-SA,ar;q=0.9")).toBe("ar");
    for (const odd of [undefined, "", "*", ";;;,,", "es;q=abc", "x".repeat(5_000)]) {
      expect(SUPPORTED_LANGUAGES).toContain(acceptedLanguage(odd));
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fill("Pay {amount} {x}", { amount: "$5.00" })).toBe("Pay $5.00 {x}");
  });
});
