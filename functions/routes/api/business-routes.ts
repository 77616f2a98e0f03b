import { Hono } from "hono";
import { fetchLogo } from "../../businesses/fetch-logo";
import { getBusiness } from "../../businesses/get-business";
import { LOGO_TYPES, type LogoType } from "../../businesses/image-type";
import { removeLogo } from "../../businesses/remove-logo";
import { MAX_LOGO_BYTES, setLogo } from "../../businesses/set-logo";
import { updateBusiness } from "../../businesses/update-business";
import { AppError } from "../../http/errors";
import type { ApiEnv } from "./auth";
import { limitBody } from "./body-limit";
import { presentBusiness } from "./present-business";
import { toBusinessChanges, updateBusinessBody } from "./schemas/business-input";
import { readJson } from "./validation";

export const businessRoutes = new Hono<ApiEnv>();

businessRoutes.get("/", async (c) => {
  return c.json(presentBusiness(await getBusiness(c.var.db, c.var.caller.businessId)));
});

// A logo URL is fetched now, once, and stored like an upload (never at render time); nothing
// is written when it cannot be taken.
businessRoutes.patch("/", async (c) => {
  const body = await readJson(c, updateBusinessBody);
  const { logoUrl, ...changes } = toBusinessChanges(body);
  const input = { businessId: c.var.caller.businessId, now: c.var.now() };
  const business = logoUrl
    ? await setLogo(c.var.db, { ...input, ...(await fetchLogo(logoUrl, c.var.fetch)), changes })
    : await updateBusiness(c.var.db, {
        ...input,
        changes: logoUrl === null ? { ...changes, logoUrl } : changes,
      });
  return c.json(presentBusiness(business));
});

// The logo is the raw image as the body, so no multipart parsing is needed at the edge.
businessRoutes.put("/logo", limitBody(MAX_LOGO_BYTES), async (c) => {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!LOGO_TYPES.includes(type as LogoType)) {
    throw new AppError("unsupported_media_type", "Upload the logo as image/png or image/jpeg");
  }
  const business = await setLogo(c.var.db, {
    businessId: c.var.caller.businessId,
    contentType: type as LogoType,
    bytes: new Uint8Array(await c.req.arrayBuffer()),
    now: c.var.now(),
  });
  return c.json(presentBusiness(business));
});

businessRoutes.delete("/logo", async (c) => {
  const business = await removeLogo(c.var.db, {
    businessId: c.var.caller.businessId,
    now: c.var.now(),
  });
  return c.json(presentBusiness(business));
});
