import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { findApiKey, needsTouch, touchApiKey } from "../../businesses/authenticate-key";
import type { AppEnv } from "../../http/app-env";
import { AppError, errorBody } from "../../http/errors";

/** What the owner API knows about the caller, set by `apiKeyAuth`. */
export interface ApiCaller {
  businessId: string;
  keyId: string;
}

export type ApiEnv = AppEnv & { Variables: AppEnv["Variables"] & { caller: ApiCaller } };

function refuse(c: Context<ApiEnv>, message: string, invalidToken: boolean) {
  const error = new AppError("unauthorized", message);
  const challenge = invalidToken ? 'Bearer error="invalid_token"' : "Bearer";
  return c.json(errorBody(error, c.var.requestId ?? ""), 401, { "WWW-Authenticate": challenge });
}

/**
 * Bearer API keys: one indexed read by the key's SHA-256. A key acts for its own business only;
 * `last_used_at` is refreshed at most once a minute, after the response.
 */
export const apiKeyAuth = createMiddleware<ApiEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    return refuse(c, "Send your API key as Authorization: Bearer <key>", false);
  }
  const found = await findApiKey(c.var.db, match[1]);
  if (found.kind === "revoked") return refuse(c, "This API key has been revoked", true);
  if (found.kind === "unknown") return refuse(c, "This API key is not valid", true);
  const now = c.var.now();
  if (needsTouch(found.lastUsedAt, now))
    c.var.afterResponse(touchApiKey(c.var.db, found.keyId, now));
  c.set("caller", { businessId: found.businessId, keyId: found.keyId });
  await next();
});
