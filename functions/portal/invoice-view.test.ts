import { describe, expect, it } from "vitest";
import { pdfView } from "../../test/support/pdf-fixtures";

describe("buildInvoiceView", () => {
  it("declares the language its labels are written in, not only the locale's", () => {
    // A German-locale invoice has English labels (no German catalogue): lang="de" would make
    // screen readers read the English page with German pronunciation.
    for (const [locale, lang] of [
      ["de-DE", "en"],
      ["ar-KW", "en"],
      ["es-MX", "es"],
      ["en-GB", "en"],
    ]) {
      const view = pdfView({ invoice: { locale } });
      expect(view.lang, locale).toBe(lang);
      expect(view.locale, locale).toBe(locale);
    }
  });

  it("isolates a percent label a business typed inside the sentence around the amount", () => {
    const view = pdfView({
      invoice: {
        amountMode: "percent",
        percentRate: 50_000,
        percentBase: 400_000,
        percentLabel: "\u202edeposit",
      },
    });
    // Without the isolate, the override would also reverse "of $4,000.00" after the label.
    expect(view.amountDescription).toBe("50% \u2068\u202edeposit\u2069 of $4,000.00");
  });
});
