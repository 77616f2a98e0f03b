import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createDb } from "../../../db/client";
import { demoLogoPng } from "../../../test/fixtures/demo-logo";
import { createApp } from "../../app";
import { createBusiness } from "../../businesses/create-business";
import { readConfig } from "../../env";

// The owner API inside workerd, as Cloudflare runs it: zod's JSON Schema output, Web Crypto
// for keys and links, node:buffer for logos, the database over loopback HTTP.

const app = createApp({ renderPage: (c, page) => c.json({ page }, page.status) });
const bindings = env as unknown as Record<string, string>;

describe("owner API in workerd", () => {
  it("serves the OpenAPI document and the invoice flow", async () => {
    const openapi = await app.request("/api/v1/openapi.json", {}, bindings);
    expect(((await openapi.json()) as { openapi: string }).openapi).toBe("3.1.0");

    const db = createDb(readConfig(bindings));
    const { key } = await createBusiness(db, { name: "Greenleaf Landscaping", now: new Date() });
    const call = (method: string, path: string, body?: unknown, type = "application/json") =>
      app.request(
        `/api/v1${path}`,
        {
          method,
          headers: { Authorization: `Bearer ${key}`, "Content-Type": type },
          body:
            body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body),
        },
        bindings,
      );

    const logo = await call(
      "PUT",
      "/business/logo",
      new Uint8Array(demoLogoPng("#3f7d20")),
      "image/png",
    );
    expect(logo.status).toBe(200);
    const created = await call("POST", "/invoices", {
      number: "W-1",
      customer: { name: "Sam Rivera" },
      items: [{ description: "Lawn mowing", quantity: "1.5", unit_price: 4500 }],
    });
    expect(created.status).toBe(201);
    const invoice = (await created.json()) as { id: string; total: number };
    expect(invoice.total).toBe(6750);

    const sent = await call("POST", `/invoices/${invoice.id}/send`);
    const result = (await sent.json()) as { portal_url: string; text_message: string };
    expect(result.text_message).toContain("Hi Sam, here is your invoice W-1");
    const page = await app.request(new URL(result.portal_url).pathname, {}, bindings);
    expect(page.status).toBe(200);
    const detail = (await (await call("GET", `/invoices/${invoice.id}`)).json()) as {
      link: { portal_url: string };
    };
    expect(detail.link.portal_url).toBe(result.portal_url);
  });
});
