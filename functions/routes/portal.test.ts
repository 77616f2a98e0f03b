import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { invoices, payments, portalLinks, views } from "../../db/schema";
import { freePort } from "../../scripts/lib/local-stack";
import { type DemoLink, seedDemo } from "../../test/fixtures/demo-data";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../../test/support/test-app";
import { signPreview } from "../domain/preview";
import { newId, sha256Hex } from "../domain/tokens";
import type { InvoicePage, PortalPage } from "../views/page-model";

let t: TestApp;
let links: DemoLink[];
const token = (number: string) => links.find((l) => l.number === number)?.token ?? "";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

async function page(
  path: string,
  init?: RequestInit,
): Promise<{ status: number; page: PortalPage; res: Response }> {
  const res = await t.request(path, init);
  const body = (await res.json()) as { page: PortalPage };
  return { status: res.status, page: body.page, res };
}

async function invoicePage(number: string, query = ""): Promise<InvoicePage> {
  const { page: p } = await page(`/p/${token(number)}${query}`);
  if (p.kind !== "invoice") throw new Error(`expected an invoice page, got ${p.kind}`);
  return p;
}

async function invoiceRow(number: string) {
  const [row] = await t.db.select().from(invoices).where(eq(invoices.number, number));
  if (!row) throw new Error(`no invoice ${number}`);
  return row;
}

beforeAll(async () => {
  t = await startTestApp();
  links = await seedDemo(t.db, TEST_SIGNING_SECRET, t.clock.now);
});
afterAll(() => t.close());
beforeEach(() => {
  t.clock.now = new Date("2026-11-25T18:00:00Z");
});

describe("GET /p/:token", () => {
  it("shows a line-item invoice with discount and tax, from the send-time snapshot", async () => {
    const p = await invoicePage("ZM-1042");
    expect(p.invoice.business.name).toBe("Zoë Müller Plumbing & Heating");
    expect(p.invoice.business.phoneHref).toBe("tel:5105550142");
    expect(p.invoice.lines).toHaveLength(5);
    expect(p.invoice.lines[1]).toEqual({
      description: "Labour (hours)",
      quantity: "2.5",
      unitPrice: "$95.00",
      amount: "$237.50",
    });
    expect(p.invoice.subtotal.amount).toBe("$614.75");
    expect(p.invoice.discount).toEqual({ label: "Discount (5%)", amount: "−$30.74" });
    expect(p.invoice.tax).toEqual({ label: "Sales tax (8.875%)", amount: "$51.83" });
    expect(p.invoice.total.amount).toBe("$635.84");
    expect(p.invoice.state).toBe("due");
    expect(p.badge).toBeNull(); // Pro plan
    expect(p.links.pdf).toBe(`/p/${token("ZM-1042")}/pdf`);
  });

  it("describes a percent amount and marks it overdue past the due date", async () => {
    const p = await invoicePage("ZM-1043");
    expect(p.invoice.amountDescription).toBe("50% deposit of $4,000.00");
    expect(p.invoice.total.amount).toBe("$2,000.00");
    expect(p.invoice.state).toBe("overdue");
    expect(p.invoice.stateLabel).toBe("Overdue");
  });

  it("shows a paid fixed-amount invoice with the payment date and no balance", async () => {
    const p = await invoicePage("ZM-1044");
    expect(p.invoice.amountDescription).toBe("Amount due");
    expect(p.invoice.state).toBe("paid");
    expect(p.invoice.stateDetail).toBe("Paid on Nov 23, 2026. Thank you!");
    expect(p.invoice.amountPaid?.amount).toBe("$350.00");
    expect(p.invoice.balanceDue.amount).toBe("$0.00");
  });

  it("speaks Spanish and formats for the invoice's locale and currency", async () => {
    const p = await invoicePage("ZM-1045");
    expect(p.invoice.lang).toBe("es");
    expect(p.messages.downloadPdf).toBe("Descargar PDF");
    expect(p.invoice.stateLabel).toBe("Pendiente");
    expect(p.invoice.lines).toHaveLength(20);
    expect(p.invoice.tax?.label).toBe("IVA (16%)");
    expect(p.invoice.total.amount).toBe("$19,488.00");
  });

  it("shows the Free plan badge and a void invoice as void", async () => {
    expect((await invoicePage("GL-2001")).badge).toEqual({ name: "Invoice Portal", url: null });
    const voided = await invoicePage("GL-2003");
    expect(voided.invoice.state).toBe("void");
    expect(voided.invoice.balanceDue.amount).toBe("$0.00");
  });

  it("says processing while a bank payment is on its way", async () => {
    const invoice = await invoiceRow("GL-2001");
    const id = newId("pay");
    await t.db.insert(payments).values({
      id,
      invoiceId: invoice.id,
      provider: "stripe",
      method: "us_bank_account",
      status: "processing",
      amount: 64_600,
      currency: "USD",
      invoiceVersion: invoice.version,
    });
    const p = await invoicePage("GL-2001");
    expect(p.invoice.state).toBe("processing");
    expect(p.invoice.stateDetail).toMatch(/four business days/);
    await t.db.delete(payments).where(eq(payments.id, id));
  });

  it("answers an unknown or malformed link with a 404 that reveals nothing, without a database trip for junk", async () => {
    const unknown = await page("/p/AAAAAAAAAAAAAAAAAAAAAA");
    expect(unknown.status).toBe(404);
    expect(unknown.page).toMatchObject({ kind: "not_found" });
    expect(JSON.stringify(unknown.page)).not.toMatch(/Greenleaf|Müller/);

    t.resetDatabaseStats();
    for (const junk of ["short", "%3Cscript%3E", "a".repeat(500), "Ωmega-Ωmega-Ωmega-Ωmeg"]) {
      expect((await t.request(`/p/${junk}`)).status).toBe(404);
    }
    expect(t.databaseStats().pipelineRequests).toBe(0);
  });

  it("answers the 404 in the language the browser prefers most", async () => {
    const headers = { "Accept-Language": "es,en-US;q=0.9,en;q=0.8" };
    const unknown = await page("/p/AAAAAAAAAAAAAAAAAAAAAA", { headers });
    expect(unknown.page).toMatchObject({ kind: "not_found", lang: "es" });
  });

  it("tells the customer of a revoked link how to reach the business", async () => {
    const revoked = await page(`/p/${token("GL-2002")}`);
    expect(revoked.status).toBe(410);
    expect(revoked.page).toMatchObject({
      kind: "revoked",
      invoiceNumber: "GL-2002",
      business: { name: "Greenleaf Landscaping", phoneHref: "tel:+15035550199" },
    });
  });

  it("costs exactly one database round trip", async () => {
    t.resetDatabaseStats();
    await invoicePage("ZM-1045");
    expect(t.databaseStats().pipelineRequests).toBe(1);
  });

  it("sends the privacy headers on every answer under a secret link", async () => {
    for (const path of [
      `/p/${token("ZM-1042")}`,
      `/p/${token("GL-2002")}`,
      "/p/AAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      const res = await t.request(path);
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      expect(res.headers.get("X-Robots-Tag")).toContain("noindex");
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
      expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/script-src 'nonce-[0-9a-f]{32}'/);
    }
  });

  it("gives the page the nonce that its CSP allows", async () => {
    const res = await t.request(`/p/${token("ZM-1042")}`);
    const { page: p } = (await res.json()) as { page: InvoicePage };
    expect(res.headers.get("Content-Security-Policy")).toContain(`'nonce-${p.scriptNonce}'`);
  });

  it("answers 503 with a try-again page when the database is down", async () => {
    // A port nothing listens on: the connection is refused, as when the database is down.
    const closedPort = await freePort();
    const env = { ...t.env, TURSO_DATABASE_URL: `http://127.0.0.1:${closedPort}` };
    const res = await t.app.request(`/p/${token("ZM-1042")}`, {}, env);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { page: PortalPage }).page.kind).toBe("unavailable");
  });

  it("shows the old link as revoked and the new one as the invoice after New Link", async () => {
    const invoice = await invoiceRow("GL-2001");
    const { sendInvoice } = await import("../invoices/send-invoice");
    const rotated = await sendInvoice(t.db, {
      businessId: invoice.businessId,
      invoiceId: invoice.id,
      newLink: true,
      signingSecret: TEST_SIGNING_SECRET,
      now: t.clock.now,
    });
    expect((await t.request(`/p/${token("GL-2001")}`)).status).toBe(410);
    expect((await t.request(`/p/${rotated.token}`)).status).toBe(200);
    links = links.map((l) => (l.number === "GL-2001" ? { ...l, token: rotated.token } : l));
  });
});

describe("honest views", () => {
  const beacon = (number: string, agent: string | undefined) =>
    t.request(`/p/${token(number)}/seen`, {
      method: "POST",
      headers: agent ? { "User-Agent": agent } : {},
    });
  const viewRows = async (invoiceId: string) =>
    t.db.select().from(views).where(eq(views.invoiceId, invoiceId));

  it("never writes on GET or HEAD, whoever asks", async () => {
    const before = await invoiceRow("ZM-1045");
    await t.request(`/p/${token("ZM-1045")}`, { headers: { "User-Agent": IPHONE } });
    await t.request(`/p/${token("ZM-1045")}`, { method: "HEAD" });
    const after = await invoiceRow("ZM-1045");
    expect(after.firstViewedAt).toBeNull();
    expect(before.firstViewedAt).toBeNull();
    expect(await viewRows(after.id)).toHaveLength(0);
  });

  it("ignores beacons from link-preview fetchers", async () => {
    for (const agent of [
      "facebookexternalhit/1.1 Facebot Twitterbot/1.0",
      "WhatsApp/2.23.20.0 A",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      undefined,
    ]) {
      expect((await beacon("ZM-1045", agent)).status).toBe(204);
    }
    await t.settle();
    expect((await invoiceRow("ZM-1045")).firstViewedAt).toBeNull();
  });

  it("records the first browser view once and logs every view", async () => {
    const at = new Date("2026-11-26T09:30:00Z");
    t.clock.now = at;
    expect((await beacon("ZM-1045", IPHONE)).status).toBe(204);
    await t.settle();
    expect((await invoiceRow("ZM-1045")).firstViewedAt).toEqual(at);

    t.clock.now = new Date("2026-11-27T10:00:00Z");
    await beacon("ZM-1045", IPHONE);
    await t.settle();
    const invoice = await invoiceRow("ZM-1045");
    expect(await viewRows(invoice.id)).toHaveLength(2);
    expect((await invoiceRow("ZM-1045")).firstViewedAt).toEqual(at);
    expect((await viewRows(invoice.id)).map((v) => v.clientKind)).toEqual(["phone", "phone"]);
  });

  it("answers beacons for malformed links without touching the database", async () => {
    t.resetDatabaseStats();
    for (const junk of ["short", "%3Cscript%3E", "a".repeat(5_000), "Ωmega-Ωmega-Ωmega-Ωmeg"]) {
      const res = await t.request(`/p/${junk}/seen`, {
        method: "POST",
        headers: { "User-Agent": IPHONE },
      });
      expect(res.status).toBe(204);
    }
    await t.settle();
    expect(t.databaseStats().pipelineRequests).toBe(0);
  });

  it("does not record views through a revoked link", async () => {
    const revoked = await invoiceRow("GL-2002");
    await beacon("GL-2002", IPHONE);
    await t.settle();
    expect(await viewRows(revoked.id)).toHaveLength(0);
  });

  it("renders the owner's preview without the beacon, and only with a genuine signature", async () => {
    const invoice = await invoiceRow("ZM-1042");
    const [link] = await t.db
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.tokenHash, await sha256Hex(token("ZM-1042"))));
    const value = await signPreview(
      TEST_SIGNING_SECRET,
      link?.id ?? "",
      new Date("2026-11-26T00:00:00Z"),
    );
    const preview = await invoicePage("ZM-1042", `?preview=${encodeURIComponent(value)}`);
    expect(preview.preview).toBe(true);
    expect(preview.links.seen).toBeNull();

    const forged = await invoicePage("ZM-1042", `?preview=${value.slice(0, -2)}xx`);
    expect(forged.preview).toBe(false);
    expect(forged.links.seen).toBe(`/p/${token("ZM-1042")}/seen`);
    expect((await invoiceRow("ZM-1042")).firstViewedAt).toBe(invoice.firstViewedAt);
  });
});
