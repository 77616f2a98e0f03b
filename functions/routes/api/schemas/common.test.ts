import { describe, expect, it } from "vitest";
import { currencyCode, hasUnprintable, hexColor, localeTag, thousandths, timeZone } from "./common";

describe("thousandths", () => {
  const quantity = thousandths({ min: 0, minExclusive: true, max: 1_000_000 });

  it("parses decimal strings and JSON numbers exactly", () => {
    expect(quantity.parse("1.5")).toBe(1500);
    expect(quantity.parse(1.5)).toBe(1500);
    expect(quantity.parse("8.875")).toBe(8875);
    expect(quantity.parse(" 2 ")).toBe(2000);
    expect(quantity.parse(0.001)).toBe(1);
    expect(quantity.parse("1000")).toBe(1_000_000);
  });

  it("refuses negatives, zero here, too many places, exponents and text", () => {
    for (const bad of ["-1", -0.5, "0", "1.2345", 1e-7, "1e3", "abc", "", "1.", "0x10", "1001"]) {
      expect(quantity.safeParse(bad).success, String(bad)).toBe(false);
    }
    expect(quantity.safeParse("-1").error?.issues[0]?.message).toBe("must not be negative");
  });
});

describe("text and codes", () => {
  it("finds control characters and broken surrogates, allowing line breaks only where asked", () => {
    expect(hasUnprintable("Zoë 🌿 Łódź", false)).toBe(false);
    expect(hasUnprintable("a\nb", false)).toBe(true);
    expect(hasUnprintable("a\r\nb\tc", true)).toBe(false);
    expect(hasUnprintable("a\u0000b", true)).toBe(true);
    expect(hasUnprintable("\ud83d", true)).toBe(true);
    expect(hasUnprintable("\ude00x", true)).toBe(true);
  });

  it("normalises currencies, locales and colours", () => {
    expect(currencyCode.parse("usd")).toBe("USD");
    expect(currencyCode.safeParse("XYZ").success).toBe(false);
    expect(localeTag.parse("es-mx")).toBe("es-MX");
    expect(localeTag.safeParse("not a locale").success).toBe(false);
    expect(hexColor.parse("#ABC")).toBe("#aabbcc");
    expect(hexColor.safeParse("rgb(0,0,0)").success).toBe(false);
    expect(timeZone.parse("America/Chicago")).toBe("America/Chicago");
    expect(timeZone.safeParse("Mars/Olympus").success).toBe(false);
  });
});

describe("timeZone", () => {
  it("accepts IANA names, UTC included, links and Etc zones too", () => {
    for (const zone of ["UTC", "Etc/UTC", "America/Chicago", "Asia/Kolkata", "Asia/Calcutta"]) {
      expect(timeZone.safeParse(zone).success, zone).toBe(true);
    }
    expect(timeZone.safeParse("Etc/GMT+5").success).toBe(true);
  });

  it("refuses fixed offsets, which Intl also takes, and names Intl does not know", () => {
    for (const zone of ["+05:00", "-08:00", "-0800", "+05", "+14:00", "\u221205:00"]) {
      const result = timeZone.safeParse(zone);
      expect(
        result.error?.issues.map((i) => i.message),
        zone,
      ).toEqual(["must be an IANA time zone such as America/Chicago, not a fixed offset"]);
    }
    for (const zone of ["", "Mars/Olympus", "UTC+5", "Z", " UTC"]) {
      const result = timeZone.safeParse(zone);
      expect(
        result.error?.issues.map((i) => i.message),
        JSON.stringify(zone),
      ).toEqual(["must be an IANA time zone such as America/Chicago"]);
    }
  });
});
