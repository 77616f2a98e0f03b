import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildWorker, type Database, freePort, startDatabase } from "../../scripts/lib/local-stack";
import { generateVapidKeys } from "../../scripts/lib/vapid-keys";
import type { DemoLink } from "../fixtures/demo-data";
import { type FakeStripeHandle, startStripe } from "./stripe";

// The whole local stack for the browser tests and the benchmark: the built Worker under
// `wrangler dev`, a fresh local libSQL database with the demo data, and the fake Stripe API.
// Everything listens on loopback only and stop() ends it all, process tree included.
//
// The Worker runs from a private copy of dist/ taken right after the build, so a rebuild of dist/
// by anything else in the same tree (another test run, `npm start`) cannot change it mid-run.

export interface Stack {
  baseUrl: string;
  database: Database;
  signingSecret: string;
  links: DemoLink[];
  stripe: FakeStripeHandle | null;
  /** The wrangler config of the private copy of the build (for `wrangler --config`). */
  wranglerConfig: string;
  /** Milliseconds from spawning `wrangler dev` until the Worker first answered. */
  workerStartMs: number;
  /** The process group of `wrangler dev` and its workerd processes. */
  processGroup: number;
  /** Port of the Worker's DevTools inspector (CPU profiles). */
  inspectorPort: number;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Run `astro build` first (otherwise the existing dist/ is used). */
  build: boolean;
  /** Where wrangler's output goes; nothing is kept when unset. */
  logFile?: string;
  /** Start the fake Stripe API and point the Worker at it (default true). */
  stripe?: boolean;
  /** The database URL the Worker is given (e.g. through a proxy); the server's own by default. */
  databaseUrl?: (serverUrl: string) => string;
  /** Give the Worker VAPID keys, so the owner app offers notifications (default false). */
  push?: boolean;
}

async function vapidVars(): Promise<Record<string, string>> {
  const keys = await generateVapidKeys();
  return {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: "mailto:owner@example.com",
  };
}

/** Copies dist/ (client assets and server bundle with its wrangler.json) to `dir`. */
export function copyBuild(dir: string): string {
  const config = join(dir, "dist", "server", "wrangler.json");
  cpSync("dist", join(dir, "dist"), { recursive: true });
  if (!existsSync(config)) throw new Error("dist/ holds no Worker build: run `astro build`");
  return config;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  if (options.build) await buildWorker();
  const dir = mkdtempSync(join(tmpdir(), "portal-stack-"));
  const signingSecret = "local-stack-signing-secret-0123456789abcdef";
  let log: ReturnType<typeof createWriteStream> | undefined;
  if (options.logFile) {
    mkdirSync(dirname(options.logFile), { recursive: true });
    log = createWriteStream(options.logFile);
  }
  let database: Database | undefined;
  let stripe: FakeStripeHandle | null = null;
  let worker: ChildProcess | undefined;
  const stop = async () => {
    if (worker) await stopGroup(worker);
    await stripe?.close();
    await database?.close();
    log?.end();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const wranglerConfig = copyBuild(dir);
    database = await startDatabase({ path: join(dir, "db.sqlite"), port: 0, signingSecret });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    if (options.stripe !== false) stripe = await startStripe(`${baseUrl}/webhooks/stripe`);
    const inspectorPort = await freePort();
    const spawnedAt = performance.now();
    worker = spawnWrangler(wranglerConfig, port, inspectorPort, {
      TURSO_DATABASE_URL: options.databaseUrl?.(database.server.url) ?? database.server.url,
      PUBLIC_BASE_URL: baseUrl,
      SIGNING_SECRET: signingSecret,
      ...(stripe?.vars ?? {}),
      ...(options.push ? await vapidVars() : {}),
    });
    await waitUntilUp(worker, baseUrl, (line) => log?.write(line));
    const workerStartMs = performance.now() - spawnedAt;
    return {
      baseUrl,
      database,
      signingSecret,
      links: database.links,
      stripe,
      wranglerConfig,
      workerStartMs,
      processGroup: worker.pid as number,
      inspectorPort,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function spawnWrangler(
  config: string,
  port: number,
  inspectorPort: number,
  vars: Record<string, string>,
): ChildProcess {
  const args = ["wrangler", "dev", "--config", config, "--ip", "127.0.0.1", "--port", String(port)];
  args.push("--inspector-port", String(inspectorPort));
  args.push("--log-level", "warn", "--show-interactive-dev-session=false");
  // The Worker's scheduled handler answers /cdn-cgi/handler/scheduled, as a Cron Trigger runs it.
  args.push("--test-scheduled");
  for (const [name, value] of Object.entries(vars)) args.push("--var", `${name}:${value}`);
  return spawn("npx", args, {
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: npx runs wrangler's launcher, which runs wrangler, which runs
    // workerd; stopping the group stops them all.
    detached: true,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}

async function waitUntilUp(
  child: ChildProcess,
  url: string,
  log: (text: string) => void,
): Promise<void> {
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log(chunk.toString());
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(-group, name);
      return true;
    } catch {
      return false; // The group is gone.
    }
  };
  if (!signal("SIGTERM")) return;
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!signal(0)) return;
  }
  signal("SIGKILL");
}
