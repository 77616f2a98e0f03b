import { describe, expect, it } from "vitest";
import { demoLogoPng } from "../../test/fixtures/demo-logo";
import { loadLogo, MAX_LOGO_BYTES, sniffImage } from "./logo";

const png = new Uint8Array(demoLogoPng("#0e7490"));
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

describe("sniffImage", () => {
  it("knows PNG and JPEG by their signatures, and nothing else", () => {
    expect(sniffImage(png)).toBe("png");
    expect(sniffImage(jpeg)).toBe("jpeg");
    expect(sniffImage(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBe(
      null,
    );
    expect(sniffImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBe(null);
    expect(sniffImage(new Uint8Array())).toBe(null);
  });
});

describe("loadLogo", () => {
  it("uses the stored bytes for our own logo path", () => {
    const logo = loadLogo("/logos/logo_a", { id: "logo_a", bytes: png });
    expect(logo?.kind).toBe("png");
  });

  it("has no logo without the matching stored bytes", () => {
    expect(loadLogo("/logos/logo_a", null)).toBeNull();
    expect(loadLogo("/logos/logo_a", { id: "logo_b", bytes: png })).toBeNull();
    expect(loadLogo(null, { id: "logo_a", bytes: png })).toBeNull();
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(png.subarray(0, 8));
    expect(loadLogo("/logos/logo_a", { id: "logo_a", bytes: big })).toBeNull();
  });

  it("has no logo for a remote address kept from before logos were stored", () => {
    expect(loadLogo("https://cdn.example/logo.png", { id: "logo_a", bytes: png })).toBeNull();
  });
});
