import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { businesses, setupLinks } from "../../db/schema";
import { newId, sha256Hex } from "../domain/tokens";
import { AppError } from "../http/errors";
import { newSessionToken } from "./session-token";

// One-time links that register a passkey for a business. Made by the CLI (the first passkey,
// or recovery when every device is lost) and by a signed-in owner adding another device. Only
// the token's hash is stored; the link works once, within SETUP_TTL_MS.

export const SETUP_TTL_MS = 24 * 60 * 60 * 1000;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function setupUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/app/setup/${token}`;
}

export async function createSetupLink(
  db: Db,
  input: { businessId: string; now: Date; ttlMs?: number },
): Promise<{ token: string; expiresAt: Date }> {
  const [business] = await db
    .select({ id: businesses.id })
    .from(businesses)
    .where(eq(businesses.id, input.businessId));
  if (!business) throw new AppError("not_found", "Business not found");
  const token = newSessionToken();
  const expiresAt = new Date(input.now.getTime() + (input.ttlMs ?? SETUP_TTL_MS));
  await db.insert(setupLinks).values({
    id: newId("set"),
    businessId: input.businessId,
    tokenHash: await sha256Hex(token),
    createdAt: input.now,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The unused, unexpired setup link for a token, with its business's name. */
export async function setupLinkRead(db: Db, token: string, now: Date) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({ id: setupLinks.id, businessId: setupLinks.businessId, businessName: businesses.name })
    .from(setupLinks)
    .innerJoin(businesses, eq(businesses.id, setupLinks.businessId))
    .where(
      and(
        eq(setupLinks.tokenHash, await sha256Hex(token)),
        isNull(setupLinks.usedAt),
        gt(setupLinks.expiresAt, now),
      ),
    );
  return row ?? null;
}
