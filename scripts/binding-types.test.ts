import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

// The "binding types" step of `npm test` (scripts/test.ts): `wrangler types --check` against
// the committed worker-configuration.d.ts. Run here on a copy, so the real files stay as they are.

const run = promisify(execFile);
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function check(config: string, types: string): Promise<number> {
  try {
    await run("npx", ["wrangler", "types", "--strict-vars=false", "--check", "-c", config, types], {
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? 1;
  }
}

describe("the binding types check", () => {
  it("passes on the committed types and fails once a binding is added without regenerating", async () => {
    dir = mkdtempSync(join(tmpdir(), "binding-types-"));
    const config = join(dir, "wrangler.jsonc");
    const types = join(dir, "worker-configuration.d.ts");
    copyFileSync("wrangler.jsonc", config);
    copyFileSync("worker-configuration.d.ts", types);
    // The types name the Worker's entry module (`main`), found relative to the config.
    mkdirSync(join(dir, "src"));
    copyFileSync("src/worker.ts", join(dir, "src", "worker.ts"));
    expect(await check(config, types)).toBe(0);

    const withKv = readFileSync(config, "utf8").replace(
      '"observability": { "enabled": true },',
      '"observability": { "enabled": true },\n  "kv_namespaces": [{ "binding": "CACHE", "id": "0123456789abcdef" }],',
    );
    expect(withKv).toContain('"CACHE"');
    writeFileSync(config, withKv);
    expect(await check(config, types)).not.toBe(0);
  }, 120_000);
});
