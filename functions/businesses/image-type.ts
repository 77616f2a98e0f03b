import { imageFacts } from "../domain/image-structure";

// Logos are accepted as PNG or JPEG only, and the bytes must say so too: a file named
// logo.png that is really HTML or SVG is refused, so nothing active is ever served as a logo.
// The file's structure is read whole (not just its first bytes), so a PNG signature followed by
// something else, or a cut-off upload, is refused before invoices show a broken image.

export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** The image type the bytes really are, or null when they are not a whole PNG or JPEG. */
export function sniffImageType(bytes: Uint8Array): LogoType | null {
  return imageFacts(bytes)?.type ?? null;
}
