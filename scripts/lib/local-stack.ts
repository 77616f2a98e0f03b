import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { Db } from "../../db/client";
import { migrate } from "../../db/migrate";
import { type DemoLink, isEmpty, seedDemo } from "../../test/fixtures/demo-data";
import { type LibsqlServer, startLibsqlServer } from "../../tools/libsql-server/index";

// The local stack shared by `npm start`, the browser tests and the benchmark: the local libSQL
// server, migrations, demo data, and the built Worker under `wrangler dev`.

export const DATA_DIR = ".data";

/** A free TCP port on loopback, preferring `preferred` when it is free. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : null));
      });
    });
  return (preferred && (await tryPort(preferred))) || ((await tryPort(0)) as number);
}

/** The local signing secret, made once and kept in .data so links stay valid across restarts. */
export function localSigningSecret(dir = DATA_DIR): string {
  const file = `${dir}/signing-secret`;
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export interface Database {
  server: LibsqlServer;
  db: Db;
  applied: string[];
  /** Demo links: seeded now, or remembered from the first seeding. */
  links: DemoLink[];
  close(): Promise<void>;
}

/** Starts the local database server, migrates it, and seeds demo data when it is empty. */
export async function startDatabase(options: {
  path: string;
  port: number;
  signingSecret: string;
  linksFile?: string;
}): Promise<Database> {
  const server = await startLibsqlServer({ path: options.path, port: options.port });
  const client = createClient({ url: server.url });
  const report = await migrate(client);
  const db = drizzle(client) as unknown as Db;
  let links: DemoLink[] = [];
  if (await isEmpty(db)) {
    links = await seedDemo(db, options.signingSecret);
    if (options.linksFile) writeFileSync(options.linksFile, JSON.stringify(links, null, 2));
  } else if (options.linksFile && existsSync(options.linksFile)) {
    links = JSON.parse(readFileSync(options.linksFile, "utf8")) as DemoLink[];
  }
  return {
    server,
    db,
    applied: report.applied,
    links,
    async close() {
      client.close();
      await server.close();
    },
  };
}

export interface Worker {
  url: string;
  process: ChildProcess;
  /** Stops wrangler and everything it started (workerd included); resolves once all are gone. */
  stop(): Promise<void>;
}

/**
 * Sends `signal` to the whole process group led by `child`: npx runs wrangler's launcher, which
 * runs wrangler, which runs workerd, and signalling the first alone leaves the others running
 * and holding the port. False when the group is gone.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, then SIGKILL to whatever is left after a grace period. */
async function stopGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!signalGroup(child, "SIGTERM")) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (!signalGroup(child, 0)) return;
  }
  signalGroup(child, "SIGKILL");
  while (signalGroup(child, 0)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Runs the built Worker (or the Worker of `config`) under `wrangler dev`; resolves once it answers. */
export async function startWorker(options: {
  port: number;
  vars: Record<string, string>;
  log?: (line: string) => void;
  /** A wrangler config other than the project's (wrangler.toml). */
  config?: string;
}): Promise<Worker> {
  const url = `http://127.0.0.1:${options.port}`;
  const args = ["wrangler", "dev", "--ip", "127.0.0.1", "--port", String(options.port)];
  if (options.config) args.push("--config", options.config);
  args.push(
    "--inspector-port",
    String(await freePort()),
    "--log-level",
    "warn",
    "--show-interactive-dev-session=false",
  );
  for (const [name, value] of Object.entries(options.vars)) args.push("--var", `${name}:${value}`);
  const child = spawn("npx", args, {
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it reaches wrangler and workerd too (signalGroup).
    detached: true,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: process.env.CI ?? "" },
  });
  // However this process ends (a stop signal, an error, process.exit), the group goes with it;
  // an exit hook can only act synchronously, so it kills outright.
  const onExit = () => signalGroup(child, "SIGKILL");
  process.once("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const line of chunk.toString().split("\n")) if (line.trim()) options.log?.(line);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (Date.now() >= deadline) {
    await stopGroup(child);
    throw new Error(`wrangler dev did not answer within 60 s:\n${output}`);
  }
  return { url, process: child, stop: () => stopGroup(child) };
}

/**
 * Runs `stop` once on the first SIGINT, SIGTERM or SIGHUP (Ctrl+C, a process manager, a closed
 * terminal), then exits with `code`. A second signal while stopping is ignored, so the children
 * are never left half-stopped.
 */
export function stopOnSignals(stop: () => Promise<void>, code = 0): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(code),
      (error: unknown) => {
        console.error("Stopping failed:", error);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);
}

/** The PDF's font files (when stale), then `astro build`, which copies them; failing loudly. */
export async function buildWorker(): Promise<void> {
  await run("npx", ["tsx", "scripts/build-pdf-fonts.ts", "--if-stale"]);
  await run("npx", ["astro", "build"]);
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1" },
    });
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${args.slice(0, 2).join(" ")} failed with exit code ${code}`)),
    );
  });
}
