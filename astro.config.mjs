import cloudflare from "@astrojs/cloudflare";
import { defineConfig } from "astro/config";
import { lightenAstroStartup } from "./scripts/lib/astro-startup.mjs";
import { trimPdfLibraries } from "./scripts/lib/pdf-libraries.mjs";
import { pureModules } from "./scripts/lib/pure-modules.mjs";

// Server-rendered on Cloudflare Workers. src/fetch.ts hands requests to the Hono app first;
// Astro renders the page models it is given. Styles are inlined so a portal page is one request.
export default defineConfig({
  output: "server",
  adapter: cloudflare({ imageService: "passthrough" }),
  build: { inlineStylesheets: "always" },
  compressHTML: true,
  devToolbar: { enabled: false },
  security: { checkOrigin: false },
  // No sessions: the customer never logs in, and the portal keeps no per-visitor state.
  session: false,
  vite: {
    plugins: [minifyServerBundle(), lightenAstroStartup(), trimPdfLibraries(), pureModules()],
    // The adapter's default banner, `globalThis.process ??= {}` at the top of every module, reads
    // the global `process`, which under nodejs_compat loads workerd's Node.js process module
    // when the Worker starts (scripts/lib/astro-startup.mjs says what that costs). The Worker
    // always runs with nodejs_compat, where `process` exists, so it needs no stand-in: no banner.
    build: { rolldownOptions: { output: { banner: () => "" } } },
  },
});

/**
 * Astro leaves the server bundle unminified. The Worker is uploaded and started as one script,
 * so its size is startup time everywhere: minified, pdf-lib and fontkit shrink by about a third.
 * Only syntax and names are minified, never properties, so code reaching into pdf-lib's objects
 * (functions/pdf/fast-paths.ts) keeps working; source maps still point at the sources.
 */
function minifyServerBundle() {
  return {
    name: "minify-server-bundle",
    enforce: "post",
    configEnvironment(name, config) {
      if (name === "ssr") {
        config.build ??= {};
        config.build.minify = true;
      }
    },
  };
}
