import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { trimPdfLibraries } from "./scripts/lib/pdf-libraries.mjs";

const dependency = (path: string) =>
  fileURLToPath(new URL(`./node_modules/${path}`, import.meta.url));

// Projects are split by runtime: plain Node for domain code, the local database server and the
// Hono routes; workerd for the same app as Cloudflare runs it (test/workerd); the browser tests
// against the built Worker under `wrangler dev` (test/e2e, when present).
export default defineConfig({
  test: {
    projects: [
      {
        // The PDF tests run the same pdf-lib and fontkit the Worker ships: their ES builds, with
        // the build's cuts of unused data (scripts/lib/pdf-libraries.mjs) applied.
        plugins: [trimPdfLibraries()],
        resolve: {
          alias: [
            { find: /^pdf-lib$/, replacement: dependency("pdf-lib/es/index.js") },
            {
              find: /^@pdf-lib\/fontkit$/,
              replacement: dependency("@pdf-lib/fontkit/dist/fontkit.es.js"),
            },
            {
              find: /^@pdf-lib\/standard-fonts$/,
              replacement: dependency("@pdf-lib/standard-fonts/es/index.js"),
            },
          ],
        },
        test: {
          name: "node",
          environment: "node",
          include: ["{db,functions,cli,scripts,tools,test/node,test/fixtures}/**/*.test.ts"],
          exclude: ["**/*.workerd.test.ts", "node_modules/**"],
          testTimeout: 20_000,
          server: { deps: { inline: ["pdf-lib", "@pdf-lib/fontkit", "@pdf-lib/standard-fonts"] } },
        },
      },
      "test/*/vitest.config.ts",
    ],
  },
});
