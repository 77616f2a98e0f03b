import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices } from "../../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../../test/support/factories";
import { formPost, signedIn } from "../../../test/support/owner-session";
import { startTestApp, TEST_SIGNING_SECRET, type TestApp } from "../../../test/support/test-app";
import { sendInvoice } from "../../invoices/send-invoice";

// "Text a reminder" on the owner's invoice detail: an sms: link with a polite reminder in the
// invoice's language, naming the business, the number, the balance due and the customer's link,
// shown only while the ledger says the invoice is overdue (in the business's time zone).

let t: TestApp;
let cookie: string;
let businessId: string;

beforeAll(async () => {
  t = await startTestApp();
  // The test clock is 2026-11-25T18:00Z: 10:00 on 25 November in Los Angeles.
  const business = await makeBusiness(t.db, {
    name: "Greenleaf Landscaping",
    timezone: "America/Los_Angeles",
  });
  businessId = business.id;
  ({ cookie } = await signedIn(t.db, business.id));
});
afterAll(() => t.close());

/** A sent invoice (with its link), then whatever the test does to it. */
async function sentInvoice(
  fields: Partial<typeof invoices.$inferInsert> & { items?: { unitPrice: number }[] } = {},
) {
  const { invoice } = await makeInvoice(t.db, {
    businessId,
    customerName: "Dana Whitfield",
    customerPhone: "+1 (555) 010-0199",
    dueDate: "2026-11-20",
    ...fields,
  });
  await sendInvoice(t.db, {
    businessId,
    invoiceId: invoice.id,
    newLink: false,
    signingSecret: TEST_SIGNING_SECRET,
    now: t.clock.now,
  });
  return invoice;
}

interface Share {
  url: string;
  smsHref: string | null;
  reminderHref: string | null;
}

async function shareOf(invoiceId: string): Promise<Share> {
  const response = await t.request(`/app/invoices/${invoiceId}`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { page: { view: { share: Share } } };
  return body.page.view.share;
}

/** The text an sms: link opens with. */
function smsBody(href: string): string {
  const [, body = ""] = href.split("?&body=");
  return decodeURIComponent(body);
}

describe("Text a reminder", () => {
  it("texts an overdue invoice's balance, business, number and link, in English", async () => {
    const invoice = await sentInvoice({ number: "GL-2001", items: [{ unitPrice: 53_349 }] });
    const share = await shareOf(invoice.id);
    expect(share.reminderHref?.startsWith("sms:+15550100199?&body=")).toBe(true);
    expect(smsBody(share.reminderHref ?? "")).toBe(
      `Hi Dana, a friendly reminder from Greenleaf Landscaping: invoice GL-2001 has a balance of $533.49 past due. Thank you! You can view it here: ${share.url}`,
    );
    // "Text to customer" keeps its own message, without an amount.
    expect(smsBody(share.smsHref ?? "")).not.toContain("$");
  });

  it("names what is left of a partly paid invoice, in the invoice's language", async () => {
    const invoice = await sentInvoice({
      number: "GL-2002",
      locale: "es-MX",
      currency: "MXN",
      customerName: "María José Núñez",
    });
    await makePayment(t.db, { invoiceId: invoice.id, amount: 2_000, currency: "MXN" });
    const share = await shareOf(invoice.id);
    expect(smsBody(share.reminderHref ?? "")).toBe(
      `Hola María, le recordamos amablemente de parte de Greenleaf Landscaping que la factura GL-2002 tiene un saldo vencido de $80.00. ¡Gracias! Puede verla aquí: ${share.url}`,
    );
  });

  it("is not offered before the due date has passed in the business's time zone", async () => {
    // Due today in Los Angeles (already 26 November in UTC+14): not late yet.
    const today = await sentInvoice({ number: "GL-2003", dueDate: "2026-11-25" });
    const later = await sentInvoice({ number: "GL-2004", dueDate: "2026-12-20" });
    for (const invoice of [today, later]) {
      const share = await shareOf(invoice.id);
      expect(share.smsHref).not.toBeNull();
      expect(share.reminderHref).toBeNull();
    }
  });

  it("is not offered on a paid, void or processing invoice", async () => {
    const paid = await sentInvoice({ number: "GL-2005" });
    await makePayment(t.db, { invoiceId: paid.id, amount: 10_000 });
    const voided = await sentInvoice({ number: "GL-2006" });
    await t.db.update(invoices).set({ status: "void" }).where(eq(invoices.id, voided.id));
    const debit = await sentInvoice({ number: "GL-2007" });
    await makePayment(t.db, {
      invoiceId: debit.id,
      provider: "stripe",
      method: "us_bank_account",
      status: "processing",
      amount: 10_000,
    });
    for (const invoice of [paid, voided, debit]) {
      expect((await shareOf(invoice.id)).reminderHref).toBeNull();
    }
  });
});

describe("Text a reminder in the list", () => {
  interface Row {
    number: string;
    href: string;
    reminderHref: string | null;
  }
  const rowsOf = async (query: string): Promise<Row[]> => {
    const response = await t.request(`/app${query}`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { page: { view: { rows: Row[] } } };
    return body.page.view.rows;
  };

  it("is on each overdue row with an active link, with the same text as on its detail", async () => {
    const rows = await rowsOf("");
    const byNumber = new Map(rows.map((row) => [row.number, row]));
    for (const number of ["GL-2001", "GL-2002"]) {
      const row = byNumber.get(number);
      const detail = await shareOf(row?.href.split("/").at(-1) ?? "");
      expect(row?.reminderHref).toBe(detail.reminderHref);
      expect(row?.reminderHref).toMatch(/^sms:\+15550100199\?&body=/);
    }
    for (const number of ["GL-2003", "GL-2004", "GL-2005", "GL-2006", "GL-2007"]) {
      expect(byNumber.get(number)?.reminderHref).toBeNull();
    }
    // The overdue filter the daily digest opens: a reminder on every row.
    const overdue = await rowsOf("?filter=overdue");
    expect(overdue.map((row) => row.number).sort()).toEqual(["GL-2001", "GL-2002"]);
    expect(overdue.every((row) => row.reminderHref !== null)).toBe(true);
  });

  it("is not on an overdue invoice whose link was revoked: there is nothing to send", async () => {
    const invoice = await sentInvoice({ number: "GL-2008" });
    const revoked = await t.request(`/app/invoices/${invoice.id}/revoke`, formPost(cookie));
    expect(revoked.status).toBe(303);
    const row = (await rowsOf("?filter=overdue")).find((r) => r.number === "GL-2008");
    expect(row).toBeDefined();
    expect(row?.reminderHref).toBeNull();
  });
});
