import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../scripts/lib/local-stack";
import { type LibsqlServer, startLibsqlServer } from "../tools/libsql-server/index";

// The migrate command as a deployer runs it: every mistake (bad URL, wrong token, a database
// that cannot be reached) is one clear line and an exit code, never a stack trace.

let server: LibsqlServer;
beforeAll(async () => {
  server = await startLibsqlServer({ path: ":memory:", authToken: "right-token" });
});
afterAll(() => server.close());

function run(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "db/migrate-cli.ts", ...args], {
    cwd: join(import.meta.dirname, ".."),
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, TURSO_DATABASE_URL: "", TURSO_AUTH_TOKEN: "" },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    err += d;
  });
  return new Promise((done) => child.on("exit", (code) => done({ code, out, err })));
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe("npm run db:migrate", () => {
  it("explains a URL the client cannot use", async () => {
    const { code, err } = await run("--url", "nope");
    expect(code).toBe(2);
    expect(err).toContain("nope");
    expect(err).toMatch(/--url/);
    noStack(err);
  });

  it("explains an unknown option", async () => {
    const { code, err } = await run("--database", "libsql://x.turso.io");
    expect(code).toBe(2);
    expect(err).toContain("--database");
    noStack(err);
  });

  it("says the database cannot be reached, and where", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const { code, err } = await run("--url", url);
    expect(code).toBe(1);
    expect(err).toContain(`cannot reach the database at ${url}`);
    noStack(err);
  });

  it("says the token was refused, without printing it", async () => {
    const { code, err } = await run("--url", server.url, "--token", "wrong-token");
    expect(code).toBe(1);
    expect(err).toMatch(/refused the token/);
    expect(err).not.toContain("wrong-token");
    noStack(err);
  });

  it("applies the migrations, then reports the database up to date", async () => {
    const first = await run("--url", server.url, "--token", "right-token");
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("applied 0000_init");
    const second = await run("--url", server.url, "--token", "right-token");
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/database is up to date/);
  });
});
