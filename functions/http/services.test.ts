import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { jsonPageRenderer, TEST_SIGNING_SECRET } from "../../test/support/test-app";
import { createApp } from "../app";

// A database URL that passes the schema but that the libSQL client refuses (an unsupported
// query parameter, a fragment) is a configuration mistake: it must be reported by name, not
// taken for a database that is down.

const app = createApp({ renderPage: jsonPageRenderer });
const env = {
  PUBLIC_BASE_URL: "https://portal.test",
  SIGNING_SECRET: TEST_SIGNING_SECRET,
};

beforeAll(() => {
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterAll(() => vi.restoreAllMocks());

describe("services", () => {
  it.each([
    ["an unsupported query parameter", "libsql://db.example.turso.io?foo=1"],
    ["a fragment", "libsql://db.example.turso.io#main"],
    ["?tls=0 without a port", "libsql://db.example.turso.io?tls=0"],
  ])("reports a database URL with %s as bad_environment naming it", async (_name, url) => {
    const res = await app.request(
      "/api/v1/invoices",
      { headers: { Authorization: `Bearer sk_portal_${"a".repeat(32)}` } },
      { ...env, TURSO_DATABASE_URL: url },
    );
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_environment");
    expect(body.error.message).toContain("TURSO_DATABASE_URL");
  });

  it("answers a secret link with the privacy headers even when a binding is bad", async () => {
    const res = await app.request(
      "/p/AAAAAAAAAAAAAAAAAAAAAA",
      {},
      { ...env, TURSO_DATABASE_URL: "" },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Robots-Tag")).toContain("noindex");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  });
});
