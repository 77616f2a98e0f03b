import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businesses, invoiceSnapshots } from "../../db/schema";
import { type DemoLink, seedDemo } from "../../test/fixtures/demo-data";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { resolvePortalLink } from "../links/resolve-portal-link";
import { resolvePdfLink } from "./resolve-pdf-link";

const SECRET = "resolve-pdf-test-secret-0123456789abcdef";
let t: TestDb;
let links: DemoLink[];

beforeAll(async () => {
  t = await makeTestDb();
  links = await seedDemo(t.db, SECRET, new Date("2026-11-25T18:00:00Z"));
});
afterAll(() => t.close());

describe("resolvePdfLink", () => {
  it("answers exactly what the portal's resolution answers, for every seeded link", async () => {
    const tokens = [...links.map((l) => l.token), "AAAAAAAAAAAAAAAAAAAAAA", "short"];
    for (const token of tokens) {
      const { logo: _logo, ...pdf } = { logo: null, ...(await resolvePdfLink(t.db, token)) };
      expect(pdf, token).toEqual(await resolvePortalLink(t.db, token));
    }
  });

  it("brings the stored logo of the send-time snapshot along", async () => {
    const link = links.find((l) => l.number === "ZM-1042");
    const resolved = await resolvePdfLink(t.db, link?.token ?? "");
    if (resolved.kind !== "active") throw new Error("expected an active link");
    expect(resolved.snapshot?.logoUrl).toBe(`/logos/${resolved.logo?.id}`);
    expect(resolved.logo?.bytes.subarray(1, 4)).toEqual(new TextEncoder().encode("PNG"));
  });

  it("brings no logo for an https logo, no logo at all, or a revoked link", async () => {
    const link = links.find((l) => l.number === "GL-2001");
    const resolved = await resolvePdfLink(t.db, link?.token ?? "");
    if (resolved.kind !== "active") throw new Error("expected an active link");
    await t.db
      .update(invoiceSnapshots)
      .set({ logoUrl: "https://cdn.example/logo.png" })
      .where(eq(invoiceSnapshots.invoiceId, resolved.invoice.id));
    const https = await resolvePdfLink(t.db, link?.token ?? "");
    expect(https.kind === "active" && https.logo).toBeNull();

    await t.db.update(businesses).set({ logoUrl: null });
    await t.db
      .update(invoiceSnapshots)
      .set({ logoUrl: null })
      .where(eq(invoiceSnapshots.invoiceId, resolved.invoice.id));
    const none = await resolvePdfLink(t.db, link?.token ?? "");
    expect(none.kind === "active" && none.logo).toBeNull();

    const revoked = links.find((l) => l.revoked);
    expect((await resolvePdfLink(t.db, revoked?.token ?? "")).kind).toBe("revoked");
  });
});
