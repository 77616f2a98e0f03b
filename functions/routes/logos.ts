import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { logoImages } from "../../db/schema";
import type { AppEnv } from "../http/app-env";

export const logoRoutes = new Hono<AppEnv>();

// Stored logos are served from our own origin. An id names one upload and never changes
// content, so browsers may cache it for good.
logoRoutes.get("/:id", async (c) => {
  const id = c.req.param("id");
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return c.notFound();
  const [logo] = await c.var.db
    .select({ contentType: logoImages.contentType, bytes: logoImages.bytes })
    .from(logoImages)
    .where(eq(logoImages.id, id));
  if (!logo) return c.notFound();
  return c.body(new Uint8Array(logo.bytes), 200, {
    "Content-Type": logo.contentType,
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
    // An image, never a document: no scripts even if someone opens it directly.
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
});
