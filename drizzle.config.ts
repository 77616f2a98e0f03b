import { defineConfig } from "drizzle-kit";

// Generates SQL migrations from db/schema.ts; they are committed and applied by db/migrate.ts.
export default defineConfig({
  dialect: "turso",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
