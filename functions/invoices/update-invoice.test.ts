import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, lineItems } from "../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { createInvoice } from "./create-invoice";
import { updateInvoice } from "./update-invoice";

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
});

describe("updateInvoice", () => {
  it("replaces items, switches modes and bumps the version", async () => {
    const business = await makeBusiness(t.db);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, items: [{}, {}] });
    const result = await updateInvoice(t.db, {
      businessId: business.id,
      invoiceId: invoice.id,
      changes: {
        amount: { mode: "items", items: [{ description: "New", quantity: 2000, unitPrice: 500 }] },
      },
      now,
    });
    expect(result).toMatchObject({ version: 2, totals: { total: 1000 } });
    const items = await t.db.select().from(lineItems).where(eq(lineItems.invoiceId, invoice.id));
    expect(items.map((i) => i.description)).toEqual(["New"]);

    await updateInvoice(t.db, {
      businessId: business.id,
      invoiceId: invoice.id,
      changes: { amount: { mode: "fixed", amount: 4200 }, notes: "Thanks" },
      now,
    });
    const [row] = await t.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row).toMatchObject({
      amountMode: "fixed",
      fixedAmount: 4200,
      notes: "Thanks",
      version: 3,
    });
    expect(await t.db.select().from(lineItems).where(eq(lineItems.invoiceId, invoice.id))).toEqual(
      [],
    );
  });

  it("refuses paid and void invoices, and other businesses' invoices", async () => {
    const business = await makeBusiness(t.db);
    const other = await makeBusiness(t.db);
    const { invoice: paid } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    await makePayment(t.db, { invoiceId: paid.id });
    const { invoice: voided } = await makeInvoice(t.db, {
      businessId: business.id,
      status: "void",
    });
    const edit = (invoiceId: string, businessId = business.id) =>
      updateInvoice(t.db, { businessId, invoiceId, changes: { notes: "x" }, now });
    await expect(edit(paid.id)).rejects.toMatchObject({ code: "invoice_not_editable" });
    await expect(edit(voided.id)).rejects.toMatchObject({ code: "invoice_not_editable" });
    await expect(edit(paid.id, other.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("changes nothing when the invoice moved on between the read and the write", async () => {
    const business = await makeBusiness(t.db);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, items: [{}] });
    // A database whose first batch (the read) is followed by someone else's edit.
    let raced = false;
    const racing = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property !== "batch") return Reflect.get(target, property, receiver);
        return async (items: Parameters<typeof target.batch>[0]) => {
          const result = await target.batch(items);
          if (!raced) {
            raced = true;
            await t.db.update(invoices).set({ version: 7 }).where(eq(invoices.id, invoice.id));
          }
          return result;
        };
      },
    });
    await expect(
      updateInvoice(racing, {
        businessId: business.id,
        invoiceId: invoice.id,
        changes: { notes: "late", amount: { mode: "fixed", amount: 1 } },
        now,
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    const [row] = await t.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row).toMatchObject({ version: 7, notes: "", amountMode: "items" });
    const items = await t.db.select().from(lineItems).where(eq(lineItems.invoiceId, invoice.id));
    expect(items).toHaveLength(1);
  });
});
