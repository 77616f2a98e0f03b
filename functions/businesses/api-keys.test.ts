import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApiKey } from "../../test/support/factories";
import { makeTestDb, type TestDb } from "../../test/support/test-db";
import { findApiKey, needsTouch, touchApiKey } from "./authenticate-key";
import { createBusiness } from "./create-business";
import { revokeApiKey } from "./revoke-api-key";

let t: TestDb;
beforeAll(async () => {
  t = await makeTestDb();
});
afterAll(() => t.close());
const now = new Date("2026-11-25T18:00:00Z");

describe("API keys", () => {
  it("creates a business with a key found by its hash only", async () => {
    const { business, key, keyRow } = await createBusiness(t.db, { name: "Greenleaf", now });
    expect(keyRow.keyHash).not.toContain(key.slice(10));
    expect(keyRow.prefix).toBe(key.slice(0, 14));
    expect(await findApiKey(t.db, key)).toMatchObject({ kind: "valid", businessId: business.id });
    expect(await findApiKey(t.db, `${key}x`)).toEqual({ kind: "unknown" });
  });

  it("touches last-used at most once a minute", async () => {
    const { key, keyRow } = await createBusiness(t.db, { name: "Touch", now });
    expect(needsTouch(null, now)).toBe(true);
    await touchApiKey(t.db, keyRow.id, now);
    await touchApiKey(t.db, keyRow.id, new Date(now.getTime() + 30_000));
    const found = await findApiKey(t.db, key);
    expect(found.kind === "valid" && found.lastUsedAt?.getTime()).toBe(now.getTime());
    expect(needsTouch(now, new Date(now.getTime() + 59_999))).toBe(false);
    expect(needsTouch(now, new Date(now.getTime() + 60_000))).toBe(true);
  });

  it("revokes keys for good, but never the caller's own", async () => {
    const { business, key, keyRow } = await createBusiness(t.db, { name: "Revoke", now });
    const revoke = (currentKeyId: string) =>
      revokeApiKey(t.db, { businessId: business.id, keyId: keyRow.id, currentKeyId, now });
    await expect(revoke(keyRow.id)).rejects.toMatchObject({ code: "key_in_use" });
    const other = await makeApiKey(t.db, { businessId: business.id });
    expect((await revoke(other.row.id)).revokedAt).toEqual(now);
    expect(await findApiKey(t.db, key)).toEqual({ kind: "revoked" });
  });

  it("never lets two keys revoke each other at once, which would lock the owner out", async () => {
    const { business, key, keyRow } = await createBusiness(t.db, { name: "Mutual", now });
    const other = await makeApiKey(t.db, { businessId: business.id });
    // Both requests passed authentication; then the other key's request revoked this key.
    await revokeApiKey(t.db, {
      businessId: business.id,
      keyId: keyRow.id,
      currentKeyId: other.row.id,
      now,
    });
    await expect(
      revokeApiKey(t.db, {
        businessId: business.id,
        keyId: other.row.id,
        currentKeyId: keyRow.id,
        now,
      }),
    ).rejects.toMatchObject({ code: "unauthorized" });
    expect(await findApiKey(t.db, other.key)).toMatchObject({ kind: "valid" });
    expect(await findApiKey(t.db, key)).toEqual({ kind: "revoked" });
  });
});
