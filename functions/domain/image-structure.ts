// Reads the structure of a PNG or JPEG file without decoding its pixels: enough to know the
// file is whole and really that kind of image, so a file that only starts like one (a PNG
// signature followed by HTML, a cut-off upload) is refused before it is stored and shown.
// Pure and single-pass: a 512 KB logo is read once, the PNG's CRCs included.

export interface ImageFacts {
  type: "image/png" | "image/jpeg";
  width: number;
  height: number;
}

/**
 * Logos are shown at 56 px and printed at about 2 cm; the pixel cap keeps an image small enough
 * to decode in a Worker's memory (a few MB compress to almost nothing, so size alone is no guard).
 */
export const MAX_IMAGE_SIDE = 4096;
export const MAX_IMAGE_PIXELS = 4096 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function saneSize(width: number, height: number): boolean {
  return (
    width > 0 &&
    height > 0 &&
    width <= MAX_IMAGE_SIDE &&
    height <= MAX_IMAGE_SIDE &&
    width * height <= MAX_IMAGE_PIXELS
  );
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) {
    crc = (crcTable[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// Bit depths each PNG colour type allows (PNG spec, table 11.1).
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

function pngFacts(bytes: Uint8Array): ImageFacts | null {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE.length;
  let size: { width: number; height: number } | null = null;
  let sawData = false;
  for (;;) {
    if (offset + 12 > bytes.length) return null;
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (length > 0x7fffffff || dataEnd + 4 > bytes.length) return null;
    if (!/^[A-Za-z]{4}$/.test(type)) return null;
    if (crc32(bytes, offset + 4, dataEnd) !== view.getUint32(dataEnd)) return null;
    if (size === null) {
      // IHDR comes first and only once: width, height, depth, colour type, then three zeros.
      if (type !== "IHDR" || length !== 13) return null;
      const width = view.getUint32(dataStart);
      const height = view.getUint32(dataStart + 4);
      const depth = bytes[dataStart + 8] as number;
      const colour = bytes[dataStart + 9] as number;
      if (!saneSize(width, height) || !PNG_DEPTHS[colour]?.includes(depth)) return null;
      if (bytes[dataStart + 10] !== 0 || bytes[dataStart + 11] !== 0) return null;
      if ((bytes[dataStart + 12] as number) > 1) return null;
      size = { width, height };
    } else if (type === "IHDR") {
      return null;
    } else if (type === "IDAT") {
      sawData = true;
    } else if (type === "IEND") {
      // The file ends here: nothing may ride along after the image.
      if (length !== 0 || !sawData || dataEnd + 4 !== bytes.length) return null;
      return { type: "image/png", ...size };
    }
    offset = dataEnd + 4;
  }
}

// Start-of-frame markers that carry the image size (all but DHT C4, JPG C8 and DAC CC).
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

function jpegFacts(bytes: Uint8Array): ImageFacts | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  let size: { width: number; height: number } | null = null;
  for (;;) {
    if (bytes[offset] !== 0xff) return null;
    // A marker may be preceded by any number of 0xFF fill bytes.
    while (bytes[offset] === 0xff) offset++;
    if (offset >= bytes.length) return null;
    const marker = bytes[offset++] as number;
    if (marker === 0xd9) {
      // End of image: only padding may follow.
      if (size === null || bytes.subarray(offset).some((b) => b !== 0)) return null;
      return { type: "image/jpeg", ...size };
    }
    if (marker === 0x00 || marker === 0xd8 || isRestart(marker)) return null;
    if (marker === 0x01) continue; // TEM: a marker without a segment.
    if (offset + 2 > bytes.length) return null;
    const length = ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
    const end = offset + length;
    if (length < 2 || end > bytes.length) return null;
    if (SOF.has(marker)) {
      if (size !== null || length < 8) return null;
      const height = ((bytes[offset + 3] as number) << 8) | (bytes[offset + 4] as number);
      const width = ((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number);
      const components = bytes[offset + 7] as number;
      if (!saneSize(width, height) || components < 1 || length !== 8 + 3 * components) {
        return null;
      }
      size = { width, height };
    }
    offset = end;
    if (marker === 0xda) {
      if (size === null) return null;
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a
      // restart marker.
      for (;;) {
        if (offset + 1 >= bytes.length) return null;
        if (bytes[offset] === 0xff) {
          const next = bytes[offset + 1] as number;
          if (next !== 0x00 && next !== 0xff && !isRestart(next)) break;
          offset += next === 0xff ? 1 : 2;
        } else {
          offset++;
        }
      }
    }
  }
}

/** The image's type and size when the bytes are a whole, well-formed PNG or JPEG; else null. */
export function imageFacts(bytes: Uint8Array): ImageFacts | null {
  if (bytes[0] === 0x89) return pngFacts(bytes);
  if (bytes[0] === 0xff) return jpegFacts(bytes);
  return null;
}
