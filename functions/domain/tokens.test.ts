import { describe, expect, it } from "vitest";
import { isWellFormedToken, newApiKey, newId, newPortalToken, sha256Hex } from "./tokens";

describe("tokens", () => {
  it("makes 22-character base64url portal tokens that differ every time", () => {
    const tokens = new Set(Array.from({ length: 200 }, newPortalToken));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(isWellFormedToken(token)).toBe(true);
  });

  it("rejects tokens of the wrong shape", () => {
    expect(isWellFormedToken("short")).toBe(false);
    expect(isWellFormedToken(`${"a".repeat(21)}/`)).toBe(false);
    expect(isWellFormedToken("<script>alert(1)</script>")).toBe(false);
  });

  it("hashes with SHA-256 as lowercase hex", async () => {
    expect(await sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("prefixes ids and keys", () => {
    expect(newId("inv")).toMatch(/^inv_[A-Za-z0-9_-]{16}$/);
    expect(newApiKey()).toMatch(/^sk_portal_[A-Za-z0-9_-]{32}$/);
  });
});
