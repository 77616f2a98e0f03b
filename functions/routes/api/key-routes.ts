import { Hono } from "hono";
import { createApiKey } from "../../businesses/create-api-key";
import { listApiKeys } from "../../businesses/list-api-keys";
import { revokeApiKey } from "../../businesses/revoke-api-key";
import type { ApiEnv } from "./auth";
import { presentKey } from "./present-business";
import { createKeyBody } from "./schemas/action-input";
import { readJson } from "./validation";

export const keyRoutes = new Hono<ApiEnv>();

keyRoutes.post("/", async (c) => {
  const body = await readJson(c, createKeyBody, { emptyIsObject: true });
  const { key, row } = await createApiKey(c.var.db, {
    businessId: c.var.caller.businessId,
    name: body.name ?? "",
    now: c.var.now(),
  });
  return c.json({ ...presentKey(row), key }, 201);
});

keyRoutes.get("/", async (c) => {
  const keys = await listApiKeys(c.var.db, c.var.caller.businessId);
  return c.json({ data: keys.map(presentKey) });
});

keyRoutes.delete("/:id", async (c) => {
  const key = await revokeApiKey(c.var.db, {
    businessId: c.var.caller.businessId,
    keyId: c.req.param("id"),
    currentKeyId: c.var.caller.keyId,
    now: c.var.now(),
  });
  return c.json(presentKey(key));
});
