import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { freePort } from "../../scripts/lib/local-stack";
import { jsonPageRenderer, TEST_SIGNING_SECRET } from "../../test/support/test-app";
import { createApp } from "../app";
import type { PortalPage } from "../views/page-model";

// Every surface with the database unreachable: customers get a page that says try again
// (the invoice and its PDF), the owner API a JSON error, Stripe a status that makes it retry.

const app = createApp({ renderPage: jsonPageRenderer });
const token = "006jWTdOTqzH0R-xYPkrcA";
const webhookSecret = "whsec_database_down_test";
let env: Record<string, string>;

beforeAll(async () => {
  // A port nothing listens on: the connection is refused, as when the database is down.
  env = {
    TURSO_DATABASE_URL: `http://127.0.0.1:${await freePort()}`,
    PUBLIC_BASE_URL: "https://portal.test",
    SIGNING_SECRET: TEST_SIGNING_SECRET,
    STRIPE_SECRET_KEY: "sk_test_database_down",
    STRIPE_WEBHOOK_SECRET: webhookSecret,
  };
  // The cause goes to the log; keep the test output readable.
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterAll(() => vi.restoreAllMocks());

describe("with the database down", () => {
  it("answers the invoice PDF with the try-again page, not a JSON body", async () => {
    const res = await app.request(`/p/${token}/pdf`, {}, env);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { page: PortalPage }).page.kind).toBe("unavailable");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it("answers the owner API with a 503 JSON error and Retry-After", async () => {
    const res = await app.request(
      "/api/v1/invoices",
      { headers: { Authorization: `Bearer sk_portal_${"a".repeat(32)}` } },
      env,
    );
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("service_unavailable");
    expect(body.error.message).toMatch(/try again/);
  });

  it("answers a logo with 503", async () => {
    const res = await app.request("/logos/some-logo-id", {}, env);
    expect(res.status).toBe(503);
  });

  it("answers a signed Stripe webhook with a non-2xx status, so Stripe retries", async () => {
    const payload = JSON.stringify({
      id: "evt_database_down",
      object: "event",
      type: "checkout.session.completed",
      api_version: "2020-08-27",
      created: 1,
      livemode: false,
      data: { object: { id: "cs_test_1", object: "checkout.session", metadata: {} } },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    const res = await app.request(
      "/webhooks/stripe",
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": signature },
        body: payload,
      },
      env,
    );
    expect(res.status).toBe(503);
  });
});
