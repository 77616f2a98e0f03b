import { expect, it } from "vitest";
import { makeOwner } from "../support/factories";
import { browserSuite, stack, useDb } from "./support";

// A large body gets its answer every time, over a real connection to the Worker under
// `wrangler dev`. An answer sent before the body was read let the runtime drop the connection
// under the writer, and now and then the client got no answer ("Network connection lost")
// instead of its 413 or 401; so each case is tried many times.

const twoMegabytes = new Uint8Array(2 * 1024 * 1024).fill(0x7b);

/** The status and error code of each of `times` POSTs of the same 2 MB body. */
async function answers(path: string, headers: Record<string, string>, times: number) {
  const seen: string[] = [];
  for (let i = 0; i < times; i++) {
    try {
      const response = await fetch(`${stack.baseUrl}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: twoMegabytes,
      });
      const text = await response.text();
      const code = text.match(/"code":"(\w+)"/)?.[1] ?? text.slice(0, 60);
      seen.push(`${response.status} ${code}`);
    } catch (error) {
      seen.push(`no answer: ${(error as Error).cause ?? error}`);
    }
  }
  return seen;
}

browserSuite("large bodies", () => {
  const db = useDb();

  it("answers a 2 MB unsigned webhook 413 every time", async () => {
    const seen = await answers("/webhooks/stripe", {}, 60);
    expect(seen).toEqual(seen.map(() => "413 payload_too_large"));
  });

  it("answers a 2 MB API body 413 every time, and 401 without a key", async () => {
    const { headers } = await makeOwner(db());
    const tooLarge = await answers("/api/v1/invoices", headers, 30);
    expect(tooLarge).toEqual(tooLarge.map(() => "413 payload_too_large"));
    const noKey = await answers("/api/v1/invoices", {}, 30);
    expect(noKey).toEqual(noKey.map(() => "401 unauthorized"));
  });
});
