// Logos are accepted as PNG or JPEG only, and the bytes must say so too: a file named
// logo.png that is really HTML or SVG is refused, so nothing active is ever served as a logo.

export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return bytes.length > signature.length && signature.every((b, i) => bytes[i] === b);
}

/** The image type the bytes really are, or null when they are neither PNG nor JPEG. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  return null;
}
