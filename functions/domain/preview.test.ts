import { describe, expect, it } from "vitest";
import { signPreview, verifyPreview } from "./preview";

const secret = "s".repeat(32);
const now = new Date("2026-11-25T12:00:00Z");
const later = new Date("2026-11-26T12:00:00Z");

describe("owner preview signatures", () => {
  it("verifies its own signature for the same link before expiry", async () => {
    const value = await signPreview(secret, "lnk_a", later);
    expect(await verifyPreview(secret, "lnk_a", value, now)).toBe(true);
  });

  it("rejects another link, another secret, expiry and garbage", async () => {
    const value = await signPreview(secret, "lnk_a", later);
    expect(await verifyPreview(secret, "lnk_b", value, now)).toBe(false);
    expect(await verifyPreview("t".repeat(32), "lnk_a", value, now)).toBe(false);
    expect(await verifyPreview(secret, "lnk_a", value, new Date("2026-11-27T00:00:00Z"))).toBe(
      false,
    );
    expect(await verifyPreview(secret, "lnk_a", "1.abc", now)).toBe(false);
    expect(await verifyPreview(secret, "lnk_a", undefined, now)).toBe(false);
  });
});
