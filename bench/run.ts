import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { type Stack, startStack } from "../test/e2e/stack";
import { findChromium } from "../test/support/browser";
import { type CpuProfile, runningCpu } from "./cpu-profile";
import { startDelayProxy } from "./delay-proxy";
import { measureFarDatabase } from "./far-database";
import { measurePdf } from "./pdf";
import { startupBreakdown } from "./startup-breakdown";
import { uploadBreakdown } from "./upload-breakdown";
import { measureViewCpu } from "./view-cpu";
import { measureWorkerCpu } from "./worker-cpu";

// `npm run bench`: builds the Worker, starts the local stack (fresh database with the demo data,
// `wrangler dev`, loopback only) and measures what the product promises: one database round
// trip per view, a small page, fast PDFs, a small Worker that starts fast, little CPU per view,
// dynamic pages nearly as fast as a static file from the same Worker, and, with the database
// made far away (bench/delay-proxy.ts), one round trip's wait per view. Writes bench/reports/latest.json, prints
// a table, and exits non-zero when a figure is over its budget in bench/budgets.json.
//
// Flags: --no-build (reuse dist/), --quick (2 s load runs instead of 5 s), --no-lighthouse.

const run = promisify(execFile);
const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");

type Figure =
  | { value: number; unit: string; detail?: string }
  | { value: null; unit: string; detail: string };

interface Budget {
  min?: number;
  max?: number;
  unit: string;
  why: string;
}

const figures: Record<string, Figure> = {};
const extra: Record<string, unknown> = {};

function record(name: string, value: number, unit: string, detail?: string) {
  figures[name] = { value, unit, ...(detail ? { detail } : {}) };
}
function notMeasured(name: string, unit: string, reason: string) {
  figures[name] = { value: null, unit, detail: `not measured: ${reason}` };
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const errorText = (error: unknown) =>
  error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);

// ── Load ─────────────────────────────────────────────────────────────────────────────────────

interface LoadResult {
  requests: number;
  errors: number;
  wrongStatus: number;
  /** Count of each non-200 status seen. */
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] as number;
}

function load(url: string, durationMs: number, connections = 10): Promise<LoadResult> {
  return new Promise((done, fail) => {
    const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), {
      workerData: { url, connections, durationMs, maxRequests: 200_000 },
    });
    worker.once("error", fail);
    worker.once(
      "message",
      (
        m: Omit<LoadResult, "requests" | "rps" | "p50" | "p90" | "p99" | "max"> & {
          latencies: number[];
          elapsedMs: number;
        },
      ) => {
        void worker.terminate();
        const sorted = m.latencies.sort((a, b) => a - b);
        done({
          requests: sorted.length,
          errors: m.errors,
          wrongStatus: m.wrongStatus,
          statuses: m.statuses,
          rps: round(sorted.length / (m.elapsedMs / 1000), 0),
          p50: round(percentile(sorted, 0.5)),
          p90: round(percentile(sorted, 0.9)),
          p99: round(percentile(sorted, 0.99)),
          max: round(sorted[sorted.length - 1] ?? Number.NaN),
        });
      },
    );
  });
}

async function measureLoad(stack: Stack, pagePath: string) {
  const staticUrl = `${stack.baseUrl}/robots.txt`;
  const pageUrl = `${stack.baseUrl}${pagePath}`;
  const check = await fetch(staticUrl);
  if (check.status !== 200) throw new Error(`${staticUrl} answered ${check.status}`);
  const durationMs = quick ? 2_000 : 5_000;
  // Warm both paths (JIT, connection pool), then measure them back to back in the same run.
  await load(staticUrl, 1_000);
  await load(pageUrl, 1_000);
  const stat = await load(staticUrl, durationMs);
  const dynamic = await load(pageUrl, durationMs);
  // One request at a time: latency without queueing behind other requests.
  const staticAlone = await load(staticUrl, durationMs / 2, 1);
  const dynamicAlone = await load(pageUrl, durationMs / 2, 1);
  for (const [name, r] of [
    ["static", stat],
    ["portal view", dynamic],
    ["static, one connection", staticAlone],
    ["portal view, one connection", dynamicAlone],
  ] as const) {
    if (r.errors || r.wrongStatus || !r.requests) {
      const seen = JSON.stringify(r.statuses);
      throw new Error(
        `${name} load run failed: ${r.errors} errors, ${r.wrongStatus} non-200 ${seen}`,
      );
    }
  }
  extra.load = {
    connections: 10,
    durationMs,
    static: { url: "/robots.txt", ...stat },
    portalView: { url: "/p/<ZM-1042>", ...dynamic },
    oneConnection: { static: staticAlone, portalView: dynamicAlone },
  };
  record("viewP50Ms", dynamic.p50, "ms", `static file p50 ${stat.p50} ms`);
  record("viewP99Ms", dynamic.p99, "ms", `static file p99 ${stat.p99} ms`);
  record("viewRps", dynamic.rps, "req/s", `static file ${stat.rps} req/s, 10 connections`);
  record(
    "p50RatioDynamicStatic",
    round(dynamic.p50 / stat.p50),
    "×",
    "portal view p50 / static p50",
  );
  record(
    "viewP50OneConnectionMs",
    dynamicAlone.p50,
    "ms",
    `one request at a time; static file ${staticAlone.p50} ms`,
  );
}

// ── Database round trips ─────────────────────────────────────────────────────────────────────

async function roundTrips(stack: Stack, path: string, n = 20): Promise<number> {
  const server = stack.database.server;
  server.resetStats();
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${stack.baseUrl}${path}`);
    await response.arrayBuffer();
  }
  return server.stats().pipelineRequests / n;
}

async function measureRoundTrips(stack: Stack, pagePath: string) {
  // Let anything still in flight from start-up land before counting.
  await new Promise((r) => setTimeout(r, 300));
  const perView = await roundTrips(stack, pagePath);
  record("dbRoundTripsPerView", perView, "round trips", "GET of a portal page, 20 times");
  const revoked = stack.links.find((l) => l.revoked);
  extra.roundTrips = {
    portalView: perView,
    revokedLink: revoked ? await roundTrips(stack, `/p/${revoked.token}`) : null,
    unknownLink: await roundTrips(stack, "/p/AAAAAAAAAAAAAAAAAAAAAA"),
    pdf: await roundTrips(stack, `${pagePath}/pdf`, 5),
    staticFile: await roundTrips(stack, "/robots.txt"),
  };
}

// ── Page size ────────────────────────────────────────────────────────────────────────────────

async function measureHtml(stack: Stack, path: string) {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    headers: { "Accept-Encoding": "identity" },
  });
  const html = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200 || !html.includes("<html")) {
    throw new Error(`The 20-line page answered ${response.status}`);
  }
  const gzipped = gzipSync(html).length;
  const brotli = brotliCompressSync(html).length;
  record("html20LinesBytes", html.length, "bytes");
  record("html20LinesGzipBytes", gzipped, "bytes", `brotli ${brotli} bytes`);
  extra.html = { invoice: "ZM-1045 (20 lines)", bytes: html.length, gzip: gzipped, brotli };
}

// ── PDF CPU time ─────────────────────────────────────────────────────────────────────────────

async function measurePdfCpu() {
  // Always the full run: with fewer builds the JIT is not warm and the figure reads high.
  const report = await measurePdf();
  extra.pdf = report.cases;
  const onePage = report.cases.find((c) => c.pages === 1);
  const many = report.cases.find((c) => c.name.includes("500"));
  if (onePage) {
    record(
      "pdfOnePageCpuMs",
      onePage.cpuMs.median,
      "ms",
      `${onePage.name}, median of ${onePage.runs}; process ${onePage.processCpuMs.median} ms`,
    );
  } else notMeasured("pdfOnePageCpuMs", "ms", "no one-page case in measurePdf()");
  if (many) {
    record(
      "pdf500ItemsCpuMs",
      many.cpuMs.median,
      "ms",
      `${many.pages} pages, ${round(many.bytes / 1024, 0)} KiB, median of ${many.runs}; process ${many.processCpuMs.median} ms`,
    );
  } else notMeasured("pdf500ItemsCpuMs", "ms", "no 500-item case in measurePdf()");
  // Cases that name their own budget (the Chinese one-page PDF, for one).
  for (const c of report.cases) {
    if (!c.budget) continue;
    record(c.budget, c.cpuMs.median, "ms", `${c.name}, median of ${c.runs}`);
  }
}

// ── Worker size and startup ──────────────────────────────────────────────────────────────────

async function measureUpload(config: string) {
  const out = mkdtempSync(join(tmpdir(), "bench-upload-"));
  try {
    const { stdout, stderr } = await run(
      "npx",
      ["wrangler", "deploy", "--config", config, "--dry-run", "--outdir", out],
      { env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, maxBuffer: 16 * 1024 * 1024 },
    );
    const text = `${stdout}\n${stderr}`;
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(text);
    if (!match) throw new Error("no 'Total Upload' line in wrangler's output");
    // What it is made of, per module and per package, from the build wrangler read (the
    // modules it uploads are the build's files, unbundled).
    const { modules, packages } = uploadBreakdown(dirname(config));
    const largest = packages
      .slice(0, 4)
      .map((p) => `${p.origin} ${p.gzipKiB}`)
      .join(", ");
    record(
      "workerUploadGzipKiB",
      Number(match[2]),
      "KiB",
      `${match[1]} KiB before gzip; largest, KiB gzip: ${largest}`,
    );
    extra.upload = {
      rawKiB: Number(match[1]),
      gzipKiB: Number(match[2]),
      modules: modules.slice(0, 10),
      packages: packages.slice(0, 20),
    };
  } catch (error) {
    notMeasured(
      "workerUploadGzipKiB",
      "KiB",
      `wrangler deploy --dry-run failed: ${errorText(error)}`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * `wrangler check startup`, several times. Its "Active" figure adds up the gaps between the
 * profile's samples, so it also counts the time the thread waited for a core on a busy machine,
 * and the gap from starting the profiler to the first sample: the same build read 37 to 190 ms
 * within minutes here. The figure kept counts the samples instead: each non-idle sample stands
 * for one sampling interval the thread spent running (samples pending while the thread waits
 * are delivered once). It is the least of the runs; wrangler's own figures are in the notes, and
 * the median run's profile is kept in bench/reports/startup.cpuprofile.
 */
async function measureStartup(config: string, runs = 5) {
  const out = mkdtempSync(join(tmpdir(), "bench-startup-"));
  try {
    const results: ({ active: number; window: number; profile: CpuProfile } & ReturnType<
      typeof runningCpu
    >)[] = [];
    const failures: string[] = [];
    for (let i = 0; i < runs; i++) {
      const profile = join(out, `startup-${i}.cpuprofile`);
      try {
        const { stdout, stderr } = await run(
          "npx",
          ["wrangler", "check", "startup", "--config", config, "--outfile", profile],
          { env: { ...process.env, WRANGLER_SEND_METRICS: "false" }, timeout: 180_000 },
        );
        const text = `${stdout}\n${stderr}`;
        const active = /Active: ([\d.]+) ms/.exec(text);
        const window = /Profile window: ([\d.]+) ms/.exec(text);
        if (!active) throw new Error("no 'Active' line in wrangler's output");
        const parsed = JSON.parse(readFileSync(profile, "utf8")) as CpuProfile;
        const cpu = runningCpu(parsed);
        results.push({
          active: Number(active[1]),
          window: Number(window?.[1]),
          profile: parsed,
          ...cpu,
        });
      } catch (error) {
        // One run lost (a busy machine can time it out) still leaves the others.
        failures.push(errorText(error));
      }
    }
    if (!results.length) throw new Error(failures[0] ?? "no run");
    const sorted = [...results].sort((a, b) => a.cpuMs - b.cpuMs);
    const least = sorted[0] as (typeof sorted)[number];
    const middle = sorted[Math.floor(sorted.length / 2)] as (typeof sorted)[number];
    mkdirSync("bench/reports", { recursive: true });
    writeFileSync("bench/reports/startup.cpuprofile", JSON.stringify(middle.profile));
    // Where it goes, from all runs' samples (bench/startup-breakdown.ts).
    const where = startupBreakdown(results, dirname(config));
    const largest = Object.entries(where)
      .slice(0, 4)
      .map(([place, ms]) => `${place} ${ms}`)
      .join(", ");
    record(
      "workerStartupCpuMs",
      round(least.cpuMs, 1),
      "ms",
      `wrangler check startup, least of ${results.length} runs: ${least.samples} running samples × ${round(least.intervalMs, 2)} ms; median ${round(middle.cpuMs, 1)} ms; wrangler's "Active" ${results.map((r) => r.active).join(", ")} ms; largest parts, ms per run: ${largest}`,
    );
    extra.startup = {
      breakdown: where,
      runs: results.map(({ active, window, cpuMs, samples }) => ({
        active,
        window,
        cpuMs,
        samples,
      })),
    };
  } catch (error) {
    notMeasured("workerStartupCpuMs", "ms", `wrangler check startup failed: ${errorText(error)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// ── Worker CPU and the far database ────────────────────────────────────────────────────────

async function measureCpuFigures(stack: Stack, viewPath: string) {
  try {
    const cpu = await measureWorkerCpu(stack, viewPath);
    extra.workerCpu = cpu;
    record(
      "viewThreadCpuMs",
      round(cpu.viewMs),
      "ms",
      `workerd's thread per view (${cpu.views}), scheduler counters, less a static file's: ${round(cpu.viewRawMs)} − ${round(cpu.staticMs)} ms; also counts workerd's own HTTP work around the isolate (informational)`,
    );
    record(
      "pdfFirstInIsolateCpuMs",
      round(cpu.firstPdf.threadMs, 1),
      "ms",
      `first PDF in the isolate, PDF chunk loaded then; wall ${round(cpu.firstPdf.wallMs, 0)} ms; warm in workerd ${round(cpu.warmPdfMs, 1)} ms CPU, ${round(cpu.warmPdfWallMs, 0)} ms wall`,
    );
  } catch (error) {
    notMeasured("viewThreadCpuMs", "ms", `workerd CPU not read: ${errorText(error)}`);
    notMeasured("pdfFirstInIsolateCpuMs", "ms", `workerd CPU not read: ${errorText(error)}`);
  }
  try {
    const view = await measureViewCpu(stack, viewPath);
    mkdirSync("bench/reports", { recursive: true });
    writeFileSync("bench/reports/view.cpuprofile", JSON.stringify(view.profile));
    const { profile: _profile, ...kept } = view;
    extra.viewCpu = kept;
    const [top, second] = Object.entries(view.breakdown);
    record(
      "viewCpuMs",
      round(view.cpuMs),
      "ms",
      `isolate CPU profile, running samples × ${view.intervalMs} ms per view, median of ${view.runs.length} runs of ${view.views} (${view.runs.map((r) => round(r)).join(", ")}); most in ${top?.[0]} ${top?.[1]} ms, ${second?.[0]} ${second?.[1]} ms; a static file ${round(view.staticCpuMs, 3)} ms`,
    );
  } catch (error) {
    notMeasured("viewCpuMs", "ms", `isolate not profiled: ${errorText(error)}`);
  }
}

async function measureFar(stack: Stack, paths: { view: string; pay: string }) {
  const far = await measureFarDatabase(stack, proxy, paths);
  extra.farDatabase = far;
  const line = (r: {
    ttfbMs: number;
    medianTtfbMs: number;
    roundTrips: number;
    newConnections: number;
    runs: number;
  }) =>
    `ttfb ${r.ttfbMs} ms${r.runs > 1 ? ` (least of ${r.runs}, median ${r.medianTtfbMs})` : ""}, ${r.roundTrips} database round trips, ${r.newConnections} new connections`;
  const byDistance = round((far.view.ttfbMs - far.nearViewTtfbMs) / far.rttMs);
  record(
    "farViewTtfbRatio",
    far.view.ratio,
    "× RTT",
    `${far.rttMs} ms RTT; ${line(far.view)}; same view with the database next door ${far.nearViewTtfbMs} ms, so the distance adds ${byDistance} × RTT`,
  );
  record(
    "farPayNowTtfbRatio",
    far.payNewSession.ratio,
    "× RTT",
    `new Checkout Session, to the 303: ${line(far.payNewSession)}; again (session reused): ${far.payAgain.ratio} × RTT, ${line(far.payAgain)}`,
  );
  record(
    "farWebhookRatio",
    far.webhook.ratio,
    "× RTT",
    `checkout.session.completed: ${line(far.webhook)}`,
  );
}

// ── Lighthouse ───────────────────────────────────────────────────────────────────────────────

async function measureLighthouse(stack: Stack, path: string) {
  const chromium = findChromium();
  if (args.has("--no-lighthouse")) {
    notMeasured("lighthouseMobileScore", "score", "--no-lighthouse");
    notMeasured("lighthouseLcpMs", "ms", "--no-lighthouse");
    return;
  }
  if (!chromium) {
    notMeasured("lighthouseMobileScore", "score", "no Chromium");
    notMeasured("lighthouseLcpMs", "ms", "no Chromium");
    return;
  }
  const out = mkdtempSync(join(tmpdir(), "bench-lighthouse-"));
  try {
    const report = join(out, "report.json");
    await run(
      "npx",
      [
        "lighthouse",
        `${stack.baseUrl}${path}`,
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
        "--only-categories=performance",
        "--form-factor=mobile",
        "--output=json",
        `--output-path=${report}`,
        "--quiet",
      ],
      { env: { ...process.env, CHROME_PATH: chromium }, timeout: 180_000 },
    );
    const result = JSON.parse(readFileSync(report, "utf8")) as {
      runtimeError?: { message: string };
      categories: { performance: { score: number | null } };
      audits: Record<string, { numericValue?: number }>;
    };
    const score = result.categories.performance.score;
    const lcp = result.audits["largest-contentful-paint"]?.numericValue;
    if (result.runtimeError || score === null || lcp === undefined) {
      throw new Error(result.runtimeError?.message ?? "no score in the report");
    }
    const fcp = result.audits["first-contentful-paint"]?.numericValue ?? Number.NaN;
    record("lighthouseMobileScore", score, "score", "mobile, simulated slow 4G, ZM-1045");
    record("lighthouseLcpMs", round(lcp, 0), "ms", `FCP ${round(fcp, 0)} ms`);
  } catch (error) {
    notMeasured("lighthouseMobileScore", "score", `lighthouse failed: ${errorText(error)}`);
    notMeasured("lighthouseLcpMs", "ms", `lighthouse failed: ${errorText(error)}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

function checkBudgets(budgets: Record<string, Budget>): string[] {
  const over: string[] = [];
  for (const [name, budget] of Object.entries(budgets)) {
    const figure = figures[name];
    if (!figure || figure.value === null) continue;
    if (budget.max !== undefined && figure.value > budget.max) {
      over.push(`${name} = ${figure.value} ${figure.unit}, budget ≤ ${budget.max}`);
    }
    if (budget.min !== undefined && figure.value < budget.min) {
      over.push(`${name} = ${figure.value} ${figure.unit}, budget ≥ ${budget.min}`);
    }
  }
  return over;
}

function printTable(budgets: Record<string, Budget>) {
  const rows = Object.entries(figures).map(([name, f]) => {
    const b = budgets[name];
    const limit = b
      ? [b.min !== undefined ? `≥ ${b.min}` : "", b.max !== undefined ? `≤ ${b.max}` : ""]
          .filter(Boolean)
          .join(", ")
      : "";
    const ok =
      f.value === null || !b
        ? ""
        : (b.max === undefined || f.value <= b.max) && (b.min === undefined || f.value >= b.min)
          ? "ok"
          : "OVER";
    return [name, f.value === null ? "—" : `${f.value} ${f.unit}`, limit, ok, f.detail ?? ""];
  });
  const head = ["figure", "value", "budget", "", "notes"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ");
  console.log(`\n${line(head)}\n${widths.map((w) => "─".repeat(Math.min(w, 40))).join("  ")}`);
  for (const row of rows) console.log(line(row));
}

const budgets = JSON.parse(readFileSync("bench/budgets.json", "utf8")) as Record<string, Budget>;
delete (budgets as Record<string, unknown>).$comment;

console.log("▶ local stack (build, fresh database, wrangler dev)");
// The Worker reaches the database through the delay proxy, a plain pass-through until the
// far-database scenario gives it a round-trip time.
const proxy = await startDelayProxy();
const stack = await startStack({
  build: !args.has("--no-build"),
  databaseUrl: (url) => {
    proxy.setTarget(url);
    return proxy.url;
  },
});
try {
  console.log("▶ Worker upload size (wrangler deploy --dry-run)");
  await measureUpload(stack.wranglerConfig);
  console.log("▶ Worker startup (wrangler check startup)");
  await measureStartup(stack.wranglerConfig);
  record(
    "devStartMs",
    round(stack.workerStartMs, 0),
    "ms",
    "wrangler dev spawn to first answer (local, informational)",
  );
  const link = (number: string) => {
    const found = stack.links.find((l) => l.number === number);
    if (!found) throw new Error(`no demo link for ${number}`);
    return `/p/${found.token}`;
  };
  console.log("▶ Worker CPU: first PDF in this isolate, warm PDFs, portal views");
  await measureCpuFigures(stack, link("ZM-1042"));
  console.log("▶ database round trips per view");
  await measureRoundTrips(stack, link("ZM-1042"));
  console.log("▶ page size (20-line invoice)");
  await measureHtml(stack, link("ZM-1045"));
  console.log(`▶ load: static file vs portal view, 10 connections, ${quick ? 2 : 5} s each`);
  await measureLoad(stack, link("ZM-1042"));
  console.log("▶ Lighthouse (mobile)");
  await measureLighthouse(stack, link("ZM-1045"));
  // Last: it pays ZM-1043, which changes that invoice's page.
  console.log("▶ far database (150 ms round trip): view, Pay Now, webhook");
  await measureFar(stack, { view: link("ZM-1042"), pay: link("ZM-1043") });
} finally {
  await stack.stop();
  await proxy.close();
}
console.log("▶ PDF CPU time");
await measurePdfCpu();

const over = checkBudgets(budgets);
const report = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? "", node: process.version },
  quick,
  figures,
  budgets,
  over,
  details: extra,
};
mkdirSync("bench/reports", { recursive: true });
writeFileSync("bench/reports/latest.json", `${JSON.stringify(report, null, 2)}\n`);
printTable(budgets);
console.log("\nbench/reports/latest.json");
if (over.length) {
  console.error(`\nOver budget:\n  ${over.join("\n  ")}`);
  process.exit(1);
}
console.log("All measured figures are within budget.");
