import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoices } from "../../db/schema";
import { makeBusiness, makeInvoice, makePayment } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { newId } from "../domain/tokens";
import { decodeCursor, encodeCursor } from "./list-cursor";
import { listInvoices } from "./list-invoices";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");

describe("listInvoices", () => {
  it("bounds the reading for computed filters and hands back a cursor to go on", async () => {
    const business = await makeBusiness(t.db);
    // The one partly paid invoice is the oldest, behind 1,100 newer fixed-amount invoices.
    const { invoice: oldest } = await makeInvoice(t.db, {
      businessId: business.id,
      status: "sent",
      createdAt: new Date("2026-01-01T00:00:00Z"),
    });
    await makePayment(t.db, { invoiceId: oldest.id, amount: 100 });
    for (let chunk = 0; chunk < 11; chunk++) {
      await t.db.insert(invoices).values(
        Array.from({ length: 100 }, (_, i) => ({
          id: newId("inv"),
          businessId: business.id,
          number: `N-${chunk}-${i}`,
          status: "sent" as const,
          issueDate: "2026-11-01",
          dueDate: "2026-12-31",
          currency: "USD",
          locale: "en-US",
          amountMode: "fixed" as const,
          fixedAmount: 5_000,
          createdAt: new Date(Date.UTC(2026, 5, 1) + chunk * 1000 + i),
        })),
      );
    }
    const input = {
      businessId: business.id,
      filter: { state: "partially_paid" as const },
      limit: 10,
      now,
    };
    const first = await listInvoices(t.db, { ...input, cursor: null });
    expect(first.rows).toEqual([]);
    expect(first.next).not.toBeNull();
    const second = await listInvoices(t.db, { ...input, cursor: first.next });
    expect(second.rows.map((r) => r.invoice.id)).toEqual([oldest.id]);
    expect(second.next).toBeNull();
  });

  it("round-trips cursors and refuses forged ones", () => {
    const cursor = { createdAt: 1_795_629_600_000, id: "inv_abc-_1" };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (let i = 0; i < 200; i++) {
      const random = { createdAt: 1_795_629_600_000 + i, id: newId("inv") };
      const text = encodeCursor(random);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCursor(text)).toEqual(random);
    }
    expect(() => decodeCursor("!!")).toThrow(/cursor/);
    expect(() => decodeCursor(btoa("1.x'; DROP TABLE"))).toThrow(/cursor/);
  });
});
