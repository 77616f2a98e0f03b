import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { afterEach, describe, expect, it } from "vitest";
import { migrate } from "./migrate";
import { businesses, invoices, portalLinks } from "./schema";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("migrate", () => {
  it("applies every migration once and reports what it did", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    const first = await migrate(client);
    expect(first.applied).toContain("0000_init");
    expect(first.alreadyApplied).toEqual([]);

    const second = await migrate(client);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(first.applied);
    expect(second.changedSinceApplied).toEqual([]);

    const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
    const names = tables.rows.map((row) => row.name);
    for (const table of ["businesses", "invoices", "portal_links", "payments", "stripe_events"]) {
      expect(names).toContain(table);
    }
    client.close();
  });

  it("enforces one active link per invoice in the database itself", async () => {
    dir = await mkdtemp(join(tmpdir(), "migrate-"));
    const client = createClient({ url: `file:${join(dir, "db.sqlite")}` });
    await migrate(client);
    const db = drizzle(client);
    await db.batch([
      db.insert(businesses).values({ id: "b1", name: "B" }),
      db.insert(invoices).values({
        id: "i1",
        businessId: "b1",
        number: "1",
        issueDate: "2026-01-01",
        dueDate: "2026-01-31",
        currency: "USD",
        locale: "en-US",
      }),
      db
        .insert(portalLinks)
        .values({ id: "l1", invoiceId: "i1", tokenHash: "h1", tokenSealed: "s" }),
    ]);
    const second = { id: "l2", invoiceId: "i1", tokenHash: "h2", tokenSealed: "s" };
    // drizzle wraps the driver's error; the database's own refusal is its cause.
    const refused = await db
      .insert(portalLinks)
      .values(second)
      .catch((error: Error) => error.cause);
    expect(String(refused)).toMatch(/UNIQUE/);
    await db
      .update(portalLinks)
      .set({ revokedAt: new Date(1) })
      .where(eq(portalLinks.id, "l1"));
    await db.insert(portalLinks).values(second);
    client.close();
  });
});
