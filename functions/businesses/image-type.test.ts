import { describe, expect, it } from "vitest";
import { demoLogoPng } from "../../test/fixtures/demo-logo";
import { sampleJpeg } from "../../test/support/image-fixtures";
import { sniffImageType } from "./image-type";

describe("sniffImageType", () => {
  it("knows whole PNG and JPEG files", () => {
    expect(sniffImageType(new Uint8Array(demoLogoPng("#000000")))).toBe("image/png");
    expect(sniffImageType(sampleJpeg())).toBe("image/jpeg");
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
