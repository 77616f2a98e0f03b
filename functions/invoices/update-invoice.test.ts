import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices, lineItems } from "../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { updateInvoice } from "./update-invoice";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");

describe("updateInvoice", () => {
  it("replaces items, switches modes and bumps the version", async () => {
    const business = await makeBusiness(t.db);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, items: [{}, {}] });
    const result = await updateInvoice(
      { db: t.db, stripe: async () => null },
      {
        businessId: business.id,
        invoiceId: invoice.id,
        changes: {
          amount: {
            mode: "items",
            items: [{ description: "New", quantity: 2000, unitPrice: 500 }],
          },
        },
        now,
      },
    );
    expect(result).toMatchObject({ version: 2, totals: { total: 1000 } });
    const items = await t.db.select().from(lineItems).where(eq(lineItems.invoiceId, invoice.id));
    expect(items.map((i) => i.description)).toEqual(["New"]);

    await updateInvoice(
      { db: t.db, stripe: async () => null },
      {
        businessId: business.id,
        invoiceId: invoice.id,
        changes: { amount: { mode: "fixed", amount: 4200 }, notes: "Thanks" },
        now,
      },
    );
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
      updateInvoice(
        { db: t.db, stripe: async () => null },
        { businessId, invoiceId, changes: { notes: "x" }, now },
      );
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
      updateInvoice(
        { db: racing, stripe: async () => null },
        {
          businessId: business.id,
          invoiceId: invoice.id,
          changes: { notes: "late", amount: { mode: "fixed", amount: 1 } },
          now,
        },
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    const [row] = await t.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row).toMatchObject({ version: 7, notes: "", amountMode: "items" });
    const items = await t.db.select().from(lineItems).where(eq(lineItems.invoiceId, invoice.id));
    expect(items).toHaveLength(1);
  });
});
