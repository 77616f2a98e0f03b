// Command line entry: `npm run db:server -- --file .data/dev.db --port 8080`.

import { parseArgs } from "node:util";
import { startLibsqlServer } from "./index.ts";

const usage = `Usage: npm run db:server -- [options]

  --file <path>          database file (default .data/dev.db; the folder is created)
  --memory               throwaway in-memory database instead of a file
  --port <n>             port to listen on (default 8080; 0 picks a free port)
  --host <addr>          interface to listen on (default 127.0.0.1)
  --token <secret>       require "Authorization: Bearer <secret>"
  --idle-timeout <ms>    close streams idle this long (default 10000)
  --busy-timeout <ms>    how long writers wait for the lock (default 5000)
  -h, --help             show this help
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}`);
  process.exit(2);
}

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    fail(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return n;
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse().values;
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(usage);
    return;
  }
  if (values.memory && values.file !== undefined) fail("Use either --file or --memory, not both.");
  const path = values.memory ? ":memory:" : (values.file ?? ".data/dev.db");

  const server = await startLibsqlServer({
    path,
    port: numberFlag(values.port, "port") ?? 8080,
    host: values.host,
    authToken: values.token,
    idleStreamTimeoutMs: numberFlag(values["idle-timeout"], "idle-timeout"),
    busyTimeoutMs: numberFlag(values["busy-timeout"], "busy-timeout"),
  });
  const what = path === ":memory:" ? "in-memory database" : path;
  process.stdout.write(`libSQL server listening on ${server.url} (${what})\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the server\n`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`error while stopping: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

function parse() {
  return parseArgs({
    options: {
      file: { type: "string" },
      memory: { type: "boolean" },
      port: { type: "string" },
      host: { type: "string" },
      token: { type: "string" },
      "idle-timeout": { type: "string" },
      "busy-timeout": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

main().catch((e: unknown) => {
  process.stderr.write(
    `libSQL server failed to start: ${e instanceof Error ? e.message : String(e)}\n`,
  );
  process.exit(1);
});
