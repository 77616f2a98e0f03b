import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./local-stack";

// `npm start` stopped by a signal, as a process manager or Ctrl+C sends it, must leave nothing
// running: not wrangler, not workerd, and the port free. A stand-in process runs the local
// stack's Worker start and stop handling exactly as scripts/start.ts does, on a tiny Worker (so
// no build is needed), and is signalled like the real one.

const dir = mkdtempSync(join(tmpdir(), "stack-signal-"));
writeFileSync(join(dir, "worker.js"), 'export default { fetch: () => new Response("ok") };\n');
writeFileSync(
  join(dir, "wrangler.toml"),
  'name = "signal-test"\nmain = "worker.js"\ncompatibility_date = "2026-11-01"\n',
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every process descended from `root` (by parent id), read from `ps`. */
function descendants(root: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of table) {
      if (ppid === parent) {
        found.push(pid);
        queue.push(pid);
      }
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie has exited already; only its entry is left until its parent reaps it.
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" });
    return !state.trim().startsWith("Z");
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

describe("stopping the local stack by a signal", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`stops wrangler and workerd on ${signal} and frees the port`, async () => {
      const port = await freePort();
      const driver = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "test/support/stack-under-signal.ts",
          join(dir, "wrangler.toml"),
          String(port),
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let output = "";
      driver.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      driver.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      const exited = new Promise<void>((resolve) => driver.once("exit", () => resolve()));
      let children: number[] = [];
      try {
        expect(await until(() => output.includes("ready"), 90_000), output).toBe(true);
        expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
        children = descendants(driver.pid as number);
        const commands = execFileSync("ps", ["-o", "args=", "-p", children.join(",")], {
          encoding: "utf8",
        });
        expect(commands).toContain("workerd");

        driver.kill(signal);
        await exited;
        expect(await until(() => children.every((pid) => !alive(pid)), 10_000), output).toBe(true);
        expect(await freePort(port)).toBe(port);
      } finally {
        if (driver.exitCode === null) driver.kill("SIGKILL");
        // Whatever survived a failing run is not left behind for the next one.
        for (const pid of children) if (alive(pid)) process.kill(pid, "SIGKILL");
      }
    }, 120_000);
  }
});
