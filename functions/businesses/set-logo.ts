import { Buffer } from "node:buffer";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { type Business, businesses, logoImages } from "../../db/schema";
import { newId } from "../domain/tokens";
import { AppError } from "../http/errors";
import { type LogoType, sniffImageType } from "./image-type";
import type { BusinessChanges } from "./update-business";

export const MAX_LOGO_BYTES = 512 * 1024;

/**
 * Stores an uploaded logo and makes it the business's current logo, in one atomic batch with
 * any other profile `changes` made at the same time. Earlier images are kept: invoices already
 * sent still show the logo of their snapshot.
 */
export async function setLogo(
  db: Db,
  input: {
    businessId: string;
    contentType: LogoType;
    bytes: Uint8Array;
    now: Date;
    changes?: Omit<BusinessChanges, "logoUrl">;
  },
): Promise<Business> {
  if (input.bytes.length === 0) {
    throw new AppError("validation_failed", "The image is empty", [
      { path: "(body)", message: "must be a PNG or JPEG image" },
    ]);
  }
  const actual = sniffImageType(input.bytes);
  if (actual !== input.contentType) {
    throw new AppError(
      "unsupported_media_type",
      `The body is not a ${input.contentType === "image/png" ? "PNG" : "JPEG"} image`,
    );
  }
  const id = newId("logo");
  const [, updated] = await db.batch([
    db.insert(logoImages).values({
      id,
      businessId: input.businessId,
      contentType: actual,
      bytes: Buffer.from(input.bytes),
      createdAt: input.now,
    }),
    db
      .update(businesses)
      .set({ ...input.changes, logoUrl: `/logos/${id}`, updatedAt: input.now })
      .where(eq(businesses.id, input.businessId))
      .returning(),
  ]);
  const business = updated[0];
  if (!business) throw new AppError("not_found", "Business not found");
  return business;
}
