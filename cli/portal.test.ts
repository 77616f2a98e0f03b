import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeInvoice } from "../test/support/factories";
import { serveApp } from "../test/support/serve-app";
import { startTestApp, type TestApp } from "../test/support/test-app";
import { main } from "./main";

// The CLI against the real app over HTTP: the worked example of docs/api.md, step by step.

let t: TestApp;
let served: { url: string; close(): Promise<void> };
beforeAll(async () => {
  t = await startTestApp();
  served = await serveApp(t);
});
afterAll(async () => {
  await served.close();
  await t.close();
});

const EXAMPLE = fileURLToPath(new URL("./examples/invoice.json", import.meta.url));
const PHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148";

async function portal(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    env: { PORTAL_API_URL: served.url, TURSO_DATABASE_URL: t.env.TURSO_DATABASE_URL, ...env },
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    timeZone: "UTC",
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("npm run portal", () => {
  it("bootstrap → create → send → viewed → new-link → revoke → pay", async () => {
    const boot = await portal(["bootstrap", "--name", "Greenleaf Landscaping"]);
    expect(boot.code, boot.stderr).toBe(0);
    const key = /export PORTAL_API_KEY=(sk_portal_\S+)/.exec(boot.stdout)?.[1] ?? "";
    expect(key).not.toBe("");
    const run = (...argv: string[]) => portal(argv, { PORTAL_API_KEY: key });

    const set = await run("business", "set", "--color", "#3f7d20", "--phone", "+1 503 555 0199");
    expect(set.stdout).toContain("brand #3f7d20");

    const created = await run("create", EXAMPLE);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created draft GL-2001 \(inv_[\w-]+\), total \$/);

    const sent = await run("send", "GL-2001");
    expect(sent.code, sent.stderr).toBe(0);
    const url = /Link: (https:\/\/portal\.test\/p\/\S+)/.exec(sent.stdout)?.[1] ?? "";
    expect(sent.stdout).toContain(
      `Hi Sam, here is your invoice GL-2001 from Greenleaf Landscaping: ${url}`,
    );
    expect((await run("status", "GL-2001")).stdout).toContain("Not viewed yet");

    // The customer opens the link on a phone; the page's beacon records the view.
    const token = new URL(url).pathname.split("/").pop();
    await t.request(`/p/${token}/seen`, { method: "POST", headers: { "User-Agent": PHONE } });
    const status = await run("status", "GL-2001");
    expect(status.stdout).toContain("Customer viewed on Nov 25, 2026");
    expect(status.stdout).toMatch(/Views: +1/);

    const rotated = await run("new-link", "GL-2001");
    expect(rotated.stdout).toContain("A new link is active.");
    expect(rotated.stdout).not.toContain(url);
    expect((await t.request(`/p/${token}`)).status).toBe(410);

    expect((await run("revoke", "GL-2001")).stdout).toContain("The link is turned off.");
    expect((await run("status", "GL-2001")).stdout).toMatch(/Link: +No active link/);

    const pay = await run("pay", "GL-2001", "--amount", "10.00", "--method", "cash");
    expect(pay.code, pay.stderr).toBe(0);
    expect(pay.stdout).toContain("Recorded $10.00.");

    const list = await run("list", "--viewed");
    expect(list.stdout).toMatch(/GL-2001 +Sam Rivera +Partly paid .* Viewed/);
    const timeline = await run("timeline", "GL-2001");
    expect(timeline.stdout.split("\n").map((l) => l.replace(/^.*? [AP]M {2}/, ""))).toEqual([
      "Created",
      "Sent",
      "Link issued",
      "Viewed by the customer (phone)",
      "Link turned off (rotated)",
      "Link issued",
      "Link turned off (revoked)",
      "Payment received (cash)",
    ]);

    const json = await run("status", "GL-2001", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ number: "GL-2001", view_count: 1, link: null });
  });

  it("reports API errors and bad usage with non-zero exit codes", async () => {
    const boot = await portal(["bootstrap", "--name", "Errors Inc", "--json"]);
    const key = JSON.parse(boot.stdout).api_key as string;
    const run = (...argv: string[]) => portal(argv, { PORTAL_API_KEY: key });

    await run("create", EXAMPLE);
    await run("void", "GL-2001");
    const send = await run("send", "GL-2001");
    expect(send.code).toBe(1);
    expect(send.stderr).toBe("Error: A void invoice cannot be sent (invoice_void, HTTP 409)");

    expect((await run("status", "NOPE-1")).code).toBe(2);
    expect((await run("send")).code).toBe(2);
    expect((await run("pay", "GL-2001", "--amount", "1.234", "--method", "cash")).stderr).toContain(
      "at most 2 decimal places",
    );
    const unauthorized = await portal(["business"], {
      PORTAL_API_KEY: "sk_portal_wrongwrongwrongwrongwrong",
    });
    expect([unauthorized.code, unauthorized.stderr]).toEqual([
      1,
      "Error: This API key is not valid (unauthorized, HTTP 401)\nCheck --key or PORTAL_API_KEY (bootstrap prints a key).",
    ]);
    const down = await portal(["business", "--api", "http://127.0.0.1:9"], { PORTAL_API_KEY: key });
    expect([down.code, down.stderr]).toEqual([
      1,
      expect.stringContaining("Could not reach the API"),
    ]);
  });

  it("says plainly when --api is not the portal, the key is garbled or the database is down", async () => {
    const boot = await portal(["bootstrap", "--name", "Wrong Turn Ltd", "--json"]);
    const key = JSON.parse(boot.stdout).api_key as string;
    const page = createServer((request, response) => {
      response.writeHead(request.url?.startsWith("/missing") ? 404 : 200, {
        "Content-Type": "text/html",
      });
      response.end("<!doctype html><title>Someone else</title>");
    });
    await new Promise<void>((resolve) => page.listen(0, "127.0.0.1", resolve));
    const site = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    try {
      // A web page, a 404 page, and another JSON server (the database's own HTTP API).
      for (const api of [site, `${site}/missing`, t.env.TURSO_DATABASE_URL ?? ""]) {
        for (const command of [["business"], ["status", "GL-1"]]) {
          const wrong = await portal([...command, "--api", api], { PORTAL_API_KEY: key });
          expect([wrong.code, wrong.stderr], api).toEqual([
            1,
            `Error: ${api} does not answer as the invoice portal API; check --api or PORTAL_API_URL.`,
          ]);
        }
      }
    } finally {
      page.close();
    }
    for (const api of ["not a url", "ftp://127.0.0.1", "127.0.0.1:8787"]) {
      const bad = await portal(["business", "--api", api], { PORTAL_API_KEY: key });
      expect([bad.code, bad.stderr]).toEqual([
        2,
        `--api (or PORTAL_API_URL) must be an http:// or https:// URL, not "${api}"`,
      ]);
    }
    for (const garbled of ["sk_portal_ключ", "sk_portal_a\nb", "two words"]) {
      const bad = await portal(["business"], { PORTAL_API_KEY: garbled });
      expect([bad.code, bad.stderr]).toEqual([
        2,
        "The API key has characters no key has (spaces, line breaks or non-ASCII); check --key or PORTAL_API_KEY",
      ]);
    }
    const down = await portal(["bootstrap", "--name", "Nobody", "--db", "http://127.0.0.1:9"]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /^Error: Could not reach the database at http:\/\/127\.0\.0\.1:9 \(.+\); pass --db or set TURSO_DATABASE_URL$/,
    );
  });

  it("finds an invoice by its exact number among many that contain it", async () => {
    const boot = await portal(["bootstrap", "--name", "Busy Co", "--json"]);
    const { api_key: key, business } = JSON.parse(boot.stdout);
    const { invoice } = await makeInvoice(t.db, {
      businessId: business.id,
      number: "7",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    });
    for (let i = 0; i < 120; i++) {
      await makeInvoice(t.db, { businessId: business.id, number: `7-${i}` });
    }
    const found = await portal(["status", "7", "--json"], { PORTAL_API_KEY: key });
    expect([found.code, found.stderr]).toEqual([0, ""]);
    expect(JSON.parse(found.stdout).id).toBe(invoice.id);
  });

  it("runs as a program through npm's tsx", async () => {
    const boot = await portal(["bootstrap", "--name", "Process Co", "--json"]);
    const key = JSON.parse(boot.stdout).api_key as string;
    const entry = fileURLToPath(new URL("./portal.ts", import.meta.url));
    const args = [
      "--import",
      "tsx",
      entry,
      "business",
      "--json",
      "--api",
      served.url,
      "--key",
      key,
    ];
    const { stdout } = await promisify(execFile)(process.execPath, args);
    expect(JSON.parse(stdout).name).toBe("Process Co");
    const failed = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      entry,
      "sned",
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Unknown command "sned"'),
    });
  });
});
