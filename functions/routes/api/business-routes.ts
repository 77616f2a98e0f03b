import { Hono } from "hono";
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

businessRoutes.patch("/", async (c) => {
  const body = await readJson(c, updateBusinessBody);
  const business = await updateBusiness(c.var.db, {
    businessId: c.var.caller.businessId,
    changes: toBusinessChanges(body),
    now: c.var.now(),
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
