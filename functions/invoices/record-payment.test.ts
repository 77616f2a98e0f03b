import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoiceEvents, payments } from "../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { noonIn, recordPayment } from "./record-payment";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");

describe("noonIn", () => {
  it("is noon of that day in the zone", () => {
    expect(noonIn("2026-11-24", "UTC").toISOString()).toBe("2026-11-24T12:00:00.000Z");
    expect(noonIn("2026-11-24", "America/Los_Angeles").toISOString()).toBe(
      "2026-11-24T20:00:00.000Z",
    );
    expect(noonIn("2026-11-24", "Pacific/Kiritimati").toISOString()).toBe(
      "2026-11-23T22:00:00.000Z",
    );
    expect(noonIn("2026-07-01", "Europe/Berlin").toISOString()).toBe("2026-07-01T10:00:00.000Z");
  });

  it("keeps the year as written, even one below 100", () => {
    expect(noonIn("2000-01-01", "America/Los_Angeles").toISOString()).toBe(
      "2000-01-01T20:00:00.000Z",
    );
    expect(noonIn("2099-12-31", "Asia/Tokyo").toISOString()).toBe("2099-12-31T03:00:00.000Z");
    expect(noonIn("0001-01-01", "UTC").toISOString()).toBe("0001-01-01T12:00:00.000Z");
  });
});

describe("recordPayment", () => {
  it("stores an offline payment and its timeline event together", async () => {
    const business = await makeBusiness(t.db);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    const { paymentId } = await recordPayment(
      { db: t.db, stripe: async () => null },
      {
        businessId: business.id,
        invoiceId: invoice.id,
        amount: 10_000,
        method: "check",
        reference: "Check #2211",
        now,
      },
    );
    const [payment] = await t.db.select().from(payments).where(eq(payments.id, paymentId));
    expect(payment).toMatchObject({
      provider: "offline",
      status: "succeeded",
      amount: 10_000,
      currency: "USD",
    });
    expect(payment?.completedAt).toEqual(now);
    const events = await t.db
      .select()
      .from(invoiceEvents)
      .where(eq(invoiceEvents.invoiceId, invoice.id));
    expect(events.map((e) => [e.kind, e.detail])).toEqual([
      ["payment_succeeded", "check: Check #2211"],
    ]);
  });

  it("refuses while a bank payment is processing", async () => {
    const business = await makeBusiness(t.db);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    await makePayment(t.db, {
      invoiceId: invoice.id,
      provider: "stripe",
      status: "processing",
      completedAt: null,
    });
    await expect(
      recordPayment(
        { db: t.db, stripe: async () => null },
        {
          businessId: business.id,
          invoiceId: invoice.id,
          amount: 1,
          method: "cash",
          reference: "",
          now,
        },
      ),
    ).rejects.toMatchObject({ code: "invoice_not_payable" });
  });

  it("writes nothing when a payment landed between the read and the write", async () => {
    const business = await makeBusiness(t.db);
    const { invoice } = await makeInvoice(t.db, { businessId: business.id, status: "sent" });
    let raced = false;
    const racing = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property !== "batch") return Reflect.get(target, property, receiver);
        return async (items: Parameters<typeof target.batch>[0]) => {
          // The write (the event, the payment, the read of an open Checkout); not the reads.
          if (!raced && items.length === 3) {
            raced = true;
            await makePayment(t.db, { invoiceId: invoice.id, amount: 6_000 });
          }
          return target.batch(items);
        };
      },
    });
    await expect(
      recordPayment(
        { db: racing, stripe: async () => null },
        {
          businessId: business.id,
          invoiceId: invoice.id,
          amount: 6_000,
          method: "cash",
          reference: "",
          now,
        },
      ),
    ).rejects.toMatchObject({ code: "conflict" });
    const rows = await t.db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(rows.map((p) => p.amount)).toEqual([6_000]);
    const events = await t.db
      .select()
      .from(invoiceEvents)
      .where(eq(invoiceEvents.invoiceId, invoice.id));
    expect(events).toEqual([]);
  });
});
