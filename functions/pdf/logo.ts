// The logo on the PDF. A stored logo (`/logos/<id>`) arrives with the invoice's own database
// read; an https logo is fetched, briefly: a slow or huge or odd image costs the customer
// their download, so after 1.5 s, past 500 KB, or for anything but PNG or JPEG the PDF simply
// has no logo. The bytes are checked by their signature, never by the declared content type.

export interface LogoImage {
  kind: "png" | "jpeg";
  bytes: Uint8Array;
}

export const MAX_LOGO_BYTES = 500 * 1024;
export const LOGO_TIMEOUT_MS = 1500;

type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

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

/** Reads a body up to `limit` bytes; null when it is longer. */
async function readCapped(response: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get("Content-Length") ?? "0");
  if (declared > limit || !response.body) {
    await response.body?.cancel();
    return null;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Fetches an https logo; null on any failure, so the PDF is made without it. */
export async function fetchLogo(
  url: string,
  fetcher: Fetcher = fetch,
  timeoutMs = LOGO_TIMEOUT_MS,
): Promise<LogoImage | null> {
  if (!url.startsWith("https://")) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetcher(url, {
      signal: controller.signal,
      headers: { Accept: "image/png, image/jpeg" },
      redirect: "follow",
    });
    // Logos come only over https: a redirect to http would be followed silently otherwise.
    if (!response.ok || (response.redirected && !response.url.startsWith("https://"))) {
      await response.body?.cancel();
      return null;
    }
    return logoImage(await readCapped(response, MAX_LOGO_BYTES));
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The logo for a view's `logoUrl`: the stored bytes for our own path, a fetch for https. */
export async function loadLogo(
  logoUrl: string | null,
  stored: { id: string; bytes: Uint8Array } | null,
  fetcher: Fetcher = fetch,
): Promise<LogoImage | null> {
  if (!logoUrl) return null;
  if (logoUrl.startsWith("/logos/")) {
    return stored && logoUrl === `/logos/${stored.id}` ? logoImage(stored.bytes) : null;
  }
  return fetchLogo(logoUrl, fetcher);
}
