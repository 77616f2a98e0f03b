import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs } from "../../../test/support/api";
import { makeOwner } from "../../../test/support/factories";
import { startTestApp, type TestApp } from "../../../test/support/test-app";
import { apiKeyResponse, createdKeyResponse, keyListResponse } from "./schemas/responses";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("/keys", () => {
  it("creates a key shown once, lists prefixes only, and revokes", async () => {
    const { key } = await makeOwner(t.db);
    const api = apiAs(t, key);
    const created = await api("POST", "/keys", { name: "Accounting" });
    expect(created.status).toBe(201);
    const fresh = createdKeyResponse.parse(created.body);
    expect(fresh.key).toMatch(/^sk_portal_/);
    expect(fresh.key.startsWith(fresh.prefix)).toBe(true);

    // The new key works, and can revoke the first.
    const listed = keyListResponse.parse((await apiAs(t, fresh.key)("GET", "/keys")).body);
    expect(listed.data).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(fresh.key);
    const first = listed.data.find((k) => k.id !== fresh.id);
    const revoked = await apiAs(t, fresh.key)("DELETE", `/keys/${first?.id}`);
    expect(revoked.status).toBe(200);
    expect(apiKeyResponse.parse(revoked.body).revoked_at).not.toBeNull();
    expect((await api("GET", "/business")).status).toBe(401);
    // Revoking again changes nothing.
    const again = await apiAs(t, fresh.key)("DELETE", `/keys/${first?.id}`);
    expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
  });

  it("accepts an empty body, refuses unknown fields", async () => {
    const { key } = await makeOwner(t.db);
    const api = apiAs(t, key);
    expect((await api("POST", "/keys")).status).toBe(201);
    expect((await api("POST", "/keys", { scope: "all" })).body.error.code).toBe("unknown_field");
  });

  it("will not let a key revoke itself", async () => {
    const { key } = await makeOwner(t.db);
    const api = apiAs(t, key);
    const [self] = (await api("GET", "/keys")).body.data;
    const answer = await api("DELETE", `/keys/${self.id}`);
    expect([answer.status, answer.body.error.code]).toEqual([409, "key_in_use"]);
  });

  it("cannot see or revoke another business's keys", async () => {
    const a = await makeOwner(t.db);
    const b = await makeOwner(t.db);
    const [bKey] = (await apiAs(t, b.key)("GET", "/keys")).body.data;
    const answer = await apiAs(t, a.key)("DELETE", `/keys/${bKey.id}`);
    expect([answer.status, answer.body.error.code]).toEqual([404, "not_found"]);
    expect((await apiAs(t, a.key)("GET", "/keys")).body.data).toHaveLength(1);
  });
});
