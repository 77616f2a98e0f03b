import { execFileSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { DemoLink } from "../../db/seed";
import {
  buildWorker,
  type Database,
  freePort,
  startDatabase,
  startWorker,
  type Worker,
} from "../../scripts/lib/local-stack";
import { type FakeStripeHandle, startStripe } from "./stripe";

// The whole local stack for the browser tests and the benchmark: the built Worker under
// `wrangler dev`, a fresh local libSQL database with the demo data, and the fake Stripe API.
// Everything listens on loopback only and is stopped, process tree included, by stop().

export interface Stack {
  baseUrl: string;
  database: Database;
  signingSecret: string;
  links: DemoLink[];
  stripe: FakeStripeHandle | null;
  worker: Worker;
  /** Milliseconds from spawning `wrangler dev` until the Worker first answered. */
  workerStartMs: number;
  stop(): Promise<void>;
}

export interface StackOptions {
  build: boolean;
  /** Where wrangler's output goes; nothing is kept when unset. */
  logFile?: string;
  /** Start the fake Stripe API and point the Worker at it (default true). */
  stripe?: boolean;
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
  let worker: Worker | undefined;
  const stop = async () => {
    if (worker) await stopTree(worker);
    await stripe?.close();
    await database?.close();
    log?.end();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    database = await startDatabase({ path: join(dir, "db.sqlite"), port: 0, signingSecret });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    if (options.stripe !== false) stripe = await startStripe(`${baseUrl}/webhooks/stripe`);
    const spawnedAt = performance.now();
    worker = await startWorker({
      port,
      vars: {
        TURSO_DATABASE_URL: database.server.url,
        PUBLIC_BASE_URL: baseUrl,
        SIGNING_SECRET: signingSecret,
        ...(stripe?.vars ?? {}),
      },
      log: (line) => log?.write(`${line}\n`),
    });
    const workerStartMs = performance.now() - spawnedAt;
    return {
      baseUrl,
      database,
      signingSecret,
      links: database.links,
      stripe,
      worker,
      workerStartMs,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Stops `wrangler dev` and everything it started. `npx` runs wrangler's launcher, which runs
 * wrangler, which runs workerd: signalling only the top process would leave the rest running
 * (holding the port and the output pipes, so the test runner could not exit).
 */
async function stopTree(worker: Worker): Promise<void> {
  const root = worker.process.pid;
  const tree = root === undefined ? [] : descendants(root);
  await worker.stop();
  for (const pid of tree.reverse()) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
  const deadline = Date.now() + 5_000;
  while (tree.some(isAlive) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of tree.filter(isAlive)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** Every process below `root`, parents before children. */
function descendants(root: number): number[] {
  let table: string;
  try {
    table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" });
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const line of table.split("\n")) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (!pid || ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const next = queue.shift() as number;
    for (const child of children.get(next) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
