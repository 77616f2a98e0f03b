import { parseArgs } from "node:util";
import { type Client, createClient } from "@libsql/client";
import { migrate } from "./migrate";
import { displayUrl, explainMigrateError } from "./migrate-errors";

// npm run db:migrate -- --url libsql://<db>.turso.io --token <token>
// (or TURSO_DATABASE_URL / TURSO_AUTH_TOKEN in the environment).

const usage =
  "Usage: npm run db:migrate -- --url <libsql url> [--token <token>]\n" +
  "       (or TURSO_DATABASE_URL and TURSO_AUTH_TOKEN in the environment)";

/** A mistake in how the command was called: say so and exit 2, as for a usage error. */
function usageError(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let values: { url?: string; token?: string };
try {
  ({ values } = parseArgs({
    options: { url: { type: "string" }, token: { type: "string" } },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  usageError((error as Error).message);
}
const url = values.url || process.env.TURSO_DATABASE_URL;
if (!url) {
  usageError("Give the database with --url or TURSO_DATABASE_URL (e.g. libsql://name.turso.io).");
}
let client: Client;
try {
  // The client checks the URL here (scheme, query parameters) and throws before any request.
  client = createClient({ url, authToken: values.token || process.env.TURSO_AUTH_TOKEN });
} catch (error) {
  usageError(
    `The database URL ${JSON.stringify(displayUrl(url))} given with --url or TURSO_DATABASE_URL cannot be used: ${(error as Error).message.replaceAll(url, displayUrl(url))}`,
  );
}
try {
  const report = await migrate(client);
  for (const tag of report.applied) console.log(`applied ${tag}`);
  for (const tag of report.changedSinceApplied) {
    console.warn(`warning: ${tag} was applied before and its file has changed since`);
  }
  console.log(
    report.applied.length
      ? `${report.applied.length} migration(s) applied, ${report.alreadyApplied.length} already applied`
      : `database is up to date (${report.alreadyApplied.length} migration(s) applied before)`,
  );
} catch (error) {
  console.error(`Migration failed: ${explainMigrateError(error, url)}`);
  process.exitCode = 1;
} finally {
  client.close();
}
