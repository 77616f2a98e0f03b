import { describe, expect, it } from "vitest";
import { demoLogoPng } from "../../test/fixtures/demo-logo";
import { fetchLogo, loadLogo, MAX_LOGO_BYTES, sniffImage } from "./logo";

const png = new Uint8Array(demoLogoPng("#0e7490"));
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);

const serve =
  (body: Uint8Array | string, init: ResponseInit = {}) =>
  async () =>
    new Response(body as BodyInit, init);

describe("sniffImage", () => {
  it("knows PNG and JPEG by their signatures, and nothing else", () => {
    expect(sniffImage(png)).toBe("png");
    expect(sniffImage(jpeg)).toBe("jpeg");
    expect(sniffImage(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBe(
      null,
    );
    expect(sniffImage(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))).toBe(null);
    expect(sniffImage(new Uint8Array())).toBe(null);
  });
});

describe("loadLogo", () => {
  it("uses the stored bytes for our own logo path", async () => {
    const logo = await loadLogo("/logos/logo_a", { id: "logo_a", bytes: png });
    expect(logo?.kind).toBe("png");
  });

  it("uses nothing when the stored row is missing or for another id", async () => {
    expect(await loadLogo("/logos/logo_a", null)).toBeNull();
    expect(await loadLogo("/logos/logo_a", { id: "logo_b", bytes: png })).toBeNull();
    expect(await loadLogo(null, { id: "logo_a", bytes: png })).toBeNull();
  });

  it("fetches an https logo", async () => {
    const logo = await loadLogo("https://cdn.example/logo.png", null, serve(png));
    expect(logo).toEqual({ kind: "png", bytes: png });
  });
});

describe("fetchLogo", () => {
  it("refuses anything but https", async () => {
    let called = false;
    const fetcher = async () => {
      called = true;
      return new Response(png);
    };
    expect(await fetchLogo("http://cdn.example/logo.png", fetcher)).toBeNull();
    expect(called).toBe(false);
  });

  it("refuses a logo that an https address redirects to plain http", async () => {
    const downgraded = async () => {
      const response = new Response(png);
      Object.defineProperties(response, {
        redirected: { value: true },
        url: { value: "http://cdn.example/logo.png" },
      });
      return response;
    };
    expect(await fetchLogo("https://x.example/l.png", downgraded)).toBeNull();
  });

  it("omits the logo on an error status, a network error or a non-image body", async () => {
    expect(await fetchLogo("https://x.example/l.png", serve(png, { status: 404 }))).toBeNull();
    const failing = async () => {
      throw new TypeError("fetch failed");
    };
    expect(await fetchLogo("https://x.example/l.png", failing)).toBeNull();
    expect(await fetchLogo("https://x.example/l.png", serve("<html>"))).toBeNull();
  });

  it("omits a logo larger than the cap, declared or streamed", async () => {
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(png.subarray(0, 8));
    expect(await fetchLogo("https://x.example/l.png", serve(big))).toBeNull();
    const declared = serve(png, { headers: { "Content-Length": String(MAX_LOGO_BYTES + 1) } });
    expect(await fetchLogo("https://x.example/l.png", declared)).toBeNull();
  });

  it("gives up on a slow server", async () => {
    const slow = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      });
    const started = Date.now();
    expect(await fetchLogo("https://x.example/l.png", slow, 50)).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
