import { readdirSync, readFileSync } from "node:fs";

// CPU time of the Worker under `wrangler dev`, read from Linux's per-thread scheduler counters
// (/proc/<pid>/task/<tid>/schedstat, nanoseconds on the CPU). `wrangler dev` runs two workerd
// processes: one behind the public port that forwards requests, and one running the Worker. In
// the latter, the busiest thread over a run is the one that runs the isolate; its CPU time is
// an upper bound of what Workers bills and limits: it also counts workerd's own work on that
// thread (HTTP parsing, the subrequest to the database, the local router and asset check), which
// for a portal view is more than half of it. bench/view-cpu.ts reads the isolate's own CPU from
// a profile instead. Neither counts the time the thread waited for a core.

export interface CpuReading {
  /** CPU of the isolate's thread, ms. */
  threadMs: number;
  /** CPU of all the Worker process's threads (with V8's GC and compiler helpers), ms. */
  processMs: number;
  wallMs: number;
}

function onCpuNs(pid: number): Map<string, number> {
  const threads = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [ns] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ");
      threads.set(tid, Number(ns));
    } catch {
      // The thread ended meanwhile.
    }
  }
  return threads;
}

/** The workerd process that runs the Worker, among those of the `wrangler dev` process group. */
export function findWorkerProcess(processGroup: number, publicPort: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
      if (pgrp !== processGroup) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (!cmdline[0]?.endsWith("/workerd")) continue;
      if (cmdline.some((arg) => arg === `--socket-addr=entry=127.0.0.1:${publicPort}`)) continue;
      return Number(entry);
    } catch {
      // The process ended meanwhile.
    }
  }
  throw new Error(`no workerd process running the Worker in process group ${processGroup}`);
}

/** Runs `work` and reads the CPU the Worker's process spent meanwhile. */
export async function measureCpu(pid: number, work: () => Promise<unknown>): Promise<CpuReading> {
  const before = onCpuNs(pid);
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const after = onCpuNs(pid);
  let busiest = 0;
  let total = 0;
  for (const [tid, ns] of after) {
    const delta = ns - (before.get(tid) ?? 0);
    total += delta;
    busiest = Math.max(busiest, delta);
  }
  return { threadMs: busiest / 1e6, processMs: total / 1e6, wallMs };
}
