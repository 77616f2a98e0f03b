import { readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import { type CpuProfile, profileIsolate } from "../test/support/inspector";

// CPU profiles of the Worker's isolate under `wrangler dev` (taken by test/support/inspector.ts),
// and what they say. A sample that is not "(idle)" is an interval the isolate spent running:
// JavaScript, the runtime's own calls made for it, and garbage collection. That is what Workers
// bills as a request's CPU time. Counting samples, rather than adding up the gaps between them,
// leaves out the time the thread waited for a core on a busy machine: a sample that falls due
// meanwhile is taken once, late.

export type { CpuProfile } from "../test/support/inspector";

/** Running (non-idle) samples of a profile, and the interval each one stands for. */
export function runningCpu(profile: CpuProfile, intervalMs?: number) {
  const idle = new Set(
    profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id),
  );
  const samples = profile.samples.filter((id) => !idle.has(id)).length;
  // Without a requested interval: the median gap between samples.
  const gaps = profile.timeDeltas.slice(1).sort((a, b) => a - b);
  const interval = intervalMs ?? (gaps[Math.floor(gaps.length / 2)] ?? 0) / 1000;
  return { samples, intervalMs: interval, cpuMs: samples * interval };
}

/**
 * Profiles the isolate of the Worker behind `wrangler dev --inspector-port` while `work` runs.
 * `intervalUs` is V8's sampling interval: finer resolves more, but each sample costs the thread
 * a little.
 */
export async function profileWorker(
  inspectorPort: number,
  work: () => Promise<unknown>,
  intervalUs = 200,
): Promise<CpuProfile> {
  const response = await fetch(`http://127.0.0.1:${inspectorPort}/json`);
  const targets = (await response.json()) as { webSocketDebuggerUrl?: string }[];
  const url = targets.find((t) => t.webSocketDebuggerUrl)?.webSocketDebuggerUrl;
  if (!url) throw new Error("the inspector lists no Worker to profile");
  return profileIsolate(url, work, intervalUs);
}

/** Where a view's CPU goes, by the code that ran (ms per view, largest first). */
export function breakdown(
  profile: CpuProfile,
  serverDir: string,
  views: number,
  intervalMs: number,
): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const maps = new Map<string, SourceMap | null>();
  const sourceOf = (url: string, line: number, column: number): string => {
    let map = maps.get(url);
    if (map === undefined) {
      try {
        map = new SourceMap(JSON.parse(readFileSync(join(serverDir, `${url}.map`), "utf8")));
      } catch {
        map = null; // A chunk without a source map: named by its file.
      }
      maps.set(url, map);
    }
    const entry = map?.findEntry(line, column) as { originalSource?: string } | undefined;
    return entry?.originalSource ?? url;
  };
  const counts: Record<string, number> = {};
  for (const id of profile.samples) {
    const leaf = byId.get(id);
    if (!leaf || leaf.callFrame.functionName === "(idle)") continue;
    const category = categoryOf(leaf, (n) => byId.get(parent.get(n.id) ?? -1), sourceOf);
    counts[category] = (counts[category] ?? 0) + 1;
  }
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([category, samples]) => [
        category,
        Math.round((samples * intervalMs * 1000) / views) / 1000,
      ]),
  );
}

type ProfileNode = CpuProfile["nodes"][number];

const CATEGORIES: [RegExp, string][] = [
  [/node_modules\/(astro|@astrojs)\//, "Astro: rendering the page"],
  [/node_modules\/@libsql\//, "libSQL client: request and answer"],
  [/node_modules\/drizzle-orm\/|(^|\/)db\//, "drizzle: statements and rows"],
  [/node_modules\/hono\//, "Hono: routing, context, middleware"],
  [/(^|\/)functions\/(views|i18n|domain)\//, "page model: views, formatting, ledger"],
  [/(^|\/)(src|functions)\//, "our handlers and middleware"],
];

function categoryOf(
  leaf: ProfileNode,
  parentOf: (node: ProfileNode) => ProfileNode | undefined,
  sourceOf: (url: string, line: number, column: number) => string,
): string {
  const name = leaf.callFrame.functionName;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(program)") return "runtime, outside JavaScript";
  // The request log's console.log: the writer keeps its name (a property) through minifying.
  for (let n: ProfileNode | undefined = leaf; n; n = parentOf(n)) {
    const frame = n.callFrame;
    if (frame.functionName === "requestLog" || frame.url.startsWith("node-internal:")) {
      return "console.log of the request line";
    }
  }
  // A runtime built-in (fetch, URL, Headers, crypto) counts for the code that called it.
  for (let n: ProfileNode | undefined = leaf; n; n = parentOf(n)) {
    const { url, lineNumber, columnNumber } = n.callFrame;
    if (!url) continue;
    const source = sourceOf(url, lineNumber, columnNumber);
    const match = CATEGORIES.find(([pattern]) => pattern.test(source));
    if (match) return match[1];
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(source);
    return pkg ? (pkg[1] as string) : source;
  }
  return "runtime, outside JavaScript";
}
