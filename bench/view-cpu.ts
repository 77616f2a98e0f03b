import { dirname } from "node:path";
import type { Stack } from "../test/e2e/stack";
import { breakdown, type CpuProfile, profileWorker, runningCpu } from "./cpu-profile";

// CPU per warm portal view as Workers counts it: the running samples of a CPU profile of the
// Worker's isolate over a run of views, one at a time, divided by the number of views. Several
// runs; the least is kept: a busy machine only adds to a run (each time the thread is preempted
// mid-view, the sample due meanwhile lands on it when it runs again).

export interface ViewCpu {
  /** Running samples × interval / views, least of the runs. */
  cpuMs: number;
  /** Every run's figure, ms per view. */
  runs: number[];
  views: number;
  intervalMs: number;
  /** Where the least run's CPU went, ms per view. */
  breakdown: Record<string, number>;
  /** The same, per request for a static file (the isolate should never see one). */
  staticCpuMs: number;
  /** The least run's profile. */
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
  const least = results.reduce((a, b) => (b.cpuMs < a.cpuMs ? b : a));
  const staticRun = await profileWorker(stack.inspectorPort, many("/robots.txt", 50), intervalUs);
  return {
    cpuMs: least.cpuMs,
    runs: results.map((r) => r.cpuMs),
    views,
    intervalMs,
    breakdown: breakdown(least.profile, dirname(stack.wranglerConfig), views, intervalMs),
    staticCpuMs: runningCpu(staticRun, intervalMs).cpuMs / 50,
    profile: least.profile,
  };
}
