import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../db/client";
import { createBusiness } from "../functions/businesses/create-business";
import { UsageError } from "./args";

export const DEFAULT_DB_URL = "http://127.0.0.1:8080";

/**
 * The one command that writes to the database directly: there is no API key before the first
 * business exists. Everything after goes through the API with the key printed here.
 */
export async function bootstrap(input: {
  name: string | undefined;
  plan: string | undefined;
  dbUrl: string;
  authToken?: string;
  keyName?: string;
  now?: Date;
}) {
  const name = input.name?.trim() ?? "";
  if (!name || name.length > 200) {
    throw new UsageError('bootstrap needs --name "Your Business" (at most 200 characters)');
  }
  const plan = input.plan ?? "free";
  if (plan !== "free" && plan !== "pro") throw new UsageError("--plan must be free or pro");
  const client = createClient({ url: input.dbUrl, authToken: input.authToken });
  try {
    const db = drizzle(client) as unknown as Db;
    return await createBusiness(db, {
      name,
      plan,
      keyName: input.keyName ?? "bootstrap",
      now: input.now ?? new Date(),
    });
  } catch (error) {
    if (/no such table/i.test(String((error as Error).message))) {
      throw new Error(
        `The database at ${input.dbUrl} has no tables yet; run npm run db:migrate first`,
      );
    }
    // The client reports a refused connection as a bare "fetch failed".
    if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
      const reason = (error.cause as Error | undefined)?.message ?? error.message;
      throw new Error(
        `Could not reach the database at ${input.dbUrl} (${reason}); pass --db or set TURSO_DATABASE_URL`,
      );
    }
    throw error;
  } finally {
    client.close();
  }
}
