import { describe, expect, it, vi } from "vitest";
import { jsonPageRenderer } from "../../test/support/test-app";
import { createApp } from "../app";
import type { RequestLine } from "./request-log";

describe("request log", () => {
  it("names the route pattern of a portal link, never its token", async () => {
    const lines: RequestLine[] = [];
    const app = createApp({ renderPage: jsonPageRenderer, requestLog: (line) => lines.push(line) });
    const token = "SECRETtoken0123456789a";
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // No bindings: a bad_environment error, answered with the "try again" page and logged.
    await app.request(`/p/${token}/pdf`);
    await app.request("/healthz");
    const errorLines = errors.mock.calls.map((call) => String(call[0]));
    errors.mockRestore();
    expect(errorLines).toEqual([expect.stringContaining("GET /p/:token/pdf:")]);
    expect(lines.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: "GET", route: "/p/:token/pdf", status: 503 },
      { method: "GET", route: "/healthz", status: 200 },
    ]);
    expect(JSON.stringify([lines, errorLines])).not.toContain(token);
  });
});
