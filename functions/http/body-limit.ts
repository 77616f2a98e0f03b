import { createMiddleware } from "hono/factory";
import { AppError } from "./errors";

// Answers that always reach the client. Answering while the client is still sending its body (a
// 413 as soon as Content-Length says too much, a 401 before the body is looked at) lets the
// runtime drop the connection under the writer, which then, now and then, gets no answer at all
// ("Network connection lost" under `wrangler dev`). So a body is always read to its end before
// the answer goes out: the limit reads and discards what is past it, and drainUnreadBody reads
// whatever a handler left unread. A body beyond DRAIN_BYTES is not worth reading and is answered
// at once.

/** How much of an oversized body is read (and dropped) so that the 413 can be delivered. */
export const DRAIN_BYTES = 16 * 1024 * 1024;

function readable(maxBytes: number): string {
  return maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
}

/**
 * Reads the stream: its bytes when they fit in `maxBytes`; otherwise reads on, dropping them, up
 * to DRAIN_BYTES in all, and returns null.
 */
async function readWithin(body: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size <= maxBytes) chunks.push(value);
    if (size > DRAIN_BYTES) {
      await reader.cancel();
      break;
    }
  }
  if (size > maxBytes) return null;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function declaredLength(request: Request): number {
  return Number(request.headers.get("Content-Length") ?? Number.NaN);
}

/** Reads the rest of a request body nobody read (up to DRAIN_BYTES), after the handler ran. */
export function drainUnreadBody() {
  return createMiddleware(async (c, next) => {
    const request = c.req.raw;
    await next();
    if (!request.body || request.bodyUsed || declaredLength(request) > DRAIN_BYTES) return;
    try {
      await readWithin(request.body, 0);
    } catch {
      // The client went away: there is nobody left to answer.
    }
  });
}

/** Refuses a body over `maxBytes` with a 413 in the one error shape, delivered every time. */
export function limitBody(maxBytes: number) {
  const tooLarge = () =>
    new AppError("payload_too_large", `The request body must be at most ${readable(maxBytes)}`);
  return createMiddleware(async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    // Too much to be worth reading: answered at once (the client may see the connection close).
    if (declaredLength(c.req.raw) > DRAIN_BYTES) throw tooLarge();
    const bytes = await readWithin(body, maxBytes);
    if (!bytes) throw tooLarge();
    // The handler reads the same bytes, now known to fit.
    c.req.raw = new Request(c.req.raw, { body: bytes });
    await next();
  });
}
