import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, invoices, ownerSessions, portalLinks } from "../../../db/schema";
import { makeApiKey, makeBusiness, makeInvoice } from "../../../test/support/factories";
import { formPost, signedIn } from "../../../test/support/owner-session";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../../../test/support/test-app";
import { sendInvoice } from "../../invoices/send-invoice";

// Who may see and change what in the owner app: a business sees only its own invoices on every
// page and through every form post; a post from another site is refused; a session that has
// expired or was ended is sent to sign in.

let t: TestApp;
let own: { cookie: string };
let ownInvoice: string;
let otherInvoice: string;

beforeAll(async () => {
  t = await startTestApp();
  const mine = await makeBusiness(t.db, { name: "Mine" });
  const theirs = await makeBusiness(t.db, { name: "Theirs" });
  own = await signedIn(t.db, mine.id);
  ownInvoice = (await makeInvoice(t.db, { businessId: mine.id, number: "M-1" })).invoice.id;
  otherInvoice = (await makeInvoice(t.db, { businessId: theirs.id, number: "T-1" })).invoice.id;
  for (const [businessId, invoiceId] of [
    [mine.id, ownInvoice],
    [theirs.id, otherInvoice],
  ] as const) {
    await sendInvoice(t.db, {
      businessId,
      invoiceId,
      newLink: false,
      signingSecret: TEST_SIGNING_SECRET,
      now: t.clock.now,
    });
  }
});
afterAll(() => t.close());

const get = (path: string, cookie = own.cookie) => t.request(path, { headers: { Cookie: cookie } });

describe("another business's invoice", () => {
  it.each(["", "/edit", "/qr"])("is a 404 on GET /app/invoices/:id%s", async (suffix) => {
    const mine = await get(`/app/invoices/${ownInvoice}${suffix}`);
    expect(mine.status).toBe(200);
    const theirs = await get(`/app/invoices/${otherInvoice}${suffix}`);
    expect(theirs.status).toBe(404);
    expect(JSON.stringify(await theirs.json())).not.toContain("T-1");
  });

  it.each([
    ["/send", {}],
    ["/link", {}],
    ["/revoke", {}],
    ["/void", {}],
    ["/payments", { amount: "1.00", method: "cash" }],
    ["", { number: "T-1", customer_name: "X", amount_mode: "fixed", fixed_amount: "1.00" }],
  ])("is a 404 on POST /app/invoices/:id%s and changes nothing", async (suffix, fields) => {
    const [before] = await t.db.select().from(invoices).where(eq(invoices.id, otherInvoice));
    const links = await t.db
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.invoiceId, otherInvoice));
    const response = await t.request(
      `/app/invoices/${otherInvoice}${suffix}`,
      formPost(own.cookie, fields),
    );
    expect(response.status).toBe(404);
    const [after] = await t.db.select().from(invoices).where(eq(invoices.id, otherInvoice));
    expect(after).toEqual(before);
    expect(
      await t.db.select().from(portalLinks).where(eq(portalLinks.invoiceId, otherInvoice)),
    ).toEqual(links);
  });

  it("never appears in the list or its search", async () => {
    const list = (await (await get("/app?q=T-1")).json()) as {
      page: { view: { rows: unknown[] } };
    };
    expect(list.page.view.rows).toEqual([]);
    const all = (await (await get("/app")).json()) as {
      page: { view: { rows: { number: string }[] } };
    };
    expect(all.page.view.rows.map((r: { number: string }) => r.number)).toEqual(["M-1"]);
  });
});

describe("requests from elsewhere", () => {
  it("refuses a form posted from another site, and one with no origin", async () => {
    for (const origin of ["https://evil.example", "null", undefined]) {
      const init = formPost(own.cookie);
      const headers = new Headers(init.headers);
      if (origin) headers.set("Origin", origin);
      else headers.delete("Origin");
      const response = await t.request(`/app/invoices/${ownInvoice}/revoke`, { ...init, headers });
      expect(response.status).toBe(403);
    }
    const [link] = await t.db
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.invoiceId, ownInvoice));
    expect(link?.revokedAt).toBeNull();
  });

  it("sends a request without a session, or with a made-up one, to sign in", async () => {
    for (const cookie of ["", "owner_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]) {
      const page = await get("/app", cookie);
      expect(page.status).toBe(303);
      expect(page.headers.get("Location")).toBe("/app/sign-in");
      const post = await t.request(`/app/invoices/${ownInvoice}/send`, formPost(cookie));
      expect(post.status).toBe(303);
      expect(post.headers.get("Location")).toBe("/app/sign-in");
    }
  });
});

describe("sessions", () => {
  it("sends an expired session to sign in", async () => {
    const business = await makeBusiness(t.db);
    const { cookie } = await signedIn(t.db, business.id, new Date("2026-10-01T00:00:00Z"));
    const response = await get("/app", cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/app/sign-in");
  });

  it("sends a session that was signed out to sign in, and clears its cookie", async () => {
    const business = await makeBusiness(t.db);
    const { cookie } = await signedIn(t.db, business.id);
    expect((await get("/app", cookie)).status).toBe(200);
    const out = await t.request("/app/sign-out", formPost(cookie));
    expect(out.status).toBe(303);
    expect(out.headers.get("Set-Cookie")).toMatch(
      /^owner_session=; Path=\/app; Max-Age=0; HttpOnly; Secure; SameSite=Lax/,
    );
    expect((await get("/app", cookie)).headers.get("Location")).toBe("/app/sign-in");
    const rows = await t.db
      .select()
      .from(ownerSessions)
      .where(eq(ownerSessions.businessId, business.id));
    expect(rows[0]?.revokedAt).not.toBeNull();
  });

  it("stores only the hash of the session token", async () => {
    const business = await makeBusiness(t.db);
    const { token } = await signedIn(t.db, business.id);
    const rows = await t.db
      .select()
      .from(ownerSessions)
      .where(eq(ownerSessions.businessId, business.id));
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe("reading pages", () => {
  it("costs one database round trip, the session check included", async () => {
    for (const path of [`/app/invoices/${ownInvoice}`, "/app", "/app?filter=overdue"]) {
      t.resetDatabaseStats();
      expect((await get(path)).status).toBe(200);
      expect({ path, trips: t.databaseStats().pipelineRequests }).toEqual({ path, trips: 1 });
    }
  });
});

describe("account pages", () => {
  it("refuses to revoke another business's key or end its sessions", async () => {
    const theirs = await makeBusiness(t.db);
    const { key } = await makeApiKey(t.db, { businessId: theirs.id });
    await signedIn(t.db, theirs.id);
    const [theirSession] = await t.db
      .select()
      .from(ownerSessions)
      .where(eq(ownerSessions.businessId, theirs.id));
    const keyRow = await t.db.select().from(apiKeys).where(eq(apiKeys.businessId, theirs.id));
    const revoke = await t.request(`/app/keys/${keyRow[0]?.id}/revoke`, formPost(own.cookie));
    expect(revoke.status).toBe(404);
    const end = await t.request(`/app/sessions/${theirSession?.id}/end`, formPost(own.cookie));
    expect(end.status).toBe(404);
    const after = await t.db.select().from(apiKeys).where(eq(apiKeys.businessId, theirs.id));
    expect(after[0]?.revokedAt).toBeNull();
    expect(key).toMatch(/^sk_portal_/);
  });

  it("keeps the owner's input and says what is wrong on refused settings", async () => {
    const response = await t.request(
      "/app/settings",
      formPost(own.cookie, { name: "Mine", brand_color: "blue", timezone: "+05:00" }),
    );
    expect(response.status).toBe(422);
    const { page } = (await response.json()) as {
      page: { view: { values: Record<string, string>; errors: Record<string, string> } };
    };
    expect(page.view.values.brand_color).toBe("blue");
    expect(page.view.errors.brand_color).toMatch(/hex colour/);
    expect(page.view.errors.timezone).toMatch(/not a fixed offset/);
  });
});
