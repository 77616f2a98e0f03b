// The logo on the PDF: only a stored logo (`/logos/<id>`), whose bytes arrive with the
// invoice's own database read. Nothing is fetched while a PDF is made: a logo given by URL is
// fetched once, when the owner sets it, and stored like an upload; a remote URL kept from before
// that gives a PDF without a logo. The bytes are checked by their signature, never by a type.

export interface LogoImage {
  kind: "png" | "jpeg";
  bytes: Uint8Array;
}

export const MAX_LOGO_BYTES = 512 * 1024;

export function sniffImage(bytes: Uint8Array): LogoImage["kind"] | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > png.length && png.every((byte, i) => bytes[i] === byte)) return "png";
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "jpeg";
  }
  return null;
}

export function logoImage(bytes: Uint8Array | null | undefined): LogoImage | null {
  if (!bytes || bytes.length > MAX_LOGO_BYTES) return null;
  const kind = sniffImage(bytes);
  return kind ? { kind, bytes } : null;
}

/** The logo for a view's `logoUrl`: the stored bytes for our own path, else none. */
export function loadLogo(
  logoUrl: string | null,
  stored: { id: string; bytes: Uint8Array } | null,
): LogoImage | null {
  if (!logoUrl?.startsWith("/logos/")) return null;
  return stored && logoUrl === `/logos/${stored.id}` ? logoImage(stored.bytes) : null;
}
