import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestDb, type TestDb } from "../test/support/test-db";
import { reusableRead } from "./reusable-read";
import { businesses, invoices, lineItems } from "./schema";

let test: TestDb;

beforeAll(async () => {
  test = await makeTestDb();
  const { db } = test;
  await db.insert(businesses).values({ id: "b1", name: "B" });
  for (const id of ["i1", "i2"]) {
    await db.insert(invoices).values({
      id,
      businessId: "b1",
      number: id,
      issueDate: "2026-01-01",
      dueDate: "2026-01-31",
      currency: "EUR",
      locale: "en-US",
    });
  }
  await db.insert(lineItems).values([
    { id: "l2", invoiceId: "i1", position: 2, description: "second", quantity: 1000, unitPrice: 5 },
    { id: "l1", invoiceId: "i1", position: 1, description: "first", quantity: 2500, unitPrice: 7 },
    { id: "l3", invoiceId: "i2", position: 1, description: "other", quantity: 1000, unitPrice: 9 },
  ]);
});

afterAll(() => test.close());

describe("reusableRead", () => {
  const direct = (invoiceId: string) =>
    test.db
      .select({ item: lineItems, invoice: invoices })
      .from(lineItems)
      .innerJoin(invoices, eq(invoices.id, lineItems.invoiceId))
      .where(eq(lineItems.invoiceId, invoiceId))
      .orderBy(asc(lineItems.position));
  let builds = 0;
  const reusable = reusableRead((db) => {
    builds++;
    return db
      .select({ item: lineItems, invoice: invoices })
      .from(lineItems)
      .innerJoin(invoices, eq(invoices.id, lineItems.invoiceId))
      .where(eq(lineItems.invoiceId, sql.placeholder("invoiceId")))
      .orderBy(asc(lineItems.position));
  });

  it("answers as the same query built by drizzle for each request does, in one batch", async () => {
    const [one, two, none] = await test.db.batch([
      reusable({ invoiceId: "i1" }),
      reusable({ invoiceId: "i2" }),
      reusable({ invoiceId: "missing" }),
    ]);
    expect(one).toEqual(await direct("i1"));
    expect(two).toEqual(await direct("i2"));
    expect(one.map((row) => row.item.id)).toEqual(["l1", "l2"]);
    expect(two.map((row) => row.item.id)).toEqual(["l3"]);
    expect(none).toEqual([]);
  });

  it("builds the query once, however many requests run it", async () => {
    await test.db.batch([reusable({ invoiceId: "i1" })]);
    expect(builds).toBe(1);
  });

  it("runs the SQL text drizzle builds, with the values as parameters", () => {
    const item = reusable({ invoiceId: "i2" }) as unknown as {
      _prepare(): { getQuery(): { sql: string; params: unknown[] } };
    };
    const built = direct("i2").toSQL();
    expect(item._prepare().getQuery()).toEqual({ sql: built.sql, params: built.params });
  });

  it("refuses a request that leaves a placeholder without its value", () => {
    expect(() => reusable({})).toThrow(/invoiceId/);
  });
});
