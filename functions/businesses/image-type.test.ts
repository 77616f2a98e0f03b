import { describe, expect, it } from "vitest";
import { demoLogoPng } from "../../test/fixtures/demo-logo";
import { sniffImageType } from "./image-type";

describe("sniffImageType", () => {
  it("knows PNG and JPEG by their first bytes", () => {
    expect(sniffImageType(new Uint8Array(demoLogoPng("#000000")))).toBe("image/png");
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe("image/jpeg");
  });

  it("refuses anything else, however it is named", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    for (const bytes of [
      text("<svg onload=alert(1)>"),
      text("GIF89a...."),
      new Uint8Array([0x89, 0x50]),
      new Uint8Array(),
    ]) {
      expect(sniffImageType(bytes)).toBeNull();
    }
  });
});
