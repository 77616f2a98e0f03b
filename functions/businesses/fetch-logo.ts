import { AppError } from "../http/errors";
import { LOGO_TYPES, type LogoType, sniffImageType } from "./image-type";
import { logoAddressProblem } from "./logo-address";
import { MAX_LOGO_BYTES } from "./set-logo";

// A logo given by URL is fetched once, when the owner sets it, and then stored like an upload:
// invoices keep the image they were sent with however the remote file changes later, and
// nothing is fetched while a page or a PDF is rendered. Every hop of a redirect is checked like
// the first address, so a public URL cannot bounce the fetch to a private or plain-http one.

export type Fetcher = (input: string, init?: RequestInit) => Promise<Response>;

export const LOGO_FETCH_TIMEOUT_MS = 5000;
const MAX_REDIRECTS = 3;

export interface FetchedLogo {
  contentType: LogoType;
  bytes: Uint8Array;
}

function refused(message: string): AppError {
  return new AppError("validation_failed", "The logo could not be taken from that URL", [
    { path: "logo_url", message },
  ]);
}

/** Reads a body up to `limit` bytes; null when it is longer. */
async function readCapped(response: Response, limit: number): Promise<Uint8Array | null> {
  if (Number(response.headers.get("Content-Length") ?? "0") > limit || !response.body) {
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

/** Follows at most a few redirects by hand, checking each address before it is fetched. */
async function fetchChecked(url: string, fetcher: Fetcher, signal: AbortSignal) {
  let address = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const problem = logoAddressProblem(address);
    if (problem) throw refused(hop === 0 ? problem : `redirects to an address that ${problem}`);
    const response = await fetcher(address, {
      signal,
      redirect: "manual",
      headers: { Accept: "image/png, image/jpeg" },
    });
    const location = response.headers.get("Location");
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    address = new URL(location, address).href;
  }
  throw refused("redirects too many times");
}

/**
 * Fetches the image at an owner's logo URL and checks it exactly as an upload is checked
 * (PNG or JPEG by its declared type and by its whole structure, at most 512 KB), or throws a
 * 422 naming `logo_url`. Nothing is stored here.
 */
export async function fetchLogo(
  url: string,
  fetcher: Fetcher,
  timeoutMs = LOGO_FETCH_TIMEOUT_MS,
): Promise<FetchedLogo> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetchChecked(url, fetcher, controller.signal);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw refused("could not be fetched");
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw refused(`answered HTTP ${response.status}`);
    }
    const declared = (response.headers.get("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
    if (!LOGO_TYPES.includes(declared.toLowerCase() as LogoType)) {
      await response.body?.cancel();
      throw refused("must be a PNG or JPEG image (image/png or image/jpeg)");
    }
    let bytes: Uint8Array | null;
    try {
      bytes = await readCapped(response, MAX_LOGO_BYTES);
    } catch {
      throw refused("could not be fetched");
    }
    if (!bytes) throw refused("must be at most 512 KB");
    const contentType = sniffImageType(bytes);
    if (contentType !== declared.toLowerCase()) {
      throw refused("must really be a PNG or JPEG image");
    }
    return { contentType, bytes };
  } finally {
    clearTimeout(timer);
  }
}
