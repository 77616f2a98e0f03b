import { parseArgs } from "node:util";
import { createClient } from "@libsql/client";
import { migrate } from "./migrate";

// npm run db:migrate -- --url libsql://<db>.turso.io --token <token>
// (or TURSO_DATABASE_URL / TURSO_AUTH_TOKEN in the environment).
const { values } = parseArgs({
  options: { url: { type: "string" }, token: { type: "string" } },
});
const url = values.url ?? process.env.TURSO_DATABASE_URL;
if (!url) {
  console.error(
    "Give the database with --url or TURSO_DATABASE_URL (e.g. libsql://name.turso.io).",
  );
  process.exit(2);
}
const client = createClient({ url, authToken: values.token ?? process.env.TURSO_AUTH_TOKEN });
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
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  client.close();
}
