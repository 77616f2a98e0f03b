import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from "miniflare";
import { expect, it } from "vitest";
import { compatibilityDate as newestDate } from "workerd";
import { profileIsolate } from "../support/inspector";
import { browserSuite } from "./support";

// What the built Worker does when an isolate starts, which every cold view waits for unless
// it fits in the TLS handshake (docs/decisions/0002-worker-start-up.md). The benchmark measures
// how long it takes; these tests hold the two rules that keep it short, so a change that breaks
// one fails here rather than showing up later as a slower figure:
// - only what a customer's request needs is loaded: the static imports of the entry module never
//   reach pdf-lib, fontkit, the Stripe SDK, zod, the owner's tables or routes, or astro:assets;
// - nothing reads the global `process`, whose first read loads workerd's Node.js process module
//   (several milliseconds): a CPU profile of the start-up, sampled every 50 µs, shows no frame
//   of those modules.

const SERVER = "dist/server";

browserSuite("Worker start-up", () => {
  it("loads only what a customer's request needs", () => {
    const sources = startupModules().flatMap((module) => sourcesOf(module));
    expect(sources.length).toBeGreaterThan(50); // The graph was read, with its source maps.
    const notAtStartup = [
      /node_modules\/pdf-lib\//,
      /node_modules\/@pdf-lib\//,
      /node_modules\/stripe\//,
      /node_modules\/zod\//,
      /node_modules\/astro\/components\/Image\.astro/,
      /(^|\/)db\/owner-tables\.ts$/,
      /(^|\/)functions\/routes\/(owner|api)\//,
    ];
    const loaded = sources.filter((source) => notAtStartup.some((pattern) => pattern.test(source)));
    expect(loaded).toEqual([]);
    // The customer's own path is there (the check above would pass on an empty graph).
    expect(sources.some((s) => /functions\/routes\/portal\.ts$/.test(s))).toBe(true);
    expect(sources.some((s) => /db\/portal-tables\.ts$/.test(s))).toBe(true);
  });

  it("never reads the global process (no Node.js module is loaded)", async () => {
    const frames = await startupFrames();
    // The profile saw the Worker's own modules load (the check below would pass on no profile).
    expect([...frames].some((url) => /(^|\/)(entry\.mjs|chunks\/)/.test(url))).toBe(true);
    expect([...frames].filter((url) => url.startsWith("node-internal:"))).toEqual([]);
  }, 60_000);
});

/** The modules the entry module imports statically, directly or not: those evaluated at start-up. */
function startupModules(): string[] {
  const seen = new Set<string>();
  const visit = (module: string) => {
    if (seen.has(module)) return;
    seen.add(module);
    const code = readFileSync(join(SERVER, module), "utf8");
    // Static `import … from "./x.mjs"`, `import "./x.mjs"` and `export … from "./x.mjs"`;
    // `import("./x.mjs")` (loaded on first use) is not matched: a parenthesis follows `import`.
    const statics =
      /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
    for (const match of code.matchAll(statics)) {
      visit(normalize(join(dirname(module), match[1] as string)));
    }
  };
  visit("entry.mjs");
  return [...seen];
}

function sourcesOf(module: string): string[] {
  try {
    const map = JSON.parse(readFileSync(join(SERVER, `${module}.map`), "utf8")) as {
      sources: string[];
    };
    return map.sources;
  } catch {
    return []; // A module without a source map (the bundler's runtime helpers).
  }
}

/**
 * Starts the built Worker in workerd as `wrangler check startup` does (a module that imports the
 * Worker's entry on the first request) and returns the URL of every frame a CPU profile of it
 * sampled.
 */
async function startupFrames(): Promise<Set<string>> {
  const config = JSON.parse(readFileSync(join(SERVER, "wrangler.json"), "utf8")) as {
    compatibility_date: string;
    compatibility_flags: string[];
  };
  const modules = [
    ...readdirSync(SERVER),
    ...readdirSync(join(SERVER, "chunks")).map((f) => `chunks/${f}`),
  ]
    .filter((path) => path.endsWith(".mjs"))
    .map((path) => ({
      type: "ESModule" as const,
      path,
      contents: readFileSync(join(SERVER, path), "utf8"),
    }));
  const miniflare = new Miniflare(
    convertV4MiniflareOptions({
      name: "startup",
      modulesRoot: "/",
      modules: [
        {
          type: "ESModule",
          path: "start.mjs",
          contents: `export default { async fetch() { await import("entry.mjs"); return new Response("started"); } };`,
        },
        ...modules,
      ],
      // The runtime installed here may predate the configured date; wrangler does the same.
      compatibilityDate: [config.compatibility_date, newestDate].sort()[0],
      compatibilityFlags: config.compatibility_flags,
      cf: false,
      inspectorPort: 0,
      log: new Log(LogLevel.WARN),
    }),
  );
  try {
    await miniflare.ready;
    const inspector = await miniflare.getInspectorURL();
    const profile = await profileIsolate(
      new URL("/core:user:startup", inspector).href,
      async () => {
        const response = await miniflare.dispatchFetch("https://portal.test/");
        expect(await response.text()).toBe("started");
      },
      50,
    );
    const urlOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame.url]));
    return new Set(profile.samples.map((id) => urlOf.get(id) ?? "").filter(Boolean));
  } finally {
    await miniflare.dispose();
  }
}
