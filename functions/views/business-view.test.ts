import { describe, expect, it } from "vitest";
import {
  businessView,
  contrastRatio,
  emailHref,
  phoneHref,
  readableOnWhite,
  safeHexColor,
  safeLogoUrl,
  textColorOn,
  websiteHref,
} from "./business-view";

describe("business view sanitising", () => {
  it("accepts only hex colours", () => {
    expect(safeHexColor("#FFAA00", "#000000")).toBe("#ffaa00");
    expect(safeHexColor("#fa0", "#000000")).toBe("#ffaa00");
    expect(safeHexColor("red;}</style><script>", "#000000")).toBe("#000000");
    expect(safeHexColor("url(javascript:x)", "#123456")).toBe("#123456");
  });

  it("keeps AA contrast for button text on any brand colour", () => {
    for (const color of ["#ffff00", "#000000", "#1f4fd1", "#777777", "#ff5a5f", "#00ff00"]) {
      expect(contrastRatio(color, textColorOn(color))).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("darkens a pale accent until it reads on white", () => {
    const accent = readableOnWhite("#ffff66");
    expect(contrastRatio(accent, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(readableOnWhite("#0f172a")).toBe("#0f172a");
  });

  it("builds safe contact links", () => {
    expect(phoneHref("(555) 010-2030")).toBe("tel:5550102030");
    expect(phoneHref("+44 20 7946 0958")).toBe("tel:+442079460958");
    expect(phoneHref("call us")).toBeNull();
    // An extension is not part of the number to dial: its digits would make a different one.
    expect(phoneHref("(510) 555-0142 ext. 12")).toBe("tel:5105550142");
    expect(phoneHref("+1 510 555 0142 x7")).toBe("tel:+15105550142");
    expect(phoneHref("510-555-0142 #3")).toBe("tel:5105550142");
    expect(emailHref("owner@example.com")).toBe("mailto:owner@example.com");
    expect(emailHref('x@y"><script>')).toBeNull();
    expect(websiteHref("example.com")).toBe("https://example.com/");
    expect(websiteHref("javascript:alert(1)")).toBeNull();
  });

  it("shows logos only from our storage, never a remote address", () => {
    expect(safeLogoUrl("/logos/logo_abc")).toBe("/logos/logo_abc");
    expect(safeLogoUrl("https://cdn.example.com/l.png")).toBeNull();
    expect(safeLogoUrl("/logos/../api")).toBeNull();
    expect(safeLogoUrl("http://insecure.example.com/l.png")).toBeNull();
    expect(safeLogoUrl("data:image/svg+xml,<svg onload=alert(1)>")).toBeNull();
  });

  it("splits the address into lines and falls back on bad colours", () => {
    const view = businessView({
      businessName: "Zoë's Plumbing",
      address: "1 Main St\r\n\nŁódź 90-001\n",
      phone: "",
      email: "",
      website: "",
      logoUrl: null,
      brandColor: "nope",
      accentColor: "#ABCDEF",
    });
    expect(view.addressLines).toEqual(["1 Main St", "Łódź 90-001"]);
    expect(view.brandColor).toBe("#1f4fd1");
    expect(view.onBrandColor).toBe("#ffffff");
  });
});
