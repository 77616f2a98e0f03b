import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { join } from "node:path";
import type { CpuProfile } from "./cpu-profile";
import { originOf } from "./upload-breakdown";

// Where a Worker's start-up goes, from `wrangler check startup`'s CPU profiles: each running
// sample is put down to the code it was in, named by package (or our folder) through the build's
// source maps. A frame at line -1 is a module being loaded (parsed, compiled, its top level run)
// rather than a function of it; it is named by what that module holds most of. Samples are
// coarse (about 1 ms), so the profiles of all runs are added up and divided by the runs.

type ProfileNode = CpuProfile["nodes"][number];

/** Milliseconds per run for each place start-up goes, largest first. */
export function startupBreakdown(
  runs: { profile: CpuProfile; intervalMs: number }[],
  serverDir: string,
): Record<string, number> {
  const origins = new ModuleOrigins(serverDir);
  const ms = new Map<string, number>();
  for (const { profile, intervalMs } of runs) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    const parentOf = (n: ProfileNode) => byId.get(parent.get(n.id) ?? -1);
    for (const id of profile.samples) {
      const leaf = byId.get(id);
      if (!leaf || leaf.callFrame.functionName === "(idle)") continue;
      const place = placeOf(leaf, parentOf, origins);
      // Each run's samples stand for that run's own interval.
      ms.set(place, (ms.get(place) ?? 0) + intervalMs);
    }
  }
  const count = Math.max(1, runs.length);
  return Object.fromEntries(
    [...ms]
      .sort((a, b) => b[1] - a[1])
      .map(([place, total]) => [place, Math.round((total * 100) / count) / 100]),
  );
}

function placeOf(
  leaf: ProfileNode,
  parentOf: (node: ProfileNode) => ProfileNode | undefined,
  origins: ModuleOrigins,
): string {
  const name = leaf.callFrame.functionName;
  if (name === "(garbage collector)") return "garbage collection";
  if (name === "(program)") return "runtime, outside JavaScript";
  // A runtime built-in (URL, crypto) counts for the code that called it.
  for (let n: ProfileNode | undefined = leaf; n; n = parentOf(n)) {
    const { url, lineNumber, columnNumber } = n.callFrame;
    if (!url) continue;
    if (url.startsWith("node-internal:")) return "workerd's Node.js modules";
    const module = origins.moduleOf(url);
    if (!module) {
      // wrangler's entry that imports the Worker is named by a random UUID; any other module
      // outside the build (a runtime built-in) counts for the code that called it.
      if (UUID.test(url)) return "the profiler's own module";
      continue;
    }
    if (lineNumber < 0) return `loading modules: ${origins.mainOrigin(module)}`;
    return origins.originAt(module, lineNumber, columnNumber);
  }
  return "runtime, outside JavaScript";
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The build's modules and, through their source maps, the package each piece of code is from. */
class ModuleOrigins {
  private maps = new Map<string, SourceMap | null>();
  private mains = new Map<string, string>();

  constructor(private serverDir: string) {}

  /** The build's module a profile URL names (the profiler names them by path). */
  moduleOf(url: string): string | null {
    const match = /(chunks\/[^/]+\.m?js|[^/]+\.m?js)$/.exec(url);
    const module = match?.[1];
    return module && existsSync(join(this.serverDir, module)) ? module : null;
  }

  originAt(module: string, line: number, column: number): string {
    const entry = this.map(module)?.findEntry(line, column) as
      | { originalSource?: string }
      | undefined;
    return entry?.originalSource ? originOf(entry.originalSource) : module;
  }

  /** What a module is mostly made of: its largest origin by code size. */
  mainOrigin(module: string): string {
    const known = this.mains.get(module);
    if (known) return known;
    const bytes = new Map<string, number>();
    const lines = readFileSync(join(this.serverDir, module), "utf8").split("\n");
    lines.forEach((text, line) => {
      // One lookup per 64 characters is plenty to weigh a module's parts.
      for (let column = 0; column < text.length; column += 64) {
        const origin = this.originAt(module, line, column);
        bytes.set(origin, (bytes.get(origin) ?? 0) + Math.min(64, text.length - column));
      }
    });
    const main = [...bytes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? module;
    this.mains.set(module, main);
    return main;
  }

  private map(module: string): SourceMap | null {
    let map = this.maps.get(module);
    if (map === undefined) {
      try {
        map = new SourceMap(
          JSON.parse(readFileSync(join(this.serverDir, `${module}.map`), "utf8")),
        );
      } catch {
        map = null; // A module without a source map is named by its file.
      }
      this.maps.set(module, map);
    }
    return map;
  }
}
