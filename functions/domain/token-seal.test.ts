import { describe, expect, it } from "vitest";
import { openToken, sealToken } from "./token-seal";

const secret = "k".repeat(32);

describe("token sealing", () => {
  it("round-trips a token and never stores it in the clear", async () => {
    const sealed = await sealToken(secret, "AbCdEfGhIjKlMnOpQrStUv");
    expect(sealed).not.toContain("AbCdEfGhIjKlMnOpQrStUv");
    expect(await openToken(secret, sealed)).toBe("AbCdEfGhIjKlMnOpQrStUv");
  });

  it("opens nothing under another secret or from damaged input", async () => {
    const sealed = await sealToken(secret, "AbCdEfGhIjKlMnOpQrStUv");
    expect(await openToken("z".repeat(32), sealed)).toBeNull();
    expect(await openToken(secret, "garbage")).toBeNull();
    expect(await openToken(secret, `${sealed.slice(0, -4)}AAAA`)).toBeNull();
  });
});
