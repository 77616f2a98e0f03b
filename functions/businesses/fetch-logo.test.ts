import { describe, expect, it } from "vitest";
import { sampleJpeg, samplePng } from "../../test/support/image-fixtures";
import { AppError } from "../http/errors";
import { type Fetcher, fetchLogo } from "./fetch-logo";
import { MAX_LOGO_BYTES } from "./set-logo";

// The remote side is a stand-in fetch answering real Responses by address, recording each
// address it was asked for, so a test can say both what was refused and what was never fetched.

type Route = () => Response;

function remote(routes: Record<string, Route>) {
  const asked: string[] = [];
  const fetcher: Fetcher = async (input, init) => {
    asked.push(input);
    expect(init?.redirect).toBe("manual");
    const route = routes[input];
    if (!route) throw new TypeError("fetch failed");
    return route();
  };
  return { fetcher, asked };
}

const image =
  (bytes: Uint8Array | string, type = "image/png", init: ResponseInit = {}) =>
  () =>
    new Response(bytes as BodyInit, {
      ...init,
      headers: { "Content-Type": type, ...(init.headers as Record<string, string>) },
    });
const redirect = (location: string) => () =>
  new Response(null, { status: 302, headers: { Location: location } });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(422);
  expect(appError.details?.[0]?.path).toBe("logo_url");
  return appError.details?.[0]?.message ?? "";
}

describe("fetchLogo", () => {
  it("takes a PNG or JPEG from a public https address", async () => {
    const png = samplePng();
    const jpeg = sampleJpeg();
    const { fetcher } = remote({
      "https://cdn.example.com/logo.png": image(png, "image/png; charset=binary"),
      "https://cdn.example.com/logo.jpg": image(jpeg, "image/jpeg"),
    });
    expect(await fetchLogo("https://cdn.example.com/logo.png", fetcher)).toEqual({
      contentType: "image/png",
      bytes: png,
    });
    expect((await fetchLogo("https://cdn.example.com/logo.jpg", fetcher)).contentType).toBe(
      "image/jpeg",
    );
  });

  it("never fetches a blocked address", async () => {
    const { fetcher, asked } = remote({});
    for (const url of [
      "https://127.0.0.1:9/logo.png",
      "https://169.254.169.254/latest/meta-data/",
      "https://localhost./logo.png",
      "http://cdn.example.com/logo.png",
    ]) {
      await refusal(fetchLogo(url, fetcher));
    }
    expect(asked).toEqual([]);
  });

  it("checks every redirect hop and never follows one to a blocked address", async () => {
    const png = samplePng();
    const { fetcher, asked } = remote({
      "https://a.example.com/logo.png": redirect("/moved.png"),
      "https://a.example.com/moved.png": redirect("https://b.example.com/logo.png"),
      "https://b.example.com/logo.png": image(png),
      "https://evil.example.com/1": redirect("https://169.254.169.254/latest/"),
      "https://evil.example.com/2": redirect("http://cdn.example.com/logo.png"),
      "https://evil.example.com/3": redirect("https://[::1]/logo.png"),
      "https://loop.example.com/": redirect("https://loop.example.com/"),
    });
    expect((await fetchLogo("https://a.example.com/logo.png", fetcher)).bytes).toEqual(png);
    expect(await refusal(fetchLogo("https://evil.example.com/1", fetcher))).toMatch(/redirects/);
    expect(await refusal(fetchLogo("https://evil.example.com/2", fetcher))).toMatch(/https/);
    expect(await refusal(fetchLogo("https://evil.example.com/3", fetcher))).toMatch(/IP/);
    expect(await refusal(fetchLogo("https://loop.example.com/", fetcher))).toMatch(/too many/);
    expect(asked.filter((url) => !url.includes("example.com"))).toEqual([]);
  });

  it("checks size and type exactly as an upload is checked", async () => {
    const png = samplePng();
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(png.subarray(0, 8));
    const lookalike = new Uint8Array([...png.subarray(0, 8), ...new TextEncoder().encode("<p>")]);
    const { fetcher } = remote({
      "https://x.example.com/html": image("<html></html>", "text/html"),
      "https://x.example.com/svg": image("<svg/>", "image/svg+xml"),
      "https://x.example.com/lie": image(png, "image/jpeg"),
      "https://x.example.com/lookalike": image(lookalike),
      "https://x.example.com/big": image(big),
      "https://x.example.com/declared-big": image(png, "image/png", {
        headers: { "Content-Length": String(MAX_LOGO_BYTES + 1) },
      }),
      "https://x.example.com/missing": image("", "image/png", { status: 404 }),
    });
    const message = (path: string) => refusal(fetchLogo(`https://x.example.com/${path}`, fetcher));
    expect(await message("html")).toMatch(/PNG or JPEG/);
    expect(await message("svg")).toMatch(/PNG or JPEG/);
    expect(await message("lie")).toMatch(/really/);
    expect(await message("lookalike")).toMatch(/really/);
    expect(await message("big")).toMatch(/512 KB/);
    expect(await message("declared-big")).toMatch(/512 KB/);
    expect(await message("missing")).toMatch(/404/);
    expect(await message("unreachable")).toMatch(/could not be fetched/);
  });

  it("gives up on a server that never answers", async () => {
    const silent: Fetcher = (_url, init) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new Error("aborted")));
      });
    expect(await refusal(fetchLogo("https://slow.example.com/l.png", silent, 20))).toMatch(
      /could not be fetched/,
    );
  });
});
