import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { invoiceEvents, invoiceSnapshots, invoices, portalLinks } from "../../db/schema";
import { makeBusiness, makeInvoice } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { sendInvoice } from "./send-invoice";
import { voidInvoice } from "./void-invoice";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");
const signingSecret = "test-signing-secret-0123456789abcdef";

/** A database on which `race` runs right after the send's first batch (its read). */
function racingAfterRead(race: () => Promise<unknown>): Db {
  let raced = false;
  return new Proxy(t.db, {
    get(target, property, receiver) {
      if (property !== "batch") return Reflect.get(target, property, receiver);
      return async (items: Parameters<typeof target.batch>[0]) => {
        const result = await target.batch(items);
        if (!raced) {
          raced = true;
          await race();
        }
        return result;
      };
    },
  });
}

async function setup(status: "draft" | "sent" = "draft") {
  const business = await makeBusiness(t.db);
  const { invoice } = await makeInvoice(t.db, { businessId: business.id, status });
  const send = (db: Db, newLink = false) =>
    sendInvoice(db, {
      businessId: business.id,
      invoiceId: invoice.id,
      newLink,
      signingSecret,
      now,
    });
  const links = () => t.db.select().from(portalLinks).where(eq(portalLinks.invoiceId, invoice.id));
  return { business, invoice, send, links };
}

describe("sendInvoice", () => {
  it("never brings back an invoice voided between the read and the write", async () => {
    const { business, invoice, send, links } = await setup();
    const racing = racingAfterRead(() =>
      voidInvoice(
        { db: t.db, stripe: async () => null },
        { businessId: business.id, invoiceId: invoice.id, now },
      ),
    );
    await expect(send(racing)).rejects.toMatchObject({ code: "invoice_void" });
    const [row] = await t.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row?.status).toBe("void");
    expect(await links()).toEqual([]);
    const snapshots = await t.db
      .select()
      .from(invoiceSnapshots)
      .where(eq(invoiceSnapshots.invoiceId, invoice.id));
    expect(snapshots).toEqual([]);
    const events = await t.db
      .select({ kind: invoiceEvents.kind })
      .from(invoiceEvents)
      .where(eq(invoiceEvents.invoiceId, invoice.id));
    expect(events).toEqual([{ kind: "voided" }]);
  });

  it("refuses a second first link instead of revoking the one just handed out", async () => {
    const { send, links } = await setup();
    let winner = "";
    const racing = racingAfterRead(async () => {
      winner = (await send(t.db)).link.id;
    });
    await expect(send(racing)).rejects.toThrow(/UNIQUE constraint failed: portal_links.invoice_id/);
    const active = (await links()).filter((l) => l.revokedAt === null);
    expect(active.map((l) => l.id)).toEqual([winner]);
  });

  it("refuses a New Link racing another, so no caller gets a link already revoked", async () => {
    const { send, links } = await setup();
    const first = await send(t.db);
    let winner = "";
    const racing = racingAfterRead(async () => {
      winner = (await send(t.db, true)).link.id;
    });
    await expect(send(racing, true)).rejects.toThrow(/UNIQUE constraint failed/);
    const all = await links();
    expect(all.filter((l) => l.revokedAt === null).map((l) => l.id)).toEqual([winner]);
    expect(all.map((l) => l.id).sort()).toEqual([first.link.id, winner].sort());
  });
});
