import { describe, expect, it } from "vitest";
import { checkoutLocale } from "./checkout-locale";

describe("checkoutLocale", () => {
  it.each([
    ["en-US", "en"],
    ["en-GB", "en-GB"],
    ["en-AU", "en"],
    ["es-ES", "es"],
    ["es", "es"],
    ["es-MX", "es-419"],
    ["es-419", "es-419"],
    ["es-US", "es-419"],
    ["fr-CA", "fr-CA"],
    ["fr-BE", "fr"],
    ["pt-BR", "pt-BR"],
    ["pt-PT", "pt"],
    ["de-AT", "de"],
    ["zh-CN", "zh"],
    ["zh-Hant", "zh-TW"],
    ["zh-HK", "zh-HK"],
    ["nb-NO", "nb"],
    ["no", "nb"],
    ["hi", "hi-IN"],
    ["el-GR", "el"],
    ["pl_PL", "pl"],
    // Every catalogue language: Checkout in the language of the page that sent the customer.
    ["fr-FR", "fr"],
    ["de-DE", "de"],
    ["de-CH", "de"],
    ["pt-BR", "pt-BR"],
  ])("%s → %s", (locale, expected) => {
    expect(checkoutLocale(locale)).toBe(expected);
  });

  it("falls back to auto for languages Checkout does not have, and for junk", () => {
    expect(checkoutLocale("sw-KE")).toBe("auto");
    // Checkout has no Arabic: "auto" lets it follow the customer's browser.
    expect(checkoutLocale("ar-EG")).toBe("auto");
    expect(checkoutLocale("")).toBe("auto");
    expect(checkoutLocale("not a locale!")).toBe("auto");
  });
});
