import { dirname } from "node:path";
import type { Stack } from "../test/e2e/stack";
import { breakdown, type CpuProfile, profileWorker, runningCpu } from "./cpu-profile";

// CPU per warm portal view as Workers counts it: the running samples of a CPU profile of the
// Worker's isolate over a run of views, one at a time, divided by the number of views. Several
// runs; the median is kept. Sample counts leave out most of the time the thread waits for a
// core, but a busy machine still moves a run either way: a thread preempted mid-view gets the
// sample that fell due meanwhile when it runs again (one too many), and the profiler's own
// sampling thread, when it waits for a core, misses samples (too few: runs here ranged from
// 1.05 to 1.9 ms with the same build). The median leaves out both kinds of outlier.

export interface ViewCpu {
  /** Running samples × interval / views, median of the runs. */
  cpuMs: number;
  /** Every run's figure, ms per view. */
  runs: number[];
  views: number;
  intervalMs: number;
  /** Where the median run's CPU went, ms per view. */
  breakdown: Record<string, number>;
  /** The same, per request for a static file (the isolate should never see one). */
  staticCpuMs: number;
  /** The median run's profile. */
  profile: CpuProfile;
}

export async function measureViewCpu(
  stack: Stack,
  viewPath: string,
  { runs = 5, views = 100, intervalUs = 200 } = {},
): Promise<ViewCpu> {
  const get = async (path: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  };
  const many = (path: string, n: number) => async () => {
    for (let i = 0; i < n; i++) await get(path);
  };
  const intervalMs = intervalUs / 1000;
  // Warm: the JIT has compiled the view's path, Intl has built its formats.
  await many(viewPath, 30)();
  const results: { cpuMs: number; profile: CpuProfile }[] = [];
  for (let run = 0; run < runs; run++) {
    const profile = await profileWorker(stack.inspectorPort, many(viewPath, views), intervalUs);
    results.push({ cpuMs: runningCpu(profile, intervalMs).cpuMs / views, profile });
  }
  const median = [...results].sort((a, b) => a.cpuMs - b.cpuMs)[Math.floor(results.length / 2)];
  if (!median) throw new Error("no profile run");
  const staticRun = await profileWorker(stack.inspectorPort, many("/robots.txt", 50), intervalUs);
  return {
    cpuMs: median.cpuMs,
    runs: results.map((r) => r.cpuMs),
    views,
    intervalMs,
    breakdown: breakdown(median.profile, dirname(stack.wranglerConfig), views, intervalMs),
    staticCpuMs: runningCpu(staticRun, intervalMs).cpuMs / 50,
    profile: median.profile,
  };
}
