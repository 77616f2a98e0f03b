import { describe, expect, it } from "vitest";
import { progressiveJpeg, sampleJpeg, samplePng } from "../../test/support/image-fixtures";
import { imageFacts, MAX_IMAGE_SIDE } from "./image-structure";

const text = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A PNG chunk with a correct length and CRC, so only the part under test is wrong. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(text(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number, depth = 8, colour = 6): Uint8Array {
  const data = new Uint8Array(13);
  const view = new DataView(data.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  data.set([depth, colour, 0, 0, 0], 8);
  return chunk("IHDR", data);
}

/** The sample PNG's chunks, so a test can rebuild it with one part changed. */
function pngParts(png: Uint8Array) {
  const view = new DataView(png.buffer, png.byteOffset);
  const parts: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const end = at + 12 + view.getUint32(at);
    parts.push(png.slice(at, end));
    at = end;
  }
  return parts;
}

describe("imageFacts", () => {
  it("reads the type and size of whole PNG and JPEG files", () => {
    expect(imageFacts(samplePng())).toEqual({ type: "image/png", width: 48, height: 48 });
    expect(imageFacts(sampleJpeg())).toEqual({ type: "image/jpeg", width: 12, height: 8 });
    expect(imageFacts(progressiveJpeg())).toEqual({ type: "image/jpeg", width: 12, height: 8 });
  });

  it("refuses a PNG signature followed by something else", () => {
    for (const tail of ["<html><body>hi</body></html>", "", "\0\0\0\rIHDR"]) {
      expect(imageFacts(join(SIGNATURE, text(tail))), tail).toBeNull();
    }
  });

  it("refuses a PNG whose chunks do not hold together", () => {
    const png = samplePng();
    const [header, data, end] = pngParts(png) as [Uint8Array, Uint8Array, Uint8Array];
    const flipped = png.slice();
    flipped[40] = (flipped[40] as number) ^ 0xff; // inside IDAT: its CRC no longer matches
    const cases: [string, Uint8Array][] = [
      ["a changed byte", flipped],
      ["cut short", png.subarray(0, png.length - 20)],
      ["no IEND", join(SIGNATURE, header, data)],
      ["HTML after IEND", join(png, text("<script>alert(1)</script>"))],
      ["IDAT before IHDR", join(SIGNATURE, data, header, end)],
      ["two IHDR", join(SIGNATURE, header, header, data, end)],
      ["no image data", join(SIGNATURE, header, end)],
      ["a length past the end", join(SIGNATURE, header, new Uint8Array([0x7f, 0, 0, 0]), data)],
      ["zero width", join(SIGNATURE, ihdr(0, 10), data, end)],
      ["too wide", join(SIGNATURE, ihdr(MAX_IMAGE_SIDE + 1, 10), data, end)],
      ["too many pixels", join(SIGNATURE, ihdr(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE), data, end)],
      ["a depth its colour type forbids", join(SIGNATURE, ihdr(10, 10, 4, 6), data, end)],
      ["an unknown colour type", join(SIGNATURE, ihdr(10, 10, 8, 5), data, end)],
    ];
    for (const [label, bytes] of cases) expect(imageFacts(bytes), label).toBeNull();
    // The same parts in the right order are accepted, so each refusal is the change's doing.
    expect(imageFacts(join(SIGNATURE, ihdr(10, 10), data, end))).toMatchObject({ width: 10 });
  });

  it("refuses a JPEG that is not whole", () => {
    const jpeg = sampleJpeg();
    const sof = jpeg.findIndex((b, i) => b === 0xff && jpeg[i + 1] === 0xc0);
    const noSize = jpeg.slice();
    noSize.set([0, 0], sof + 7); // width 0
    const withoutSof = join(jpeg.subarray(0, sof), jpeg.subarray(sof + 2 + 17));
    const cases: [string, Uint8Array][] = [
      ["a JPEG start followed by HTML", join(new Uint8Array([0xff, 0xd8, 0xff]), text("<html>"))],
      ["cut short", jpeg.subarray(0, jpeg.length - 10)],
      ["no end marker", jpeg.subarray(0, jpeg.length - 2)],
      ["HTML after the end", join(jpeg, text("<html>"))],
      ["zero width", noSize],
      ["no frame header", withoutSof],
      ["a segment longer than the file", join(jpeg.subarray(0, 4), new Uint8Array([0xff, 0xff]))],
      ["just the start marker", new Uint8Array([0xff, 0xd8])],
    ];
    for (const [label, bytes] of cases) expect(imageFacts(bytes), label).toBeNull();
    expect(imageFacts(join(jpeg, new Uint8Array(4)))).toMatchObject({ width: 12 });
  });

  it("refuses anything that is neither", () => {
    for (const bytes of [text("<svg onload=alert(1)>"), text("GIF89a...."), new Uint8Array()]) {
      expect(imageFacts(bytes)).toBeNull();
    }
  });
});
