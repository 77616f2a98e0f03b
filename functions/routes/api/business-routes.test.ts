import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses } from "../../../db/schema";
import { demoLogoPng } from "../../../test/fixtures/demo-logo";
import { apiAs } from "../../../test/support/api";
import { makeInvoice, makeOwner } from "../../../test/support/factories";
import { sampleJpeg } from "../../../test/support/image-fixtures";
import { startTestApp, type TestApp } from "../../../test/support/test-app";
import { sendInvoice } from "../../invoices/send-invoice";
import { resolvePortalLink } from "../../links/resolve-portal-link";
import { buildInvoiceView } from "../../views/invoice-view";
import { businessResponse } from "./schemas/responses";

// The remote side of logo URLs: a stand-in fetch answering by address, recording each address
// asked for, so a test can say what was fetched and what never was.
const remote = new Map<string, () => Response>();
const asked: string[] = [];

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    fetch: async (input) => {
      asked.push(input);
      const answer = remote.get(input);
      if (!answer) throw new TypeError("fetch failed");
      return answer();
    },
  });
});
afterAll(() => t.close());

const png = new Uint8Array(demoLogoPng("#3f7d20"));

async function owner() {
  const made = await makeOwner(t.db, { name: "Greenleaf Landscaping" });
  return { ...made, api: apiAs(t, made.key) };
}

describe("GET/PATCH /business", () => {
  it("shows and edits the profile, normalising what it accepts", async () => {
    const { api } = await owner();
    const shown = await api("GET", "/business");
    expect(shown.status).toBe(200);
    expect(businessResponse.parse(shown.body).name).toBe("Greenleaf Landscaping");

    const edited = await api("PATCH", "/business", {
      name: "Zoë Müller Plumbing 🔧",
      address: "1208 Harbor Street\nOakland",
      brand_color: "#ABC",
      accent_color: "#0F172A",
      default_currency: "eur",
      default_locale: "es-mx",
      timezone: "America/Chicago",
      plan: "pro",
      stripe_account_id: "acct_1Abc",
      website: "mueller.example",
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      name: "Zoë Müller Plumbing 🔧",
      brand_color: "#aabbcc",
      accent_color: "#0f172a",
      default_currency: "EUR",
      default_locale: "es-MX",
      plan: "pro",
      stripe_account_id: "acct_1Abc",
    });
    const cleared = await api("PATCH", "/business", { stripe_account_id: null });
    expect(cleared.body).toMatchObject({ stripe_account_id: null, name: "Zoë Müller Plumbing 🔧" });
  });

  it("shows the connected account's readiness, and forgets it when the account is replaced", async () => {
    const { api, business } = await owner();
    await t.db
      .update(businesses)
      .set({
        stripeAccountId: "acct_1Onboarding",
        stripeChargesEnabled: false,
        stripePayoutsEnabled: false,
        stripeRequirementsDue: "external_account,tos_acceptance.date",
      })
      .where(eq(businesses.id, business.id));
    expect((await api("GET", "/business")).body.stripe_account_status).toEqual({
      charges_enabled: false,
      payouts_enabled: false,
      requirements_due: ["external_account", "tos_acceptance.date"],
    });
    const replaced = await api("PATCH", "/business", { stripe_account_id: "acct_1ByHand" });
    expect(replaced.body).toMatchObject({
      stripe_account_id: "acct_1ByHand",
      stripe_account_status: null,
    });
  });

  it("names each bad value", async () => {
    const { api } = await owner();
    const answer = await api("PATCH", "/business", {
      brand_color: "red",
      default_currency: "XYZ",
      default_locale: "not a locale!",
      timezone: "Mars/Olympus",
      stripe_account_id: "cus_123",
      email: "nope",
      name: "x".repeat(10_000),
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe("validation_failed");
    const paths = answer.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(
      [
        "brand_color",
        "default_currency",
        "default_locale",
        "email",
        "name",
        "stripe_account_id",
        "timezone",
      ].sort(),
    );
  });

  it("refuses unknown fields, wrong types, bad JSON and other content types", async () => {
    const { api } = await owner();
    expect((await api("PATCH", "/business", { colour: "#fff" })).body.error.code).toBe(
      "unknown_field",
    );
    expect((await api("PATCH", "/business", { plan: 3 })).body.error.code).toBe("invalid_type");
    const bad = await api("PATCH", "/business", undefined, {
      raw: "{ nope",
      headers: { "Content-Type": "application/json" },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, "invalid_json"]);
    const text = await api("PATCH", "/business", undefined, {
      raw: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect([text.status, text.body.error.code]).toEqual([415, "unsupported_media_type"]);
    const nul = await api("PATCH", "/business", { name: "a\u0000b" });
    expect([nul.status, nul.body.error.code]).toEqual([422, "validation_failed"]);
  });

  it("takes IANA time zones only, UTC included, never a fixed offset", async () => {
    const { api } = await owner();
    const offset = await api("PATCH", "/business", { timezone: "+05:00" });
    expect([offset.status, offset.body.error.code, offset.body.error.details]).toEqual([
      422,
      "validation_failed",
      [
        {
          path: "timezone",
          message: "must be an IANA time zone such as America/Chicago, not a fixed offset",
        },
      ],
    ]);
    for (const timezone of ["UTC", "Asia/Kolkata"]) {
      const answer = await api("PATCH", "/business", { timezone });
      expect([answer.status, answer.body.timezone]).toEqual([200, timezone]);
    }
  });

  it("drops bidi embeddings, overrides and isolates from the name", async () => {
    const { api } = await owner();
    const edited = await api("PATCH", "/business", {
      name: "\u2066Greenleaf\u202e Landscaping\u2069",
    });
    expect([edited.status, edited.body.name]).toEqual([200, "Greenleaf Landscaping"]);
    const blank = await api("PATCH", "/business", { name: "\u202e\u2069" });
    expect([blank.status, blank.body.error.details]).toEqual([
      422,
      [{ path: "name", message: "must not be empty" }],
    ]);
  });
});

describe("PUT/DELETE /business/logo", () => {
  it("stores a PNG and serves it from our origin", async () => {
    const { api } = await owner();
    const answer = await api("PUT", "/business/logo", undefined, {
      raw: png,
      headers: { "Content-Type": "image/png" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.logo_url).toMatch(/^\/logos\/logo_/);
    const served = await t.request(answer.body.logo_url);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(new Uint8Array(png));

    const removed = await api("DELETE", "/business/logo");
    expect(removed.body.logo_url).toBeNull();
  });

  it("refuses other types, lying bytes and images over 512 KB", async () => {
    const { api } = await owner();
    const put = (raw: BodyInit, type: string) =>
      api("PUT", "/business/logo", undefined, { raw, headers: { "Content-Type": type } });
    expect((await put("<svg/>", "image/svg+xml")).status).toBe(415);
    expect((await put("<html>", "image/png")).status).toBe(415);
    expect((await put(png, "image/jpeg")).status).toBe(415);
    // Right first bytes, wrong file: the structure is read, not just the signature.
    const html = new TextEncoder().encode("<html><body>not an image</body></html>");
    const lookalike = new Uint8Array([...new Uint8Array(png).subarray(0, 8), ...html]);
    const cut = new Uint8Array(png).subarray(0, new Uint8Array(png).length - 30);
    for (const raw of [lookalike, cut]) {
      const refused = await put(raw, "image/png");
      expect([refused.status, refused.body.error?.code]).toEqual([415, "unsupported_media_type"]);
    }
    const jpegLike = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...html]);
    expect((await put(jpegLike, "image/jpeg")).status).toBe(415);
    expect((await put(sampleJpeg(), "image/jpeg")).status).toBe(200);
    expect((await api("GET", "/business")).body.logo_url).toMatch(/^\/logos\//);
    const big = new Uint8Array(512 * 1024 + 1);
    big.set(new Uint8Array(png).subarray(0, 8));
    const tooBig = await put(big, "image/png");
    expect([tooBig.status, tooBig.body.error.code]).toEqual([413, "payload_too_large"]);
    expect((await put(new Uint8Array(0), "image/png")).status).toBe(422);
  });
});

describe("PATCH /business with a logo_url", () => {
  it("fetches the image once, stores it like an upload, and keeps it if the remote changes", async () => {
    const { api } = await owner();
    remote.set(
      "https://cdn.example.com/greenleaf.png",
      () => new Response(png, { headers: { "Content-Type": "image/png" } }),
    );
    const answer = await api("PATCH", "/business", {
      logo_url: "https://cdn.example.com/greenleaf.png",
      phone: "+1 503 555 0199",
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ phone: "+1 503 555 0199" });
    expect(answer.body.logo_url).toMatch(/^\/logos\/logo_/);
    remote.set("https://cdn.example.com/greenleaf.png", () => new Response("<html>changed"));
    const served = await t.request(answer.body.logo_url);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(png);
  });

  it("refuses a blocked address without fetching it, and writes nothing", async () => {
    const { api } = await owner();
    asked.length = 0;
    for (const url of [
      "https://127.0.0.1:8443/logo.png",
      "https://169.254.169.254/latest/meta-data/",
      "https://[::1]/logo.png",
      "https://0x7f.1/logo.png",
      "https://2130706433/logo.png",
      "https://localhost./logo.png",
      "https://printer.localhost/logo.png",
    ]) {
      const answer = await api("PATCH", "/business", { logo_url: url, name: "Changed" });
      expect([answer.status, answer.body.error?.details?.[0]?.path], url).toEqual([
        422,
        "logo_url",
      ]);
    }
    expect(asked).toEqual([]);
    expect((await api("GET", "/business")).body).toMatchObject({
      name: "Greenleaf Landscaping",
      logo_url: null,
    });
  });

  it("refuses an address whose image cannot be taken, and writes nothing", async () => {
    const { api } = await owner();
    const html = new TextEncoder().encode("<html>");
    remote.set(
      "https://cdn.example.com/fake.png",
      () =>
        new Response(new Uint8Array([...png.subarray(0, 8), ...html]), {
          headers: { "Content-Type": "image/png" },
        }),
    );
    remote.set(
      "https://cdn.example.com/hop",
      () =>
        new Response(null, { status: 302, headers: { Location: "https://127.0.0.1/logo.png" } }),
    );
    for (const url of [
      "https://cdn.example.com/fake.png",
      "https://cdn.example.com/hop",
      "https://cdn.example.com/missing.png",
    ]) {
      const answer = await api("PATCH", "/business", { logo_url: url, name: "Changed" });
      expect([answer.status, answer.body.error?.code], url).toEqual([422, "validation_failed"]);
    }
    expect(asked).not.toContain("https://127.0.0.1/logo.png");
    expect((await api("GET", "/business")).body.name).toBe("Greenleaf Landscaping");
  });
});

describe("branding after send", () => {
  it("never changes the portal view of an invoice already sent", async () => {
    const { business, api } = await owner();
    await api("PATCH", "/business", { brand_color: "#3f7d20", phone: "+1 503 555 0199" });
    const { invoice } = await makeInvoice(t.db, { businessId: business.id });
    const sent = await sendInvoice(t.db, {
      businessId: business.id,
      invoiceId: invoice.id,
      newLink: false,
      signingSecret: "unused-here-0123456789abcdef0123",
      now: t.clock.now,
    });
    const view = async () => {
      const resolved = await resolvePortalLink(t.db, sent.token);
      if (resolved.kind !== "active") throw new Error("link should be active");
      return buildInvoiceView(resolved, t.clock.now).business;
    };
    const before = await view();

    await api("PATCH", "/business", { name: "Renamed Co", brand_color: "#ff0000", phone: "1" });
    await api("PUT", "/business/logo", undefined, {
      raw: png,
      headers: { "Content-Type": "image/png" },
    });
    expect(await view()).toEqual(before);
    expect(before).toMatchObject({ name: "Greenleaf Landscaping", brandColor: "#3f7d20" });
  });
});
