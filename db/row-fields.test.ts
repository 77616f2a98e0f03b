import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { and, eq, ne } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { rowFields } from "./row-fields";
import { businesses, invoices, payments } from "./schema";

let dir: string;
let db: ReturnType<typeof drizzle>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "row-fields-"));
  const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
  await migrate(client);
  db = drizzle(client);
  await db.insert(businesses).values({ id: "b1", name: "B" });
  await db.insert(invoices).values([
    {
      id: "open",
      businessId: "b1",
      number: "1",
      issueDate: "2026-01-01",
      dueDate: "2026-01-31",
      currency: "EUR",
      locale: "en-US",
    },
    {
      id: "void",
      businessId: "b1",
      number: "2",
      issueDate: "2026-01-01",
      dueDate: "2026-01-31",
      currency: "EUR",
      locale: "en-US",
      status: "void",
    },
  ]);
});
afterAll(async () => {
  db.$client.close();
  await rm(dir, { recursive: true, force: true });
});

/** An offline payment selected from the invoice while it is not void. */
function payFrom(invoiceId: string, paymentId: string) {
  const row = rowFields(payments, {
    id: paymentId,
    invoiceId: invoices.id,
    provider: "offline",
    status: "succeeded",
    amount: 500,
    currency: invoices.currency,
    invoiceVersion: invoices.version,
    completedAt: new Date(1_700_000_000_000),
  });
  const notVoid = and(eq(invoices.id, invoiceId), ne(invoices.status, "void"));
  return db.insert(payments).select(db.select(row).from(invoices).where(notVoid));
}

describe("rowFields", () => {
  it("writes the given values, columns of the selected row, and defaults for the rest", async () => {
    const before = Date.now();
    expect((await payFrom("open", "p1")).rowsAffected).toBe(1);
    const [written] = await db.select().from(payments).where(eq(payments.id, "p1"));
    expect(written).toMatchObject({
      invoiceId: "open",
      currency: "EUR",
      invoiceVersion: 1,
      amount: 500,
      amountRefunded: 0,
      reference: "",
      method: null,
      checkoutUrl: null,
      completedAt: new Date(1_700_000_000_000),
    });
    expect(written?.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("writes nothing where the guard does not hold", async () => {
    expect((await payFrom("void", "p2")).rowsAffected).toBe(0);
    expect(await db.select().from(payments).where(eq(payments.id, "p2"))).toEqual([]);
  });
});
