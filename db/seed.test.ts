import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildInvoiceView } from "../functions/portal/invoice-view";
import { resolvePortalLink } from "../functions/portal/resolve-portal-link";
import { makeTestDb, type TestDb } from "../test/support/test-db";
import { isEmpty, seedDemo } from "./seed";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());

describe("demo seed", () => {
  it("fills an empty database with invoices whose links resolve to every state", async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const now = new Date("2026-11-25T18:00:00Z");
    const links = await seedDemo(t.db, "s".repeat(32), now);
    expect(await isEmpty(t.db)).toBe(false);
    expect(links.length).toBe(8);

    const states: string[] = [];
    for (const link of links) {
      const resolved = await resolvePortalLink(t.db, link.token);
      expect(resolved.kind).toBe(link.revoked ? "revoked" : "active");
      if (resolved.kind === "active") states.push(buildInvoiceView(resolved, now).state);
    }
    expect(states.sort()).toEqual(["due", "due", "due", "due", "overdue", "paid", "void"]);
  });
});
