import cloudflare from "@astrojs/cloudflare";
import { defineConfig } from "astro/config";

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
});
