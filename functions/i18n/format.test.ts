import { describe, expect, it } from "vitest";
import {
  calendarDate,
  formatDate,
  formatMoney,
  formatQuantity,
  formatRate,
  isKnownCurrency,
  minorToDecimal,
  safeLocale,
} from "./format";

describe("formatting", () => {
  it("formats money from minor units for the locale and currency", () => {
    expect(formatMoney(400000, "USD", "en-US")).toBe("$4,000.00");
    expect(formatMoney(123456, "EUR", "de-DE")).toBe("1.234,56\u00a0€");
    expect(formatMoney(5000, "JPY", "ja-JP")).toBe("￥5,000");
    expect(formatMoney(-250, "USD", "en-US")).toBe("-$2.50");
  });

  it("keeps large amounts exact", () => {
    expect(minorToDecimal(9007199254740991, 2)).toBe("90071992547409.91");
    expect(formatMoney(9007199254740991, "USD", "en-US")).toBe("$90,071,992,547,409.91");
  });

  it("formats quantities, rates and dates", () => {
    expect(formatQuantity(1500, "en-US")).toBe("1.5");
    expect(formatQuantity(2000, "es-ES")).toBe("2");
    expect(formatRate(8875, "en-US")).toBe("8.875%");
    expect(formatRate(50000, "es-ES")).toBe("50\u00a0%");
    expect(formatDate("2026-11-25", "en-US")).toBe("Nov 25, 2026");
    expect(formatDate("2026-11-25", "es-ES")).toBe("25 nov 2026");
  });

  it("finds the calendar date of an instant in a time zone", () => {
    const instant = new Date("2026-11-25T03:00:00Z");
    expect(calendarDate(instant, "America/Los_Angeles")).toBe("2026-11-24");
    expect(calendarDate(instant, "Not/AZone")).toBe("2026-11-25");
  });

  it("survives bad locales and checks currencies", () => {
    expect(safeLocale("not a locale!!")).toBe("en-US");
    expect(isKnownCurrency("USD")).toBe(true);
    expect(isKnownCurrency("XYZ")).toBe(false);
    expect(isKnownCurrency("usd")).toBe(false);
  });
});
