import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceEvents, invoices, lineItems } from "../../db/schema";
import { makeBusiness } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { createInvoice } from "./create-invoice";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");

describe("createInvoice", () => {
  it("fills defaults from the business and writes items in order", async () => {
    const business = await makeBusiness(t.db, {
      defaultCurrency: "EUR",
      defaultLocale: "de-DE",
      timezone: "Pacific/Kiritimati",
    });
    const items = Array.from({ length: 230 }, (_, i) => ({
      description: `Item ${i}`,
      quantity: 1500,
      unitPrice: 1000 + i,
    }));
    const { invoiceId, totals } = await createInvoice(t.db, {
      businessId: business.id,
      invoice: { number: "A-1", amount: { mode: "items", items } },
      now,
    });
    const [row] = await t.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    expect(row).toMatchObject({ currency: "EUR", locale: "de-DE", status: "draft", version: 1 });
    // 18:00 UTC is already the next day at UTC+14.
    expect(row?.issueDate).toBe("2026-11-26");
    expect(row?.dueDate).toBe("2026-11-26");
    const stored = await t.db.select().from(lineItems).where(eq(lineItems.invoiceId, invoiceId));
    expect(stored.map((i) => i.position).sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    expect(totals.total).toBe(items.reduce((sum, i) => sum + Math.round(i.unitPrice * 1.5), 0));
    const events = await t.db
      .select()
      .from(invoiceEvents)
      .where(eq(invoiceEvents.invoiceId, invoiceId));
    expect(events.map((e) => e.kind)).toEqual(["created"]);
  });

  it("refuses a number already used in the same business, not in another", async () => {
    const a = await makeBusiness(t.db);
    const b = await makeBusiness(t.db);
    const invoice = { number: "DUP-1", amount: { mode: "fixed" as const, amount: 100 } };
    await createInvoice(t.db, { businessId: a.id, invoice, now });
    await expect(createInvoice(t.db, { businessId: a.id, invoice, now })).rejects.toMatchObject({
      code: "duplicate_number",
    });
    await expect(createInvoice(t.db, { businessId: b.id, invoice, now })).resolves.toBeTruthy();
  });

  it("checks the invoice as stored: a due date before the default issue date is refused", async () => {
    const business = await makeBusiness(t.db);
    await expect(
      createInvoice(t.db, {
        businessId: business.id,
        invoice: { number: "D-1", dueDate: "2026-01-01", amount: { mode: "fixed", amount: 1 } },
        now,
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: [{ path: "due_date" }] });
  });
});
