import astro from "@astrojs/cloudflare/entrypoints/server";

// The Worker's entry (wrangler.jsonc `main`): requests go to Astro's Cloudflare handler, which
// serves static assets and hands everything else to src/fetch.ts; the Cron Triggers go to the
// scheduled work. That work is imported when a run starts, never when an isolate starts, so the
// requests' start-up pays nothing for it.

export default {
  fetch: astro.fetch,
  async scheduled(controller, env) {
    const { runScheduled } = await import("../functions/scheduled");
    await runScheduled(controller, env);
  },
} satisfies ExportedHandler<Env>;
