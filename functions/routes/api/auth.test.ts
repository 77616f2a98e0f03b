import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys } from "../../../db/schema";
import { apiAs } from "../../../test/support/api";
import { makeApiKey, makeOwner } from "../../../test/support/factories";
import { startTestApp, type TestApp } from "../../../test/support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function lastUsed(keyId: string) {
  const [row] = await t.db.select().from(apiKeys).where(eq(apiKeys.id, keyId));
  return row?.lastUsedAt?.getTime() ?? null;
}

describe("API key authentication", () => {
  it("asks for a key, with the error shape and a Bearer challenge", async () => {
    const answer = await apiAs(t, null)("GET", "/business");
    expect(answer.status).toBe(401);
    expect(answer.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(answer.body.error).toMatchObject({ code: "unauthorized" });
    expect(answer.body.error.requestId).toBeTruthy();
  });

  it("refuses unknown, malformed and revoked keys", async () => {
    const { business } = await makeOwner(t.db);
    const { key: revoked } = await makeApiKey(t.db, {
      businessId: business.id,
      revokedAt: new Date("2026-11-01T00:00:00Z"),
    });
    for (const key of ["sk_portal_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "nonsense", revoked]) {
      const answer = await apiAs(t, key)("GET", "/business");
      expect(answer.status).toBe(401);
      expect(answer.headers.get("WWW-Authenticate")).toContain("invalid_token");
    }
    const answer = await apiAs(t, revoked)("GET", "/business");
    expect(answer.body.error.message).toMatch(/revoked/);
  });

  it("acts as the key's business and records use at most once a minute", async () => {
    const { business } = await makeOwner(t.db);
    const { key, row } = await makeApiKey(t.db, { businessId: business.id });
    const api = apiAs(t, key);
    const first = await api("GET", "/business");
    expect(first.body.id).toBe(business.id);
    await t.settle();
    expect(await lastUsed(row.id)).toBe(t.clock.now.getTime());

    const start = t.clock.now;
    t.clock.now = new Date(start.getTime() + 30_000);
    await api("GET", "/business");
    await t.settle();
    expect(await lastUsed(row.id)).toBe(start.getTime());

    t.clock.now = new Date(start.getTime() + 61_000);
    await api("GET", "/business");
    await t.settle();
    expect(await lastUsed(row.id)).toBe(start.getTime() + 61_000);
    t.clock.now = start;
  });

  it("serves the OpenAPI document without a key", async () => {
    const answer = await apiAs(t, null)("GET", "/openapi.json");
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe("3.1.0");
  });

  it("answers unknown endpoints with a JSON 404", async () => {
    const { key } = await makeOwner(t.db);
    const answer = await apiAs(t, key)("GET", "/nothing-here");
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("not_found");
  });
});
