import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invoiceSnapshots, invoices, views } from "../../db/schema";
import { type DemoLink, seedDemo } from "../../test/fixtures/demo-data";
import { manyItems, storePdfInvoice } from "../../test/support/pdf-fixtures";
import { readPdf } from "../../test/support/pdf-text";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../../test/support/test-app";
import { resolvePortalLink } from "../links/resolve-portal-link";

let t: TestApp;
let links: DemoLink[];
const token = (number: string) => links.find((l) => l.number === number)?.token ?? "";
const pdfPath = (number: string) => `/p/${token(number)}/pdf`;

beforeAll(async () => {
  t = await startTestApp();
  links = await seedDemo(t.db, TEST_SIGNING_SECRET, t.clock.now);
});
afterAll(() => t.close());

describe("GET /p/:token/pdf", () => {
  it("answers the invoice as a PDF download, with the privacy headers", async () => {
    const res = await t.request(pdfPath("ZM-1042"));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Disposition")).toBe(
      "attachment; filename=\"Invoice-ZM-1042.pdf\"; filename*=UTF-8''Invoice-ZM-1042.pdf",
    );
    expect(res.headers.get("ETag")).toMatch(/^W\/"pdf\d+-[0-9a-f]{32}"$/);
    expect(res.headers.get("Cache-Control")).toContain("private");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Robots-Tag")).toContain("noindex");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");

    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
    const pdf = await readPdf(bytes);
    expect(pdf.text).toContain("Zoë Müller Plumbing & Heating");
    expect(pdf.text).toContain("Agnieszka Wiśniewska");
    expect(pdf.text).toContain("Balance due");
    expect(pdf.title).toBe("Invoice ZM-1042");
    expect(pdf.producer).toBe("Invoice Portal");
    // The seeded business has a stored logo: it is in the PDF.
    expect(new TextDecoder("latin1").decode(bytes)).toContain("/Subtype /Image");
  });

  it("never fetches a remote logo URL while rendering the PDF or the page", async () => {
    // A snapshot from before logos given by URL were stored at set time.
    const resolved = await resolvePortalLink(t.db, token("GL-2001"));
    if (resolved.kind !== "active") throw new Error("GL-2001 should be active");
    for (const remote of ["https://127.0.0.1:9/logo.png", "https://169.254.169.254/latest/"]) {
      await t.db
        .update(invoiceSnapshots)
        .set({ logoUrl: remote })
        .where(eq(invoiceSnapshots.invoiceId, resolved.invoice.id));
      const spy = vi.spyOn(globalThis, "fetch");
      try {
        const pdf = await t.request(pdfPath("GL-2001"));
        const page = await t.request(`/p/${token("GL-2001")}`);
        expect([pdf.status, page.status]).toEqual([200, 200]);
        const bytes = new Uint8Array(await pdf.arrayBuffer());
        expect(new TextDecoder("latin1").decode(bytes)).not.toContain("/Subtype /Image");
        const { page: model } = (await page.json()) as {
          page: { invoice: { business: { logoUrl: string | null } } };
        };
        expect(model.invoice.business.logoUrl).toBeNull();
        const outbound = spy.mock.calls.map(([input]) =>
          String(input instanceof Request ? input.url : input),
        );
        expect(outbound.filter((url) => url.startsWith("https:"))).toEqual([]);
      } finally {
        spy.mockRestore();
      }
    }
  });

  it("costs one database round trip", async () => {
    t.resetDatabaseStats();
    const res = await t.request(pdfPath("ZM-1043"));
    expect(res.status).toBe(200);
    expect(t.databaseStats().pipelineRequests).toBe(1);
  });

  it("renders every seeded state, in its language, with its mark", async () => {
    const paid = await readPdf(
      new Uint8Array(await (await t.request(pdfPath("ZM-1044"))).arrayBuffer()),
    );
    expect(paid.text).toContain("PAID");
    expect(paid.text).toContain("Москва");
    const spanish = await readPdf(
      new Uint8Array(await (await t.request(pdfPath("ZM-1045"))).arrayBuffer()),
    );
    expect(spanish.text).toContain("Saldo pendiente");
    expect(spanish.lang).toBe("es");
    const voided = await readPdf(
      new Uint8Array(await (await t.request(pdfPath("GL-2003"))).arrayBuffer()),
    );
    expect(voided.text).toContain("VOID");
  });

  it("answers 304 to If-None-Match with the current ETag, and 200 after the invoice changes", async () => {
    const first = await t.request(pdfPath("GL-2001"));
    const etag = first.headers.get("ETag") ?? "";
    const again = await t.request(pdfPath("GL-2001"), { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(await again.text()).toBe("");

    await t.db.update(invoices).set({ version: 2 }).where(eq(invoices.number, "GL-2001"));
    const changed = await t.request(pdfPath("GL-2001"), { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(etag);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await t.request(pdfPath("ZM-1042"), { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("ETag")).toBeTruthy();
    expect(await res.text()).toBe("");
  });

  it("answers 410 for a revoked link, telling the customer whom to ask", async () => {
    const res = await t.request(pdfPath("GL-2002"));
    expect(res.status).toBe(410);
    expect(res.headers.get("Content-Type")).toContain("text/plain");
    const body = await res.text();
    expect(body).toContain("Greenleaf Landscaping");
    expect(body).toContain("GL-2002");
  });

  it("answers 404 for unknown or malformed tokens, revealing nothing", async () => {
    for (const path of ["/p/AAAAAAAAAAAAAAAAAAAAAA/pdf", "/p/nope/pdf", "/p/%00%0a/pdf"]) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("Content-Type")).toContain("text/plain");
      expect(await res.text()).not.toMatch(/revoked|turned off|Greenleaf|Müller/i);
    }
    const spanish = await t.request("/p/AAAAAAAAAAAAAAAAAAAAAA/pdf", {
      headers: { "Accept-Language": "es-MX,es;q=0.9" },
    });
    expect(await spanish.text()).toContain("Factura no encontrada");
  });

  it("never records a view", async () => {
    const before = await t.db.select().from(views);
    await t.request(pdfPath("ZM-1042"));
    expect(await t.db.select().from(views)).toHaveLength(before.length);
  });

  it("builds a 500-item invoice and hostile text without failing", async () => {
    const big = await storePdfInvoice(t.db, { items: manyItems(500) }, TEST_SIGNING_SECRET);
    const res = await t.request(`/p/${big.token}/pdf`);
    expect(res.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.pages.length).toBeGreaterThan(15);

    const odd = await storePdfInvoice(
      t.db,
      {
        business: { name: "\u202eEvil\u0000 😈" },
        invoice: { number: 'A/B"\r\n#1', notes: "\ud800".repeat(20) },
        items: [["🙂".repeat(5000), 1000, 1]],
      },
      TEST_SIGNING_SECRET,
    );
    const hostile = await t.request(`/p/${odd.token}/pdf`);
    expect(hostile.status).toBe(200);
    expect(hostile.headers.get("Content-Disposition")).toContain('filename="Invoice-A-B-1.pdf"');
  });
});
