import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../db/client";
import { createSetupLink, setupUrl } from "../functions/owners/setup-links";
import { UsageError } from "./args";

/** Where the owner app is opened; a passkey is bound to this host name. */
export const DEFAULT_APP_URL = "http://localhost:8787";

/**
 * A one-time link that registers a passkey for a business: printed by bootstrap for the first
 * device, and by `setup-link` for recovery when every device is lost. Needs database access,
 * like bootstrap: whoever can run it can already read and write the business's data.
 */
export async function makeSetupLink(input: {
  businessId: string | undefined;
  dbUrl: string;
  authToken?: string;
  appUrl: string;
  now?: Date;
}): Promise<{ url: string; expiresAt: Date }> {
  const businessId = input.businessId?.trim() ?? "";
  if (!businessId) throw new UsageError("setup-link needs --business <id> (bootstrap prints it)");
  const appUrl = URL.parse(input.appUrl);
  if (!appUrl || !/^https?:$/.test(appUrl.protocol)) {
    throw new UsageError(`--app-url must be an http:// or https:// URL, not "${input.appUrl}"`);
  }
  const client = createClient({ url: input.dbUrl, authToken: input.authToken });
  try {
    const db = drizzle(client) as unknown as Db;
    const { token, expiresAt } = await createSetupLink(db, {
      businessId,
      now: input.now ?? new Date(),
    });
    return { url: setupUrl(appUrl.origin, token), expiresAt };
  } finally {
    client.close();
  }
}

export function formatSetupLink(link: { url: string; expiresAt: Date }): string {
  return [
    "Open this one-time link on your phone to set up a passkey for the owner app",
    `(works once, until ${link.expiresAt.toISOString()}):`,
    "",
    `  ${link.url}`,
    "",
  ].join("\n");
}
